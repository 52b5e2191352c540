import ParapetCore
import ParapetSyntax

/// Kiro CLI custom agents and their Amazon Q Developer CLI predecessors (`.kiro/agents/*.json`,
/// `~/.aws/amazonq/cli-agents/*.json`; kiro.dev/docs/cli/custom-agents/configuration-reference,
/// checked 2026-12-07): `tools` the agent may use (asked), `allowedTools` that run without asking
/// (`*` for all, `@server` for an MCP server, `@server/tool` for one tool), write paths allowed
/// without asking (`toolsSettings.write.allowedPaths`, legacy `fs_write`), `mcpServers`, `model`.
enum KiroAgentAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.kiroAgent] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        var facts = ClientFacts()
        if let model = root["model"], let id = ClientData.text(model), !id.isEmpty {
            facts.models.append(ClientData.model(id, provider: nil, role: "main", range: model.range))
        }
        let allowed = ClientData.strings(root["allowedTools"], typed: true)
        let allowedNames = Set(allowed.map(\.text))
        facts.toolsSaid = root["tools"] != nil || root["allowedTools"] != nil
        for item in ClientData.strings(root["tools"], typed: true) where !allowedNames.contains(item.text) && !allowedNames.contains("*") {
            facts.grants.append(grant(item.text, approval: .ask, range: item.range, source: "tools"))
        }
        for item in allowed {
            facts.grants.append(grant(item.text, approval: .auto, range: item.range, source: "allowedTools"))
        }
        for tool in ["write", "fs_write"] {
            for path in ClientData.strings(root["toolsSettings"]?[tool]?["allowedPaths"], typed: true) {
                facts.grants.append(ToolGrant(pattern: "\(tool)(\(path.text))", kind: .builtin, approval: .auto, range: path.range,
                                              source: "toolsSettings.\(tool).allowedPaths"))
            }
        }
        if let servers = root["mcpServers"] {
            facts.servers = MCPServersReader.read(servers, client: .generic).servers
            facts.serversSaid = true
        }
        let name = ClientData.text(root["name"]) ?? "kiro"
        return [facts.profile(name: "kiro \(name)", format: file.kind, range: root.range, expressible: [.models, .tools, .servers],
                              budgetKinds: [])]
    }

    /// `@git` is the `git` server's every tool, `@git/status` one of them.
    static func grant(_ text: String, approval: Approval, range: SourceRange, source: String) -> ToolGrant {
        guard text.hasPrefix("@") else { return ToolGrant(pattern: text, kind: text == "*" ? .toolset : .builtin, approval: approval, range: range, source: source) }
        let parts = text.dropFirst().split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[1] != "*" {
            return ToolGrant(pattern: "mcp__\(parts[0])__\(parts[1])", kind: .mcp, approval: approval, range: range, source: source)
        }
        return ToolGrant(pattern: "mcp__\(parts.first ?? "")", kind: .toolset, approval: approval, range: range, source: source)
    }
}
