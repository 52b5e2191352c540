import ParapetCore
import ParapetSyntax

/// One agent per client per project. A client reads several files of one project folder
/// together (Claude Code its settings and `.mcp.json`; Cursor `.cursor/permissions.json`,
/// `cli.json` and `mcp.json`; VS Code `.vscode/settings.json` and `mcp.json`; Gemini CLI
/// `.gemini/settings.json` and its extensions), so they become one profile. Every grant, model,
/// server and cap keeps the range of the file that wrote it, so a finding still points at the
/// file and line that caused it. Each client is one row of `ClientProject.all`.
struct ClientProject: Sendable {
    /// The merged agent's name.
    var agent: String
    /// The kinds it reads together, in the order the client lets later files override earlier ones.
    var members: [FileKind]
    /// The project a member belongs to (the folder that holds the client's folder); nil for a
    /// file the client does not read as part of a project.
    var root: @Sendable (AgentProfile) -> String?
    /// Within one kind, files with a higher rank override lower ones (`settings.local.json`).
    var rank: @Sendable (String) -> Int = { _ in 0 }
    /// What the client does with the merged files besides joining them.
    var finish: @Sendable (AgentProfile) -> AgentProfile = { $0 }

    static let claudeCode = ClientProject(agent: "claude-code", members: [.claudeSettings, .claudeMCP], root: ClaudeProject.root,
                                          rank: ClaudeProject.rank, finish: ClaudeProject.startup)
    static let cursor = ClientProject(agent: "cursor", members: [.cursorPermissions, .cursorMCP, .cursorSandbox, .cursorHooks], root: folder(".cursor"),
                                      rank: { $0.hasSuffix("permissions.json") ? 0 : 1 })
    static let vscode = ClientProject(agent: "vscode", members: [.vscodeSettings, .vscodeMCP], root: folder(".vscode"))
    static let gemini = ClientProject(agent: "gemini-cli", members: [.geminiSettings, .geminiPolicy], root: folder(".gemini"),
                                      rank: { $0.hasSuffix("gemini-extension.json") ? 1 : 0 })

    static let all: [ClientProject] = [claudeCode, cursor, vscode, gemini]

    /// The folder holding `name/` in the profile's path (`app/` for `app/.cursor/mcp.json`).
    static func folder(_ name: String) -> @Sendable (AgentProfile) -> String? {
        { profile in
            let path = profile.range.path
            if path.hasPrefix(name + "/") { return "" }
            guard let marker = path.range(of: "/\(name)/") else { return nil }
            return String(path[..<marker.lowerBound]) + "/"
        }
    }

    /// Merges each project's files of each client into one profile; other profiles pass
    /// through in order, the merged one where its first file's was.
    static func merge(_ profiles: [AgentProfile]) -> [AgentProfile] {
        var merged: [Int: AgentProfile] = [:]
        var dropped: Set<Int> = []
        for client in all {
            var projects: [String: [Int]] = [:]
            for (index, profile) in profiles.enumerated() where client.members.contains(profile.format) {
                if let root = client.root(profile) { projects[root, default: []].append(index) }
            }
            for root in projects.keys.sorted() {
                guard let members = projects[root], members.count > 1 else { continue }
                let ordered = members.sorted { lhs, rhs in
                    let (a, b) = (profiles[lhs], profiles[rhs])
                    let (ka, kb) = (client.members.firstIndex(of: a.format) ?? 0, client.members.firstIndex(of: b.format) ?? 0)
                    if ka != kb { return ka < kb }
                    let (ra, rb) = (client.rank(a.range.path), client.rank(b.range.path))
                    return ra != rb ? ra < rb : a.range.path < b.range.path
                }
                guard let first = ordered.first else { continue }
                var profile = profiles[first]
                for other in ordered.dropFirst() {
                    profile = combine(profile, profiles[other])
                    dropped.insert(other)
                }
                profile.name = client.agent
                merged[first] = client.finish(profile)
            }
        }
        return profiles.indices.filter { !dropped.contains($0) }.map { merged[$0] ?? profiles[$0] }
    }

    /// `later` overrides `base` where a client lets a later file override (approval mode,
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
        p.canDeclareTracing = (base.telemetry.isExpressible && base.canDeclareTracing) || (later.telemetry.isExpressible && later.canDeclareTracing)
        p.hookEndpoints = base.hookEndpoints + later.hookEndpoints
        p.ignoredSettings = base.ignoredSettings + later.ignoredSettings
        p.fetchedSources = base.fetchedSources + later.fetchedSources
        p.endpoint = override(base.endpoint, later.endpoint) { _ in true }
        p.agentVersion = override(base.agentVersion, later.agentVersion) { _ in true }
        if let servers = later.projectServers {
            var joined = base.projectServers ?? ProjectServerApprovals()
            joined.add(servers)
            p.projectServers = joined
        }
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
}
