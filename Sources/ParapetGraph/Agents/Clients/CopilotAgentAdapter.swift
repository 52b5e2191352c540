import ParapetCore
import ParapetSyntax

/// GitHub Copilot custom agents (`.github/agents/*.agent.md`, older `.github/chatmodes/*.chatmode.md`):
/// front matter with `name`, `description`, `target` (`vscode` or `github-copilot`), `tools`
/// (unset means every tool), `model` and `mcp-servers`.
///
/// The file lists which tools the agent has, not how they are approved: VS Code asks or not by
/// its own settings, and the cloud agent works unattended inside its Actions sandbox and firewall
/// (configured in the repository settings, not in files). So grants are `unknown` approval, and
/// egress, caps and telemetry are not expressible.
enum CopilotAgentAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.copilotAgent] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        var facts = ClientFacts()
        // Copilot names models by display name (`Claude Sonnet 4.5`, `GPT-5 (copilot)`): kept as
        // written, with no provider, so the registry judges none of them.
        for item in ClientData.strings(root["model"], typed: true) where !item.text.isEmpty {
            facts.models.append(ModelReference(provider: nil, id: item.text, role: "main", range: item.range))
        }
        facts.toolsSaid = true
        let tools = ClaudeSubagentAdapter.toolList(root["tools"], in: file.source)
        if tools.isEmpty {
            facts.grants.append(ToolGrant(pattern: "*", kind: .toolset, approval: .unknown, range: root["tools"]?.range ?? root.range,
                                          source: "tools omitted: every tool"))
        }
        for tool in tools {
            // `github/*`, `my-server/*`: every tool of a server.
            let kind: ToolGrant.Kind = tool.text.hasSuffix("/*") ? .toolset : (tool.text.contains("/") ? .mcp : .builtin)
            facts.grants.append(ToolGrant(pattern: tool.text, kind: kind, approval: .unknown, range: tool.range, source: "tools"))
        }
        if let servers = root["mcp-servers"] {
            facts.serversSaid = true
            facts.servers = MCPServersReader.read(servers, client: .copilotAgent).servers
        }
        let name = ClientData.string(root["name"]).map(ClientData.trim).flatMap { $0.isEmpty ? nil : $0 } ?? stem(file.source.path)
        return [facts.profile(name: name, format: file.kind, range: root.range, expressible: [.models, .tools, .servers], budgetKinds: [])]
    }

    /// `.github/agents/reviewer.agent.md` → `reviewer`.
    static func stem(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".agent.md", ".chatmode.md", ".md"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name
    }
}
