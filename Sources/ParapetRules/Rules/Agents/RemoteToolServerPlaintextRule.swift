import ParapetCore
import ParapetGraph

struct RemoteToolServerPlaintextRule: Rule {
    static let metadata = RuleMetadata(
        code: "EGR206", name: "remote-tool-server-plaintext", family: .egress, defaultSeverity: .warning,
        summary: "Finds MCP servers and agent endpoints reached over plain `http://` on another host.",
        rationale: """
            Tool calls carry prompts, code and credentials. Over plain HTTP anyone on the path can \
            read them or change a tool's answer, which is a prompt injection without touching the \
            server. Loopback addresses are exempt.
            """,
        remediation: "Use `https://` for every remote MCP server and agent endpoint.",
        examples: [
            .triggering("""
                {
                  "mcpServers": {
                    "tickets": {"type": "http", "url": ↓"http://tickets.internal.example.com/mcp"}
                  }
                }
                """, fileName: ".mcp.json"),
            .passing("""
                {
                  "mcpServers": {
                    "tickets": {"type": "http", "url": "https://tickets.example.com/mcp"},
                    "local": {"type": "http", "url": "http://localhost:3000/mcp"}
                  }
                }
                """, fileName: ".mcp.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (node, profile) in context.agents {
            for server in profile.servers.value ?? [] where !server.disabled {
                guard let url = server.url, let parts = URLParts(url), parts.isPlaintextRemote else { continue }
                findings.append(finding("MCP server `\(server.name)` is reached over plain HTTP: `\(url)`",
                                        at: server.urlRange ?? server.range, node: node, path: "servers.\(server.name)"))
            }
            if let endpoint = profile.endpoint.value, let url = endpoint.url, let parts = URLParts(url), parts.isPlaintextRemote {
                findings.append(finding("Agent endpoint is served over plain HTTP: `\(url)`", at: endpoint.range, node: node, path: "endpoint"))
            }
        }
        return findings
    }
}
