import Foundation
import ParapetCore
import ParapetTestSupport
import Testing
@testable import ParapetRules

/// A scratch directory scanned with the whole pipeline.
private func scan(_ files: [String: String], only: [String] = []) throws -> [Finding] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-rules-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    var options = ScanOptions(roots: ["."], workingDirectory: root.path, workers: 1)
    options.only = only
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
