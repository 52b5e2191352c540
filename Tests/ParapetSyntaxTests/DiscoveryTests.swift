import Foundation
import Testing
@testable import ParapetSyntax

private func makeTree(_ files: [String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-discovery-\(UUID().uuidString)")
    for path in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: url)
    }
    return root
}

@Suite struct DiscoveryTests {
    @Test func walksRecursivelySortedAndSkipsToolFolders() throws {
        let root = try makeTree(["b/main.tf", "a.yaml", ".git/config.yaml", ".terraform/modules/x.tf",
                                 "node_modules/p/x.json", ".build/x.tf", "c/.claude/settings.json"])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try Discovery(workingDirectory: root.path).files(under: ["."])
        #expect(files.map(\.displayPath) == ["a.yaml", "b/main.tf", "c/.claude/settings.json"])
    }

    @Test func neverFollowsASymlinkOutOfTheRoot() throws {
        let outside = try makeTree(["secret.tf"])
        let root = try makeTree(["main.tf"])
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("escape").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("escape.tf").path,
                                                   withDestinationPath: outside.appendingPathComponent("secret.tf").path)
        let files = try Discovery(workingDirectory: root.path).files(under: ["."])
        #expect(files.map(\.displayPath) == ["main.tf"])
    }

    @Test func followsSymlinksInsideTheRootAndEndsOnCycles() throws {
        let root = try makeTree(["real/main.tf"])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("real/loop").path, withDestinationPath: root.path)
        let files = try Discovery(workingDirectory: root.path).files(under: ["."])
        #expect(files.map(\.displayPath) == ["real/main.tf"])
    }

    @Test func aFileRootIsScannedAndAMissingRootIsAnError() throws {
        let root = try makeTree(["main.tf", "other.tf"])
        defer { try? FileManager.default.removeItem(at: root) }
        let discovery = Discovery(workingDirectory: root.path)
        #expect(try discovery.files(under: ["main.tf"]).map(\.displayPath) == ["main.tf"])
        #expect(throws: Discovery.DiscoveryError.self) { try discovery.files(under: ["missing"]) }
    }

    @Test func pathsOutsideTheWorkingDirectoryStayAbsolute() throws {
        let root = try makeTree(["main.tf"])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try Discovery(workingDirectory: "/nonexistent-cwd").files(under: [root.path])
        #expect(files.first?.displayPath.hasPrefix("/") == true)
    }
}

@Suite struct FileClassifierNameTests {
    @Test(arguments: [
        ("infra/main.tf", FileKind.terraform), ("main.tf.json", .terraformJSON), ("prod.tfvars", .tfvars),
        ("x.auto.tfvars.json", .tfvarsJSON), (".mcp.json", .claudeMCP), ("plugins/x/.mcp.json", .claudeMCP),
        (".claude/settings.json", .claudeSettings), (".claude/settings.local.json", .claudeSettings),
        (".claude/agents/reviewer.md", .claudeSubagent), ("claude_desktop_config.json", .claudeDesktop),
        (".cursor/mcp.json", .cursorMCP), (".cursor/permissions.json", .cursorPermissions),
        (".vscode/mcp.json", .vscodeMCP), ("cline_mcp_settings.json", .clineMCP), (".roo/mcp.json", .rooMCP),
        ("mcp_config.json", .windsurfMCP), (".gemini/settings.json", .geminiSettings),
        (".continue/config.yaml", .continueConfig), (".continue/agents/dev.yaml", .continueConfig),
        (".codex/config.toml", .codexConfig), ("summarize.prompt.yml", .githubPrompt), ("qa.prompty", .prompty),
        ("langgraph.json", .langgraph),
    ])
    func decidesByName(_ path: String, _ kind: FileKind) {
        #expect(FileClassifier.classify(path: path) == .kind(kind))
    }

    @Test func ambiguousNamesAreSniffedAndUnknownOnesSkipped() {
        #expect(FileClassifier.classify(path: "k8s/deploy.yaml") == .sniff(.yaml, hint: nil))
        #expect(FileClassifier.classify(path: "chart/templates/svc.yaml") == .sniff(.yaml, hint: .helmTemplate))
        #expect(FileClassifier.classify(path: ".github/workflows/ci.yml") == .sniff(.yaml, hint: .agentWorkflow))
        #expect(FileClassifier.classify(path: "config/app.json") == .sniff(.json, hint: nil))
        #expect(FileClassifier.classify(path: "README.txt") == .unknown)
        #expect(FileClassifier.classify(path: "Cargo.toml") == .unknown)
    }

    @Test func helmMarkersAreRecognised() {
        #expect(FileClassifier.looksLikeHelmTemplate("name: {{ .Values.name }}"))
        #expect(FileClassifier.looksLikeHelmTemplate("{{- include \"x\" . }}"))
        #expect(!FileClassifier.looksLikeHelmTemplate("content: \"{{input}}\""))
    }
}
