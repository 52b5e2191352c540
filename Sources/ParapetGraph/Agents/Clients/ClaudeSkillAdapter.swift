import ParapetCore
import ParapetSyntax

/// Claude skills (`SKILL.md`, in `.claude/skills/<name>/`, plugins and `.agents/skills/`): Markdown
/// front matter that Claude loads when the skill applies. A skill is not an agent of its own: it
/// runs inside the session that loads it, with no turn cap and no sandbox of its own. What it adds
/// is `allowed-tools` (tools Claude may use without asking while the skill is active), a `model`
/// to switch to, and hooks. Slash commands (`.claude/commands/**/*.md`) have the same keys and
/// run the same way, while the command runs.
enum ClaudeSkillAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.claudeSkill, .claudeCommand] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        var facts = ClientFacts()
        if let node = root["model"], let id = ClientData.text(node), !id.isEmpty, id != "inherit" {
            facts.models.append(ClientData.model(id, provider: "claude-code", role: file.kind == .claudeCommand ? "command" : "skill",
                                                 range: node.range))
        }
        // `allowed-tools: Read, Grep, Bash(git status:*)` (one string) or a list: granted without asking.
        if let node = root["allowed-tools"] {
            facts.toolsSaid = true
            for tool in ClaudeSubagentAdapter.toolList(node, in: file.source) {
                facts.grants.append(ToolGrant(pattern: tool.text, kind: ClaudePermissions.kind(tool.text), approval: .auto,
                                              range: tool.range, source: "allowed-tools", grammar: .claudeCode))
            }
        }
        ClaudeSettingsReader.readHooks(root, provider: "anthropic", prefix: "", into: &facts)
        var expressible: ClientFacts.Expressible = [.models, .tools]
        if facts.telemetrySaid { expressible.insert(.telemetry) }
        let name = file.kind == .claudeCommand ? commandName(file.source.path)
            : ClientData.string(root["name"]).map(ClientData.trim).flatMap { $0.isEmpty ? nil : $0 } ?? skillFolder(file.source.path)
        // No budget kinds: a skill cannot cap turns or tokens, the session does.
        return [facts.profile(name: name, format: file.kind, range: root.range, expressible: expressible, budgetKinds: [])]
    }

    /// `.claude/commands/frontend/review.md` → `/frontend:review`, as it is typed.
    static func commandName(_ path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        let start = (parts.lastIndex(of: "commands") ?? 0) + 1
        var words = Array(parts[min(start, parts.count)...])
        if let last = words.popLast() { words.append(last.hasSuffix(".md") ? String(last.dropLast(3)) : last) }
        return "/" + words.joined(separator: ":")
    }

    /// `.claude/skills/release/SKILL.md` → `release`.
    static func skillFolder(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : "skill"
    }
}
