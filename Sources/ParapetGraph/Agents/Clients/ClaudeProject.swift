import ParapetCore
import ParapetSyntax

/// One Claude Code agent per project. Claude Code reads a project's `.claude/settings.json`,
/// `.claude/settings.local.json` and `.mcp.json` together, so they become one profile: every
/// grant, model and server keeps the range of the file that wrote it, so a finding still points at
/// the file and line that caused it. Subagents (`.claude/agents/*.md`) stay agents of their own,
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
        case .claudeSettings, .claudeSubagent, .claudeSkill:
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

    /// Merges each project's settings and `.mcp.json` into one profile and applies the project's
    /// permission mode to its subagents. Profiles of other clients pass through in order.
    static func merge(_ profiles: [AgentProfile]) -> [AgentProfile] {
        var projects: [String: [Int]] = [:]
        for (index, profile) in profiles.enumerated() where profile.format == .claudeSettings || profile.format == .claudeMCP {
            if let root = root(of: profile) { projects[root, default: []].append(index) }
        }
        var merged: [Int: AgentProfile] = [:]
        var dropped: Set<Int> = []
        for (_, members) in projects {
            // Settings first (`settings.json` before `settings.local.json`, which overrides it), then `.mcp.json`.
            let ordered = members.sorted { lhs, rhs in
                let (a, b) = (profiles[lhs], profiles[rhs])
                if (a.format == .claudeMCP) != (b.format == .claudeMCP) { return b.format == .claudeMCP }
                return rank(a.range.path) < rank(b.range.path)
            }
            guard let first = ordered.first, ordered.count > 1 || profiles[first].format == .claudeSettings else { continue }
            var profile = profiles[first]
            for other in ordered.dropFirst() {
                profile = combine(profile, profiles[other])
                dropped.insert(other)
            }
            merged[first] = startup(of: profile)
        }
        var result: [AgentProfile] = []
        for (index, profile) in profiles.enumerated() where !dropped.contains(index) {
            result.append(merged[index] ?? profile)
        }
        return inherit(result)
    }

    /// `settings.json` < `settings.local.json`; managed settings are outside projects.
    static func rank(_ path: String) -> Int {
        if path.hasSuffix("settings.local.json") { return 2 }
        if path.hasSuffix("settings.json") { return 1 }
        return 0
    }

    /// `later` overrides `base` where Claude Code lets a later file override (approval mode,
    /// sandbox); lists (grants, models, servers, caps, sinks) join.
    static func combine(_ base: AgentProfile, _ later: AgentProfile) -> AgentProfile {
        var p = base
        p.models = join(base.models, later.models)
        p.tools = join(base.tools, later.tools)
        p.servers = join(base.servers, later.servers)
        p.telemetry = join(base.telemetry, later.telemetry)
        p.egress = override(base.egress, later.egress) { !$0.isDefault }
        p.approvalMode = override(base.approvalMode, later.approvalMode) { _ in true }
        p.approvalBypasses = base.approvalBypasses + later.approvalBypasses
        p.directories = base.directories + later.directories
        p.budgetKinds = base.budgetKinds.union(later.budgetKinds)
        p.budgets = base.budgets + later.budgets
        p.links = base.links + later.links
        if let servers = later.projectServers {
            var joined = base.projectServers ?? ProjectServerApprovals()
            joined.add(servers)
            p.projectServers = joined
        }
        return p
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

    static func join<T>(_ a: Facet<[T]>, _ b: Facet<[T]>) -> Facet<[T]> {
        switch (a, b) {
        case (.present(let x), .present(let y)): .present(x + y)
        case (.present, _): a
        case (_, .present): b
        case (.absent, _), (_, .absent): .absent
        default: .notExpressible
        }
    }

    /// The later value when it was written (`counts`), else the earlier one.
    static func override<T>(_ a: Facet<T>, _ b: Facet<T>, counts: (T) -> Bool) -> Facet<T> {
        if let value = b.value, counts(value) { return b }
        if a.value != nil { return a }
        if b.value != nil { return b }
        if a.isExpressible || b.isExpressible { return .absent }
        return .notExpressible
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
