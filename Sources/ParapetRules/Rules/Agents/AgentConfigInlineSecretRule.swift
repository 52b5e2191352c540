import ParapetCore
import ParapetGraph

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
                    findings.append(agentFinding("MCP server `\(server.name)` has \(what) written inline in `\(setting.name)`",
                                            at: setting.range, node: node, path: "servers.\(server.name).\(setting.name)"))
                }
            }
        }
        return findings
    }
}
