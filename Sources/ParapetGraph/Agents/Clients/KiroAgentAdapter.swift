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
        readCommands(root["toolsSettings"], into: &facts)
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

    /// The shell tool's command lists (`toolsSettings.execute_bash`, Kiro's `shell`):
    /// `allowedCommands` run without asking, `deniedCommands` never run. Each entry is a regular
    /// expression anchored at both ends (Amazon Q Developer CLI built-in tools reference, checked
    /// 2026-12-07: "regex entries are anchored with \\A and \\z"), so `git status` is that
    /// command exactly and `git .*` every `git` command; read by shape (`CommandRegex`).
    static func readCommands(_ settings: DataNode?, into facts: inout ClientFacts) {
        for tool in ["execute_bash", "shell"] {
            guard let shell = settings?[tool], shell.isMapping else { continue }
            for (key, approval) in [("allowedCommands", Approval.auto), ("deniedCommands", .denied)] {
                for item in ClientData.strings(shell[key], typed: true) where !item.text.isEmpty {
                    facts.toolsSaid = true
                    for pattern in patterns(item.text, tool: tool) {
                        facts.grants.append(ToolGrant(pattern: pattern, kind: .builtin, approval: approval, range: item.range,
                                                      source: "toolsSettings.\(tool).\(key)"))
                    }
                }
            }
        }
    }

    /// `git status` → `execute_bash(git status)`; `git .*` → `execute_bash(git *)`; an entry
    /// whose shape is not followed stays a regular expression, judged as such.
    static func patterns(_ entry: String, tool: String) -> [String] {
        let regex = "/^\(entry)$/"
        switch CommandRegex.read(regex) {
        case .prefixes(let prefixes, let exact)?: return prefixes.map { exact ? "\(tool)(\($0))" : "\(tool)(\($0) *)" }
        default: return ["\(tool)(\(regex))"]
        }
    }
}
