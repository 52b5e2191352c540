import ParapetCore
import ParapetGraph

struct RemoteToolServerPlaintextRule: Rule {
    static let metadata = RuleMetadata(
        code: "EGR206", name: "remote-tool-server-plaintext", family: .egress, defaultSeverity: .warning,
        summary: "Finds MCP servers, agent endpoints and HTTP hooks reached over plain `http://` on another host.",
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
        var seen: Set<SourceRange> = []
        for (node, profile) in context.agents {
            for server in profile.servers.value ?? [] where !server.disabled {
                guard let url = server.url, let parts = URLParts(url), parts.isPlaintextRemote else { continue }
                findings.append(agentFinding("MCP server `\(server.name)` is reached over plain HTTP: `\(url)`",
                                        at: server.urlRange ?? server.range, node: node, path: "servers.\(server.name)"))
            }
            // A hook of type `http` posts the event (tool input, output, prompt) to its URL.
            for hook in profile.hookEndpoints {
                guard let parts = URLParts(hook.url), parts.isPlaintextRemote, seen.insert(hook.range).inserted else { continue }
                findings.append(agentFinding("Hook `\(hook.event)` posts over plain HTTP: `\(hook.url)`", at: hook.range, node: node,
                                        path: "hooks.\(hook.event)"))
            }
            if let endpoint = profile.endpoint.value, let url = endpoint.url, let parts = URLParts(url), parts.isPlaintextRemote {
                findings.append(agentFinding("Agent endpoint is served over plain HTTP: `\(url)`", at: endpoint.range, node: node, path: "endpoint"))
            }
        }
        return findings
    }
}
