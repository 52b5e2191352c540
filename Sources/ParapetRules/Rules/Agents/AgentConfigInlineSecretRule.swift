import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

struct AgentConfigInlineSecretRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE413", name: "agent-config-inline-secret", family: .gate, defaultSeverity: .error,
        summary: "Finds credentials written inline in MCP server configs (`env` values, HTTP headers).",
        rationale: """
            An MCP config is committed with the repository and copied between machines. A token \
            written in its `env` or `headers` is readable by everyone with the repository, by every \
            agent that loads the file, and by any prompt injection that can read files. What looks \
            like a secret is data in `rules/agents/secret-patterns.yaml`.
            """,
        remediation: "Reference the secret from the environment (`${GITHUB_TOKEN}`, `${env:TOKEN}`, Codex `env_vars`) and revoke the written one.",
        examples: [
            .triggering("""
                {
                  "mcpServers": {
                    "github": {
                      "command": "npx",
                      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
                      "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": ↓"ghp_0123456789abcdefghijABCDEFGHIJ012345"}
                    }
                  }
                }
                """, fileName: ".mcp.json"),
            .passing("""
                {
                  "mcpServers": {
                    "github": {
                      "command": "npx",
                      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
                      "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}"}
                    }
                  }
                }
                """, fileName: ".mcp.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let patterns = SecretPatterns.builtIn
        var findings: [Finding] = []
        var seen: Set<SourceRange> = []
        for (node, profile) in context.agents {
            for server in profile.servers.value ?? [] {
                for setting in server.settings where seen.insert(setting.range).inserted {
                    guard let what = patterns.secret(name: setting.name, value: setting.value) else { continue }
                    findings.append(finding("MCP server `\(server.name)` has \(what) written inline in `\(setting.name)`",
                                            at: setting.range, node: node, path: "servers.\(server.name).\(setting.name)"))
                }
            }
        }
        return findings
    }
}

/// `rules/agents/secret-patterns.yaml`: token prefixes and secret-looking names.
struct SecretPatterns: Sendable {
    var prefixes: [(name: String, expression: NSRegularExpressionBox)] = []
    var secretNames: [String] = []
    var minLength = 16
    var placeholders: [String] = []

    static let builtIn = SecretPatterns(EmbeddedRuleFiles.files.first { $0.path == "rules/agents/secret-patterns.yaml" }?.contents ?? "")

    init(_ contents: String) {
        let root = YAMLParser.parse(SourceFile(path: "secret-patterns.yaml", text: contents)).documents.first?["secrets"]
        for entry in root?["prefixes"]?.sequence ?? [] {
            guard let name = entry["name"]?.string, let pattern = entry["pattern"]?.string,
                  let expression = try? NSRegularExpressionBox("^(?:\(pattern))$") else { continue }
            prefixes.append((name, expression))
        }
        secretNames = (root?["secret-names"]?.sequence ?? []).compactMap(\.string)
        minLength = root?["min-length"]?.string.flatMap { Int($0) } ?? 16
        placeholders = (root?["placeholders"]?.sequence ?? []).compactMap { $0.string?.lowercased() }
    }

    /// What the value is ("a GitHub token", "a secret"), or nil when it is not one.
    func secret(name: String, value: String) -> String? {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("bearer ") { text = String(text.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        guard !text.isEmpty, !Interpolation.contains(text), !text.hasPrefix("$") else { return nil }
        let lower = text.lowercased()
        if placeholders.contains(where: { lower.contains($0) }) { return nil }
        if let match = prefixes.first(where: { $0.expression.matches(text) }) {
            return ("AEIOU".contains(match.name.prefix(1)) ? "an " : "a ") + match.name
        }
        let words = name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).map(String.init)
        let joined = name.lowercased()
        let named = secretNames.contains { words.contains($0) || joined.contains($0) && $0.count > 3 }
        // Paths and URLs name where a secret is, not the secret.
        let locator = text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("~") || text.contains("://")
        guard named, !locator, text.count >= minLength, !text.contains(" ") else { return nil }
        return "a secret"
    }
}
