import ParapetCore
import ParapetSyntax

/// One Claude Code agent per project. Claude Code reads a project's `.claude/settings.json`,
/// `.claude/settings.local.json` and `.mcp.json` together, so they become one profile
/// (`ClientProject.claudeCode`). Subagents (`.claude/agents/*.md`) stay agents of their own,
/// delegated to by the project's agent, and run under its permission mode: Claude Code's docs
/// ("Subagents", permissionMode) say a subagent without `permissionMode` inherits the session's,
/// and that a parent in `bypassPermissions` takes precedence and cannot be overridden.
enum ClaudeProject {
    /// The project folder of a Claude Code file (`app/` for `app/.claude/settings.json`,
    /// `app/.claude/agents/x.md` and `app/.mcp.json`); nil for files Claude Code does not read as
    /// part of a project (settings found by shape elsewhere).
    static func root(of profile: AgentProfile) -> String? {
        let path = profile.range.path
        switch profile.format {
        case .claudeSettings, .claudeSubagent, .claudeSkill, .claudeCommand:
            if path.hasPrefix(".claude/") { return "" }
            guard let marker = path.range(of: "/.claude/") else { return nil }
            return String(path[..<marker.lowerBound]) + "/"
        case .claudeMCP:
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard name == ".mcp.json" else { return nil }
            return String(path.dropLast(name.count))
        default:
            return nil
        }
    }

    /// Each project's settings and `.mcp.json` as one profile (`ClientProject`), then its
    /// subagents under its permission mode.
    static func merge(_ profiles: [AgentProfile]) -> [AgentProfile] {
        inherit(ClientProject.merge(profiles))
    }

    /// `settings.json` < `settings.local.json`; managed settings are outside projects.
    static func rank(_ path: String) -> Int {
        if path.hasSuffix("settings.local.json") { return 2 }
        if path.hasSuffix("settings.json") { return 1 }
        return 0
    }

    /// The project's `.mcp.json` servers as its settings let them start: Claude Code never
    /// starts a server of `disabledMcpjsonServers`, and asks a person before any other that the
    /// settings do not approve. Servers of other files (a subagent's own) are not the file's.
    static func startup(of profile: AgentProfile) -> AgentProfile {
        guard var servers = profile.servers.value, profile.format == .claudeSettings || profile.projectServers != nil else { return profile }
        let approvals = profile.projectServers ?? ProjectServerApprovals()
        var p = profile
        for i in servers.indices where servers[i].range.path.hasSuffix(".mcp.json") {
            let decision = approvals.startup(of: servers[i].name)
            servers[i].disabled = servers[i].disabled || decision.disabled
            servers[i].startup = decision.note
        }
        p.servers = .present(servers)
        return p
    }

    /// Subagents and skills of a project run in its session: the subagent delegated to by the
    /// project's agent, and under its permission mode when the subagent sets none, or always when
    /// the project bypasses permissions.
    static func inherit(_ profiles: [AgentProfile]) -> [AgentProfile] {
        var parents: [String: Int] = [:]
        for (index, profile) in profiles.enumerated() where profile.format == .claudeSettings {
            if let root = root(of: profile), parents[root] == nil || rank(profile.range.path) == 1 { parents[root] = index }
        }
        var result = profiles
        for (index, profile) in profiles.enumerated() where profile.format == .claudeSubagent {
            guard let root = root(of: profile), let parentIndex = parents[root] else { continue }
            let parent = profiles[parentIndex]
            result[parentIndex].links.append((label: .delegatesTo, address: "agent:\(profile.range.path)#\(profile.name)", range: profile.range))
            guard let mode = parent.approvalMode.value, mode.mode != .normal else { continue }
            let own = profile.approvalMode.value
            if own != nil && mode.mode != .bypass { continue }
            if let own, ClientFacts.permissiveness(own.mode) >= ClientFacts.permissiveness(mode.mode) { continue }
            var child = profile
            let setting = own == nil ? "inherits \(mode.setting)" : "\(mode.setting) overrides \(own?.setting ?? "")"
            child.approvalMode = .present(ApprovalMode(mode: mode.mode, setting: setting, range: mode.range, inheritedFrom: parent.range.path))
            if var tools = child.tools.value {
                for i in tools.indices where tools[i].approval == .ask {
                    tools[i].approval = ClaudePermissions.approval(of: tools[i].pattern, in: mode.mode)
                    tools[i].source += " (\(mode.mode.rawValue) from the project)"
                }
                child.tools = .present(tools)
            }
            result[index] = child
        }
        return result
    }
}
