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

    static func run(_ arguments: [String], in directory: URL) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

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

    @Test func aParseErrorIsAFindingAndExitsOne() throws {
        let workspace = try Workspace(["main.tf": brokenTerraform])
        let output = try CLI.run(["scan", "."], in: workspace.url)
        #expect(output.status == 1)
        #expect(output.stdout.contains("main.tf:"))
        #expect(output.stdout.contains("PAR001"))
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

    @Test func aMissingPathIsAUsageError() throws {
        let workspace = try Workspace([:])
        let output = try CLI.run(["scan", "does-not-exist"], in: workspace.url)
        #expect(output.status == 2)
        #expect(output.stderr.contains("does-not-exist"))
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
}
