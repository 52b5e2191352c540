import Foundation
import ParapetCore
import ParapetTestSupport
import Testing
@testable import ParapetRules

/// A scratch directory scanned with the whole pipeline, from `directory` inside it (the working
/// directory) over `roots`. The search for `.parapet.yaml` stops at the scratch directory.
private func scan(_ files: [String: String], only: [String] = [], from directory: String = "", roots: [String] = ["."],
                  configure: (inout ScanOptions) -> Void = { _ in }) throws -> [Finding] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-rules-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    var options = ScanOptions(roots: roots, workingDirectory: root.appendingPathComponent(directory).path, workers: 1)
    options.only = only
    options.configSearchCeiling = root.path
    configure(&options)
    return try Scan.run(options).findings
}

private let openPod = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      containers:
        - name: web
          image: nginx:latest
    """

@Suite struct ConfigurationTests {
    @Test func unknownKeysAndRulesAreConfigErrorsWithSuggestions() throws {
        let findings = try scan([".parapet.yaml": "selct: [EGR]\nignore: [PIN5044]\nseverity:\n  TEL110: loud\n"])
        let messages = findings.filter { $0.code == "PAR005" }.map(\.message)
        #expect(messages.contains("Unknown configuration key `selct`; did you mean `select`?"))
        #expect(messages.contains { $0.hasPrefix("Unknown rule `PIN5044`; did you mean `PIN504`?") })
        #expect(messages.contains("Severity must be error, warning or note"))
        let selct = try #require(findings.first { $0.message.contains("selct") })
        #expect(selct.range.path == ".parapet.yaml" && selct.range.start.line == 1 && selct.range.start.column == 1)
    }

    @Test func selectIgnoreAndSeverityOverridesApply() throws {
        let base = try scan(["pod.yaml": openPod])
        #expect(base.contains { $0.code == "PIN504" && $0.severity == .warning })
        let ignored = try scan(["pod.yaml": openPod, ".parapet.yaml": "ignore: [image-not-pinned]\n"])
        #expect(!ignored.contains { $0.code == "PIN504" })
        let selected = try scan(["pod.yaml": openPod, ".parapet.yaml": "select: [PIN]\nseverity: {PIN504: error}\n"])
        #expect(selected.allSatisfy { $0.code.hasPrefix("PIN") || $0.code.hasPrefix("PAR") })
        #expect(selected.contains { $0.code == "PIN504" && $0.severity == .error })
        let perPath = try scan(["legacy/pod.yaml": openPod, ".parapet.yaml": "per-path-ignores:\n  \"legacy/**\": [PIN504]\n"])
        #expect(!perPath.contains { $0.code == "PIN504" })
        let excluded = try scan(["legacy/pod.yaml": openPod, ".parapet.yaml": "exclude: [\"legacy/**\"]\n"])
        #expect(excluded.isEmpty)
    }

    @Test func projectRulesLoadFromRulesDirsAndReportTheirMistakes() throws {
        let rule = """
            code: PIN900
            name: web-image-from-docker-hub
            family: pinning
            summary: Finds the web container pulled from Docker Hub.
            rationale: Company policy.
            remediation: Use the internal registry.
            match:
              kind: workload
              where:
                path: spec.containers[0].image
                matches: '^nginx'
            message: "Workload `{name}` uses `{value}`"
            at: spec.containers[0].image
            """
        let findings = try scan(["pod.yaml": openPod, ".parapet.yaml": "rules-dirs: [policies]\n",
                                 "policies/web.yaml": rule, "policies/broken.yaml": "code: PIN901\nnme: x\n"])
        let custom = try #require(findings.first { $0.code == "PIN900" })
        #expect(custom.message == "Workload `web` uses `nginx:latest`")
        #expect(custom.range.start.line == 8)
        let broken = findings.filter { $0.code == "PAR005" && $0.range.path == "policies/broken.yaml" }
        #expect(broken.contains { $0.message.contains("`nme`") && $0.message.contains("did you mean `name`?") })
    }
}

private let logGroups = """
    resource "aws_cloudwatch_log_group" "short" {
      name              = "/agents/short"
      retention_in_days = 7
    }
    """

@Suite struct RuleOptionTests {
    @Test func aValidOptionReachesTheRule() throws {
        let defaults = try scan(["main.tf": logGroups], only: ["TEL123"])
        #expect(defaults.isEmpty, "\(defaults)")
        let configured = try scan(["main.tf": logGroups, ".parapet.yaml": "rules:\n  log-retention-unset:\n    minimum-days: 30\n"],
                                  only: ["TEL123"])
        #expect(configured.map(\.message) == ["Retention `7` days is below the minimum of 30 days"])
    }

    @Test func unknownRulesOptionsAndTypesAreErrorsAtTheirLine() throws {
        let config = """
            rules:
              TEL123:
                minimum-day: 30
              TEL111:
                enabled: true
              PIN5O4: {}
              TEL: {}
              log-retention-unset:
                minimum-days: ninety
            """
        let findings = try scan(["main.tf": logGroups, ".parapet.yaml": config], only: ["TEL123", "PAR"])
        let errors = findings.filter { $0.code == "PAR005" }
        let byLine = Dictionary(errors.map { ($0.range.start.line, $0.message) }, uniquingKeysWith: { a, b in a + " | " + b })
        #expect(byLine[3] == "Unknown option `minimum-day` for TEL123; did you mean `minimum-days`?")
        #expect(byLine[5] == "Unknown option `enabled` for TEL111; TEL111 has no options")
        #expect(byLine[6] == "Unknown rule `PIN5O4`; did you mean `PIN504`?")
        #expect(byLine[7] == "`rules` takes one rule code or name, not `TEL`")
        #expect(byLine[9] == "Option `minimum-days` of TEL123 must be an integer, not `ninety`")
        #expect(errors.count == 5)
        #expect(errors.allSatisfy { $0.range.path == ".parapet.yaml" })
        // The mistyped value is not used: the default (0) applies and 7 days passes.
        #expect(!findings.contains { $0.code == "TEL123" })
    }

    @Test func optionTypesAreStrict() throws {
        for (written, expected) in [("\"30\"", "`30`"), ("30.5", "`30.5`"), ("[30]", "a list"), ("{days: 30}", "a mapping")] {
            let findings = try scan([".parapet.yaml": "rules: {TEL123: {minimum-days: \(written)}}\n"])
            #expect(findings.map(\.message) == ["Option `minimum-days` of TEL123 must be an integer, not \(expected)"], "\(written)")
        }
    }

    @Test func hugeNumbersDoNotTrap() throws {
        let findings = try scan([".parapet.yaml": "rules: {TEL123: {minimum-days: 1e300}}\n", "main.tf": logGroups], only: ["TEL123", "PAR"])
        #expect(findings.map(\.code) == ["PAR005"])
    }

    @Test func everyOptionDefaultHasItsDeclaredKind() {
        for rule in RuleCatalog.all {
            for option in rule.options {
                #expect(!option.doc.isEmpty && option.doc.hasSuffix("."), "\(rule.code) \(option.name)")
                #expect(option.name == option.name.lowercased() && !option.name.contains(" "), "\(rule.code) \(option.name)")
            }
            #expect(Set(rule.options.map(\.name)).count == rule.options.count, "\(rule.code) declares an option twice")
        }
    }
}

@Suite struct ConfigurationLocationTests {
    @Test func theNearestConfigurationAboveTheScannedPathApplies() throws {
        let files = ["repo/.parapet.yaml": "ignore: [PIN504]\n", "repo/k8s/apps/pod.yaml": openPod]
        let fromInside = try scan(files, from: "repo/k8s/apps")
        #expect(!fromInside.isEmpty && !fromInside.contains { $0.code == "PIN504" }, "\(fromInside)")
        let fromOutside = try scan(files, roots: ["repo/k8s"])
        #expect(!fromOutside.isEmpty && !fromOutside.contains { $0.code == "PIN504" })
        let aFile = try scan(files, roots: ["repo/k8s/apps/pod.yaml"])
        #expect(!aFile.isEmpty && !aFile.contains { $0.code == "PIN504" })
        let nearer = try scan(files.merging(["repo/k8s/.parapet.yaml": "ignore: [BUD310]\n"]) { a, _ in a }, roots: ["repo/k8s"])
        #expect(nearer.contains { $0.code == "PIN504" } && !nearer.contains { $0.code == "BUD310" })
        let elsewhere = try scan(["a/.parapet.yaml": "ignore: [PIN504]\n", "b/pod.yaml": openPod], roots: ["b"])
        #expect(elsewhere.contains { $0.code == "PIN504" })
    }

    @Test func anExplicitConfigurationWinsOverTheSearch() throws {
        let files = [".parapet.yaml": "ignore: [PIN504]\n", "ci/strict.yaml": "ignore: [BUD310]\n", "pod.yaml": openPod]
        let findings = try scan(files) { $0.configPath = "ci/strict.yaml" }
        #expect(findings.contains { $0.code == "PIN504" } && !findings.contains { $0.code == "BUD310" })
    }

    @Test func globsAreRelativeToTheConfigurationFile() throws {
        let config = "exclude: [\"legacy/**\"]\nper-path-ignores:\n  \"apps/**\": [PIN504]\n"
        let files = ["repo/.parapet.yaml": config, "repo/legacy/pod.yaml": openPod, "repo/apps/pod.yaml": openPod]
        for (directory, roots) in [("", ["repo"]), ("repo", ["."]), ("repo/apps", ["..", "."])] {
            let findings = try scan(files, from: directory, roots: roots)
            #expect(!findings.contains { $0.range.path.contains("legacy") }, "\(directory)")
            #expect(findings.contains { $0.range.path.hasSuffix("pod.yaml") } && !findings.contains { $0.code == "PIN504" }, "\(directory)")
        }
        // Relative to the file named by --config, not to the working directory.
        let explicit = try scan(["ci/parapet.yaml": "exclude: [\"../legacy/**\", \"pod.yaml\"]\n", "legacy/pod.yaml": openPod]) {
            $0.configPath = "ci/parapet.yaml"
        }
        #expect(explicit.contains { $0.range.path == "legacy/pod.yaml" })
    }

    @Test func aScalarWhereAListBelongsIsAnError() throws {
        let findings = try scan(["legacy/pod.yaml": openPod, ".parapet.yaml": "exclude: legacy/**\nselect: PIN\nper-path-ignores:\n  x: PIN504\n"])
        let errors = findings.filter { $0.code == "PAR005" }.map { "\($0.range.start.line):\($0.range.start.column) \($0.message)" }
        #expect(errors == ["1:10 `exclude` must be a list; write `[legacy/**]`", "2:9 `select` must be a list; write `[PIN]`",
                           "4:6 `per-path-ignores.x` must be a list; write `[PIN504]`"])
        #expect(findings.contains { $0.code == "PIN504" }, "a rejected setting is not applied")
    }

    @Test func theCommandLineSelectReplacesAndIgnoreAdds() throws {
        let files = ["pod.yaml": openPod, ".parapet.yaml": "select: [BUD]\nignore: [TEL111]\n"]
        let selected = try scan(files) { $0.only = ["PIN", "TEL"] }
        #expect(selected.contains { $0.code == "PIN504" } && !selected.contains { $0.code.hasPrefix("BUD") || $0.code == "TEL111" })
        let ignored = try scan(files) { $0.ignore = ["BUD310"] }
        #expect(ignored.isEmpty, "\(ignored)")
    }
}

@Suite struct EditDistanceTests {
    @Test(arguments: [("scna", "scan", 1), ("PIN5O4", "PIN504", 1), ("ab", "ba", 1), ("abc", "ca", 3), ("", "abc", 3), ("kitten", "sitting", 3)])
    func distanceCountsASwapAsOneEdit(_ a: String, _ b: String, _ expected: Int) {
        #expect(EditDistance.distance(a, b) == expected)
    }
}

@Suite struct SuppressionTests {
    @Test func aCommentOnTheLineBeforeSuppressesAndAnUnusedOneIsReported() throws {
        let suppressed = openPod.replacingOccurrences(of: "      image: nginx:latest", with: "      # parapet:ignore PIN504 -- demo image\n      image: nginx:latest")
        let findings = try scan(["pod.yaml": suppressed + "\n# parapet:ignore EGR201 -- nothing here\n"])
        #expect(!findings.contains { $0.code == "PIN504" })
        let unused = try #require(findings.first { $0.code == "PAR002" })
        #expect(unused.message.contains("EGR201"))
    }

    @Test func unknownRulesInSuppressionsAreInvalid() throws {
        let findings = try scan(["pod.yaml": "# parapet:ignore-file PIN5O4 -- typo\n" + openPod])
        #expect(findings.contains { $0.code == "PAR003" && $0.message.contains("PIN5O4") && $0.message.contains("PIN504") })
        #expect(findings.contains { $0.code == "PIN504" })
    }

    @Test func reasonsAreRequiredWhenConfigured() throws {
        let findings = try scan(["pod.yaml": "# parapet:ignore-file PIN504\n" + openPod, ".parapet.yaml": "require-suppression-reason: true\n"])
        #expect(findings.contains { $0.code == "PAR003" && $0.message.contains("reason") })
    }

    @Test func theKubernetesAnnotationSuppressesFindingsOfItsObject() throws {
        let annotated = openPod.replacingOccurrences(of: "  name: web", with: "  name: web\n  annotations:\n    parapet.dev/ignore: \"PIN504: pinned by the deploy pipeline; BUD310: sized by VPA\"")
        let findings = try scan(["pod.yaml": annotated])
        #expect(!findings.contains { $0.code == "PIN504" || $0.code == "BUD310" })
        #expect(!findings.contains { $0.code == "PAR002" })
    }

    @Test func hclSlashCommentsSuppressToo() throws {
        let tf = """
            resource "aws_s3_bucket" "logs" {
              bucket        = "logs"
              // parapet:ignore GATE403 -- scratch bucket
              force_destroy = true
            }
            """
        let findings = try scan(["main.tf": tf], only: ["GATE403", "PAR"])
        #expect(findings.isEmpty, "\(findings)")
    }
}

@Suite struct SameContentFileTests {
    /// Two folders with the same bytes (one parse shared between them): each file has its own
    /// findings and suppressions, at its own path.
    @Test func identicalFilesEachKeepTheirFindingsAndSuppressions() throws {
        let text = """
            resource "aws_db_instance" "orders" {
              engine = "postgres"
            }

            # parapet:ignore GATE401 -- a scratch database, rebuilt every night
            resource "aws_db_instance" "scratch" {
              engine = "postgres"
            }
            """
        let findings = try scan(["envs/dev/main.tf": text, "envs/prod/main.tf": text, "envs/qa/main.tf": text + "\n"],
                                only: ["GATE401"])
        let places = findings.map { "\($0.range.path):\($0.range.start.line)" }.sorted()
        #expect(places == ["envs/dev/main.tf:1", "envs/prod/main.tf:1", "envs/qa/main.tf:1"])
    }
}
