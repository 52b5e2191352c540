import Foundation
import ParapetTestSupport
import Testing

/// Runs the built `parapet` binary, which sits next to the test runner in the build folder.
struct CLI {
    static let binary: URL = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("parapet")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/parapet")
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `environment` is added to the test's own.
    static func run(_ arguments: [String], in directory: URL, input: String? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        inPipe.fileHandleForWriting.write(Data((input ?? "").utf8))
        try? inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

#if os(Linux)
import Glibc

extension CLI {
    /// Runs the binary with a pseudo-terminal as its standard output, so that it sees a terminal.
    /// `environment` is added to the test's environment without `NO_COLOR`.
    static func runOnTerminal(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Output {
        var controller: CInt = -1, terminal: CInt = -1
        guard openpty(&controller, &terminal, nil, nil, nil) == 0 else { throw CocoaError(.fileReadUnknown) }
        defer { close(controller) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = nil
        process.environment = variables.merging(environment) { _, new in new }
        process.standardOutput = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        try process.run()
        close(terminal)
        // Reading ends with an error once the child has closed its end of the terminal.
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(controller, &buffer, buffer.count)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: "")
    }
}
#endif

/// A scratch directory with the given files, removed when the test ends.
final class Workspace {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-cli-\(UUID().uuidString)")
        for (path, contents) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: file, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

let brokenTerraform = "locals {\n  name = \"logs\"\n"
let cleanTerraform = "locals {\n  name = \"logs\"\n}\n"

@Suite(.serialized) struct CLITests {
    @Test func versionPrintsTheVersionAndExitsZero() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["version"], in: workspace.url)
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("parapet "))
    }

    @Test func statisticsCountObjectsReadAndAnalysedPerKind() throws {
        let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bot}\nspec: {template: {spec: {containers: [{name: bot, image: \"bot:1\"}]}}}\n"
        let workspace = try Workspace(["envs/prod/app.yaml": deployment, "envs/staging/app.yaml": deployment,
                                       "main.tf": "resource \"aws_sqs_queue\" \"q\" {\n  count = 2\n}\n"])
        let output = try CLI.run(["scan", ".", "--statistics", "--exit-zero"], in: workspace.url)
        #expect(output.status == 0)
        #expect(output.stderr.contains("kubernetes Deployment  2 read, 2 analysed"))
        #expect(output.stderr.contains("terraform resource     1 read, 1 analysed"))
        #expect(output.stderr.contains("total: 3 read, 3 analysed, 4 graph nodes"))
    }

    @Test func standardInputIsScannedAsTheNamedFileInItsContext() throws {
        let policy = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: agents}
            spec: {podSelector: {}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {}}]}]}
            """
        let onDisk = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bot, namespace: agents}\nspec: {template: {spec: {containers: [{name: bot, image: \"bot:1.0.0\"}]}}}\n"
        let workspace = try Workspace(["policy.yaml": policy, "k8s/bot.yaml": onDisk])
        // The editor's unsaved buffer replaces the file on disk: its `:latest` is what is judged.
        let edited = onDisk.replacingOccurrences(of: "bot:1.0.0", with: "bot:latest")
        let output = try CLI.run(["scan", "-", "--stdin-filename", "k8s/bot.yaml", "--context", ".", "--select", "PIN504,EGR202"],
                                 in: workspace.url, input: edited)
        #expect(output.status == 1)
        #expect(output.stdout.contains("k8s/bot.yaml:4:58: warning PIN504"))
        #expect(!output.stdout.contains("EGR202"))
    }

    @Test func standardInputNeedsAFileName() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["scan", "-"], in: workspace.url, input: "x: 1\n")
        #expect(output.status == 2)
        #expect(output.stderr.contains("--stdin-filename"))
    }

    @Test func aParseErrorIsAFindingAndExitsOne() throws {
        let workspace = try Workspace(["main.tf": brokenTerraform])
        let output = try CLI.run(["scan", "."], in: workspace.url)
        #expect(output.status == 1)
        #expect(output.stdout.contains("main.tf:"))
        #expect(output.stdout.contains("PAR001"))
    }

    @Test func aFileParapetFailsOnIsPAR007TheOthersAreReportedAndTheScanExitsThree() throws {
        let image = "apiVersion: v1\nkind: Pod\nmetadata: {name: bot}\nspec: {containers: [{name: bot, image: \"bot:latest\"}]}\n"
        let workspace = try Workspace(["a/pod.yaml": image, "b/pod.yaml": image])
        let failing = ["PARAPET_TEST_FAIL_LOWERING": "a/pod.yaml"]
        for format in ["text", "json", "sarif"] {
            let output = try CLI.run(["scan", ".", "--select", "PIN504", "--exit-zero", "-f", format], in: workspace.url, environment: failing)
            #expect(output.status == 3, "\(format)")
            #expect(output.stdout.contains("PAR007"), "\(format)")
            #expect(output.stdout.contains("b/pod.yaml") && output.stdout.contains("PIN504"), "\(format)")
            #expect(output.stderr.contains("a/pod.yaml:1:1: PAR007 Internal error while lowering `a/pod.yaml`"), "\(format)")
        }
        let text = try CLI.run(["scan", ".", "--select", "PIN504"], in: workspace.url, environment: failing).stdout
        #expect(!text.contains("a/pod.yaml:4"), "the failed file is left out of the graph")
        let clean = try CLI.run(["scan", ".", "--select", "PIN504"], in: workspace.url)
        #expect(clean.status == 1)
        #expect(!clean.stdout.contains("PAR007"))
    }

    @Test func exitZeroKeepsTheReportButExitsZero() throws {
        let workspace = try Workspace(["main.tf": brokenTerraform])
        let output = try CLI.run(["scan", "--exit-zero"], in: workspace.url)
        #expect(output.status == 0)
        #expect(output.stdout.contains("PAR001"))
    }

    @Test func failOnAboveTheFindingsSeverityExitsZero() throws {
        let workspace = try Workspace(["main.tf": brokenTerraform])
        let failing = try CLI.run(["scan", "--fail-on", "note"], in: workspace.url)
        #expect(failing.status == 1)
        let config = try Workspace(["main.tf": brokenTerraform, ".parapet.yaml": "severity:\n  PAR001: note\n"])
        let passing = try CLI.run(["scan", "--fail-on", "warning"], in: config.url)
        #expect(passing.status == 0)
    }

    @Test func aCleanDirectoryExitsZero() throws {
        let workspace = try Workspace(["main.tf": cleanTerraform, "notes.txt": "not scanned"])
        let output = try CLI.run(["scan"], in: workspace.url)
        #expect(output.status == 0, "\(output.stdout)")
    }

    @Test func aMissingPathIsOneLineWithoutTheUsageBanner() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["scan", "does-not-exist"], in: workspace.url)
        #expect(output.status == 2)
        #expect(output.stderr == "error: no such file or directory: does-not-exist\n")
        #expect(output.stdout.isEmpty)
    }

    @Test func aMistypedSubcommandGetsASuggestion() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["scna"], in: workspace.url)
        #expect(output.status == 2)
        #expect(output.stderr == "error: unknown command `scna`; did you mean `scan`?\n")
        let rules = try CLI.run(["rulse", "--format", "json"], in: workspace.url)
        #expect(rules.status == 2 && rules.stderr.contains("did you mean `rules`?"))
        // A directory that happens to look like a subcommand is still scanned.
        let directory = try Workspace(["scna/main.tf": cleanTerraform])
        #expect(try CLI.run(["scna"], in: directory.url).status == 0)
    }

    @Test func helpDocumentsTheExitStatuses() throws {
        let workspace = try Workspace([:])
        for arguments in [["--help"], ["scan", "--help"]] {
            let output = try CLI.run(arguments, in: workspace.url)
            #expect(output.status == 0)
            let help = output.stdout.replacingOccurrences(of: "\n", with: " ")
            #expect(help.contains("0 no findings at or above --fail-on, 1 findings, 2 usage or configuration error"), "\(arguments)")
            #expect(help.contains("3 internal error"), "\(arguments)")
        }
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["scan", "--format", "xml"], in: workspace.url)
        #expect(output.status == 2)
        #expect(output.stderr.contains("xml"))
    }

    @Test func anUnknownRuleToExplainIsAUsageErrorWithASuggestion() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["explain", "PAR01"], in: workspace.url)
        #expect(output.status == 2)
        #expect(output.stderr.contains("PAR001"))
        let known = try CLI.run(["explain", "parse-error"], in: workspace.url)
        #expect(known.status == 0)
        #expect(known.stdout.contains("PAR001 parse-error"))
    }

    @Test func jsonOutputIsVersionedAndDeterministic() throws {
        let workspace = try Workspace(["infra/main.tf": brokenTerraform, "infra/ok.tf": cleanTerraform])
        let first = try CLI.run(["scan", "--format", "json"], in: workspace.url)
        let second = try CLI.run(["scan", "--format", "json"], in: workspace.url)
        #expect(first.status == 1)
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.first?["code"] as? String == "PAR001")
        #expect(findings.first?["path"] as? String == "infra/main.tf")
    }

    @Test func everyFixtureGivesTheSameBytesWithOneWorkerOrFourInEveryFormat() throws {
        for format in ["text", "json", "sarif"] {
            let arguments = ["scan", "fixtures", "--no-cache", "--exit-zero", "-f", format, "--jobs"]
            let serial = try CLI.run(arguments + ["1"], in: packageRoot)
            #expect(serial.status == 0, "\(format): \(serial.stderr)")
            #expect(serial.stdout.count > 100_000, "\(format): the fixtures give findings")
            for run in 1...2 {
                let parallel = try CLI.run(arguments + ["4"], in: packageRoot)
                #expect(parallel.stdout == serial.stdout, "\(format), parallel run \(run)")
            }
        }
        let none = try CLI.run(["scan", ".", "--jobs", "0"], in: packageRoot)
        #expect(none.status == 2)
        #expect(none.stderr.contains("--jobs must be at least 1"))
    }

    @Test func sarifOutputGoesToTheOutputFile() throws {
        let workspace = try Workspace(["main.tf": brokenTerraform])
        let output = try CLI.run(["scan", "--format", "sarif", "--output", "out.sarif"], in: workspace.url)
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        let data = try Data(contentsOf: workspace.url.appendingPathComponent("out.sarif"))
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.first?["ruleId"] as? String == "PAR001")
    }

    @Test func aSingleFileCanBeScanned() throws {
        let workspace = try Workspace(["main.tf": brokenTerraform, "other.tf": brokenTerraform])
        let output = try CLI.run(["scan", "main.tf"], in: workspace.url)
        #expect(output.status == 1)
        #expect(output.stdout.contains("main.tf:"))
        #expect(!output.stdout.contains("other.tf"))
    }

    @Test func listFilesPrintsEachRecognisedFileWithItsKind() throws {
        let workspace = try Workspace([
            "main.tf": cleanTerraform,
            "prod.tfvars": "region = \"eu-west-1\"\n",
            "deploy.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n",
            ".mcp.json": "{\"mcpServers\": {}}",
            "package.json": "{\"name\": \"web\"}",
            "chart/templates/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n",
            "node_modules/x/main.tf": cleanTerraform,
        ])
        let output = try CLI.run(["scan", "--list-files"], in: workspace.url)
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let kinds = Dictionary(lines.map { ($0[1], $0[0]) }, uniquingKeysWith: { a, _ in a })
        #expect(kinds["main.tf"] == "terraform")
        #expect(kinds["prod.tfvars"] == "tfvars")
        #expect(kinds["deploy.yaml"] == "kubernetes")
        #expect(kinds[".mcp.json"] == "claude-mcp-json")
        #expect(kinds["chart/templates/deploy.yaml"] == "helm-template")
        #expect(kinds["package.json"] == nil)
        #expect(kinds["node_modules/x/main.tf"] == nil)
    }

    @Test func textOutputHasACodeFrameAndASummary() throws {
        let workspace = try Workspace(["main.tf": brokenTerraform])
        let output = try CLI.run(["scan", "--color", "never"], in: workspace.url)
        #expect(output.stdout.contains("^"))
        #expect(!output.stdout.contains("\u{1B}["))
        #expect(output.stdout.lowercased().contains("found 1"))
    }

    @Test func varFilesApplyToTheRootModule() throws {
        let sg = """
            variable "cidrs" {
              type    = list(string)
              default = ["10.0.0.0/8"]
            }

            resource "aws_security_group" "agent" {
              name = "agent"
              egress {
                from_port   = 0
                to_port     = 0
                protocol    = "-1"
                cidr_blocks = var.cidrs
              }
            }
            """
        let workspace = try Workspace(["infra/main.tf": sg, "env/prod.tfvars": "cidrs = [\"0.0.0.0/0\"]\n"])
        let without = try CLI.run(["scan", "infra", "--format", "json"], in: workspace.url)
        #expect(!without.stdout.contains("EGR201"))
        let with = try CLI.run(["scan", "infra", "--var-file", "env/prod.tfvars", "--format", "json"], in: workspace.url)
        #expect(with.stdout.contains("EGR201"))
        #expect(with.stdout.contains("env/prod.tfvars"))
        let missing = try CLI.run(["scan", "infra", "--var-file", "nope.tfvars"], in: workspace.url)
        #expect(missing.status == 2)
    }

    @Test func selectAndIgnoreTakeCodesPrefixesAndNames() throws {
        let workspace = try Workspace(["pod.yaml": openPod])
        func codes(_ arguments: [String]) throws -> Set<String> {
            let output = try CLI.run(["scan", "--format", "json"] + arguments, in: workspace.url)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            return Set((object["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
        }
        let all = try codes([])
        #expect(all.isSuperset(of: ["PIN504", "BUD310", "EGR202"]))
        #expect(try codes(["--select", "PIN504"]) == ["PIN504"])
        #expect(try codes(["--select", "image-not-pinned,EGR2"]) == ["PIN504", "EGR202"])
        #expect(try codes(["--select", "PIN", "--select", "budget"]) == all.filter { $0.hasPrefix("PIN") || $0.hasPrefix("BUD") })
        #expect(try codes(["--ignore", "PIN504", "--ignore", "EGR"]) == all.filter { $0 != "PIN504" && !$0.hasPrefix("EGR") })
    }

    @Test func anUnknownRuleSelectorIsAUsageErrorWithASuggestion() throws {
        let workspace = try Workspace(["pod.yaml": openPod])
        let typo = try CLI.run(["scan", "--select", "PIN5O4"], in: workspace.url)
        #expect(typo.status == 2)
        #expect(typo.stderr == "error: unknown rule `PIN5O4`; did you mean `PIN504`?\n")
        #expect(typo.stdout.isEmpty)
        let unknown = try CLI.run(["scan", "--ignore", "EGR9", "--exit-zero"], in: workspace.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown rule `EGR9`; run `parapet rules` to list them"))
        let option = try CLI.run(["scan", "--selct", "EGR"], in: workspace.url)
        #expect(option.status == 2 && option.stderr.contains("Did you mean '--select'?"))
    }

    @Test func configurationErrorsExitTwoEvenWithExitZero() throws {
        let workspace = try Workspace(["main.tf": cleanTerraform, ".parapet.yaml": "select: EGR\nrules:\n  TEL123: {minimum-days: ninety}\n"])
        let text = try CLI.run(["scan", "--exit-zero", "--color", "never"], in: workspace.url)
        #expect(text.status == 2)
        #expect(text.stdout.contains(".parapet.yaml:1:9: error PAR005 `select` must be a list; write `[EGR]`"))
        #expect(text.stdout.contains(".parapet.yaml:3:26: error PAR005 Option `minimum-days` of TEL123 must be an integer, not `ninety`"))
        // When the report goes elsewhere, the errors still reach the person who ran it.
        let sarif = try CLI.run(["scan", "--format", "sarif", "--output", "out.sarif"], in: workspace.url)
        #expect(sarif.status == 2)
        #expect(sarif.stderr.contains(".parapet.yaml:1:9: PAR005 `select` must be a list"))
        let missing = try CLI.run(["scan", "--config", "nope.yaml"], in: workspace.url)
        #expect(missing.status == 2 && missing.stderr == "error: no such configuration file: nope.yaml\n" && missing.stdout.isEmpty)
        let fixed = try Workspace(["main.tf": cleanTerraform, ".parapet.yaml": "select: [EGR]\n"])
        #expect(try CLI.run(["scan"], in: fixed.url).status == 0)
    }

    @Test func theConfigurationAboveTheScannedPathAppliesWithItsOwnGlobs() throws {
        let workspace = try Workspace([
            "repo/.parapet.yaml": "exclude: [\"legacy/**\"]\nper-path-ignores:\n  \"apps/**\": [BUD310]\n",
            "repo/legacy/pod.yaml": openPod, "repo/apps/pod.yaml": openPod,
        ])
        for (directory, path) in [("", "repo"), ("repo/apps", "."), ("repo/apps", "../legacy")] {
            let output = try CLI.run(["scan", path, "--format", "json"], in: workspace.url.appendingPathComponent(directory))
            #expect(!output.stdout.contains("legacy/pod.yaml"), "\(directory) \(path)")
            #expect(!output.stdout.contains("BUD310"), "\(directory) \(path)")
        }
        let listed = try CLI.run(["scan", "--list-files", "repo"], in: workspace.url)
        #expect(listed.stdout.contains("repo/apps/pod.yaml") && !listed.stdout.contains("legacy"))
    }

    @Test func formatsListsEveryAgentFormatInTextAndJSON() throws {
        let workspace = try Workspace([:])
        let json = try CLI.run(["formats", "--format", "json"], in: workspace.url)
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let formats = try #require(object["formats"] as? [[String: Any]])
        #expect(formats.contains { $0["kind"] as? String == "opencode-config" })
        let text = try CLI.run(["formats"], in: workspace.url)
        #expect(text.status == 0 && text.stdout.contains("\(formats.count) formats"))
    }

    @Test func rulesJSONListsEveryRuleWithItsOptions() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["rules", "--format", "json"], in: workspace.url)
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let rules = try #require(object["rules"] as? [[String: Any]])
        let text = try CLI.run(["rules"], in: workspace.url)
        #expect(rules.count == text.stdout.split(separator: "\n").count)
        let retention = try #require(rules.first { $0["code"] as? String == "TEL123" })
        #expect(retention["name"] as? String == "log-retention-unset")
        let options = try #require(retention["options"] as? [[String: Any]])
        #expect(options.count == 1)
        #expect(options.first?["name"] as? String == "minimum-days")
        #expect(options.first?["type"] as? String == "integer")
        #expect(options.first?["default"] as? Int == 0)
        #expect(try CLI.run(["rules", "--format", "json"], in: workspace.url).stdout == output.stdout)
    }

    @Test func explainShowsARulesOptions() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["explain", "TEL123"], in: workspace.url)
        #expect(output.status == 0)
        #expect(output.stdout.contains("minimum-days (integer, default 0):"))
    }

    #if os(Linux)
    @Test func colorsFollowTheTerminalNoColorAndTheFlag() throws {
        let workspace = try Workspace(["main.tf": brokenTerraform])
        let escape = "\u{1B}["
        #expect(try CLI.runOnTerminal(["scan"], in: workspace.url).stdout.contains(escape))
        #expect(!(try CLI.runOnTerminal(["scan"], in: workspace.url, environment: ["NO_COLOR": "1"]).stdout.contains(escape)))
        #expect(try CLI.runOnTerminal(["scan"], in: workspace.url, environment: ["NO_COLOR": ""]).stdout.contains(escape))
        #expect(try CLI.runOnTerminal(["scan", "--color", "always"], in: workspace.url, environment: ["NO_COLOR": "1"]).stdout.contains(escape))
        #expect(!(try CLI.runOnTerminal(["scan", "--color", "never"], in: workspace.url).stdout.contains(escape)))
        #expect(!(try CLI.run(["scan"], in: workspace.url).stdout.contains(escape)), "a pipe is not a terminal")
    }
    #endif
}

let openPod = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      containers:
        - name: web
          image: nginx:latest
    """
