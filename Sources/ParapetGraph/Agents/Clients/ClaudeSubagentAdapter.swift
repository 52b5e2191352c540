import ParapetCore
import ParapetSyntax

/// Claude Code subagents (`.claude/agents/*.md`): Markdown front matter, read leniently when it
/// is not valid YAML. `tools` omitted inherits every tool of the session (MCP tools included),
/// `model` omitted is `inherit`; `permissionMode` sets how the granted tools are approved.
enum ClaudeSubagentAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.claudeSubagent] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        let provider = "anthropic"
        var facts = ClientFacts()

        var mode = ApprovalMode.Mode.normal
        if let node = root["permissionMode"], let value = node.string {
            mode = ClaudePermissions.mode(value)
            facts.setApproval(ApprovalMode(mode: mode, setting: "permissionMode: \(value)", range: node.range))
        }

        if let node = root["model"], let id = ClientData.text(node), !id.isEmpty {
            facts.models.append(ClientData.model(id, provider: provider, role: "main", range: node.range))
        } else {
            // Not written: the subagent runs on the session's model. Whether that floats is the
            // parent's business; the reference says so.
            facts.models.append(ModelReference(provider: provider, id: "inherit", role: "main", range: root.range))
        }

        facts.toolsSaid = true
        let tools = toolList(root["tools"], in: file.source)
        if tools.isEmpty {
            // `tools` omitted (or empty): every tool of the session, approved as the mode says.
            let approval: Approval = mode == .bypass ? .auto : .ask
            facts.grants.append(ToolGrant(pattern: "*", kind: .toolset, approval: approval, range: root["tools"]?.range ?? root.range,
                                          source: "tools omitted: inherits all tools"))
        }
        for tool in tools {
            facts.grants.append(ToolGrant(pattern: tool.text, kind: ClaudePermissions.kind(tool.text),
                                          approval: ClaudePermissions.approval(of: tool.text, in: mode), range: tool.range, source: "tools", grammar: .claudeCode))
        }
        for tool in toolList(root["disallowedTools"], in: file.source) {
            facts.grants.append(ToolGrant(pattern: tool.text, kind: ClaudePermissions.kind(tool.text), approval: .denied,
                                          range: tool.range, source: "disallowedTools", grammar: .claudeCode))
        }

        var expressible: ClientFacts.Expressible = [.models, .tools, .servers, .approval]
        if let servers = root["mcpServers"] {
            facts.serversSaid = true
            facts.servers = self.servers(servers)
        }
        if let node = root["maxTurns"], let value = node.string {
            facts.budgets.append(BudgetCap(kind: .turns, value: value, setting: "maxTurns", range: node.range))
        }
        // Telemetry is the session's (settings, env); a subagent can only add post-tool hooks.
        ClaudeSettingsReader.readHooks(root, provider: provider, prefix: "", into: &facts)
        if facts.telemetrySaid { expressible.insert(.telemetry) }

        let name = ClientData.string(root["name"]).map(ClientData.trim).flatMap { $0.isEmpty ? nil : $0 } ?? stem(file.source.path)
        return [facts.profile(name: name, format: file.kind, range: root.range, expressible: expressible, budgetKinds: [.turns])]
    }

    /// `tools: Read, Grep, Bash(git diff:*)` (one string) or a YAML list; each tool with its own range.
    static func toolList(_ node: DataNode?, in source: SourceFile) -> [(text: String, range: SourceRange)] {
        guard let node else { return [] }
        if let items = node.sequence {
            return items.flatMap { toolList($0, in: source) }
        }
        guard let scalar = node.scalar, scalar.value != .null else { return [] }
        let map = ClientTextMap.of(node, in: source)
        return ClientData.splitList(scalar.text).map { ($0.text, map.range($0.range.lowerBound, $0.range.upperBound)) }
    }

    /// `mcpServers`: a mapping of server configs, or a list of server names (servers configured
    /// elsewhere) and one-entry mappings.
    static func servers(_ node: DataNode) -> [ToolServer] {
        if node.isMapping { return MCPServersReader.read(node, client: .claudeCode).servers }
        var servers: [ToolServer] = []
        for item in node.sequence ?? [] {
            if let name = ClientData.text(item) {
                servers.append(ToolServer(name: name, transport: .unknown, range: item.range))
            } else if item.isMapping {
                servers += MCPServersReader.read(item, client: .claudeCode).servers
            }
        }
        return servers
    }

    private static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}
