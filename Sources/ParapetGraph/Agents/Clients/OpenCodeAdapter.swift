import ParapetCore
import ParapetSyntax

/// OpenCode `opencode.json` / `opencode.jsonc` (schema `https://opencode.ai/config.json`):
/// `model` and `small_model` as `provider/model`, `permission` (one action for every tool, or per
/// tool an action or a map of patterns to actions, the last matching pattern winning), the
/// legacy `tools` switches, `mcp` servers, and the same keys per agent under `agent`.
enum OpenCodeAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.opencode] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        var facts = ClientFacts()
        readModels(root, prefix: "", into: &facts)
        readPermissions(root["permission"], prefix: "", into: &facts)
        readToolSwitches(root["tools"], prefix: "", into: &facts)
        readDefaults(root, into: &facts)
        readUnmatchedDefaults(root["permission"], inherited: nil, prefix: "", into: &facts)
        if let servers = root["mcp"] {
            let read = MCPServersReader.read(servers, client: .openCode)
            facts.servers = read.servers
            facts.serversSaid = true
        }
        var profiles = [facts.profile(name: "opencode", format: file.kind, range: root.range,
                                      expressible: [.models, .tools, .servers, .approval], budgetKinds: [])]
        // An agent of the file (`agent.review`) has the session's permissions with its own
        // written over them, tool by tool.
        for agent in ClientData.entries(root["agent"]) where agent.value.isMapping {
            var own = ClientFacts()
            let prefix = "agent.\(agent.name)."
            readModels(agent.value, prefix: prefix, into: &own)
            readPermissions(agent.value["permission"], prefix: prefix, into: &own)
            readToolSwitches(agent.value["tools"], prefix: prefix, into: &own)
            readUnmatchedDefaults(agent.value["permission"], inherited: root["permission"], prefix: prefix, into: &own)
            guard own.toolsSaid || !own.models.isEmpty || own.approval != nil else { continue }
            let overridden = Set(own.grants.map { tool(of: $0.pattern) })
            var merged = facts
            // The session's model is reported on the session's agent only.
            merged.models = own.models
            merged.grants = facts.grants.filter { !overridden.contains(tool(of: $0.pattern)) } + own.grants
            merged.toolsSaid = facts.toolsSaid || own.toolsSaid
            if let approval = own.approval { merged.approval = approval }
            profiles.append(merged.profile(name: "opencode/\(agent.name)", format: file.kind, range: ClientData.span(agent),
                                           expressible: [.models, .tools, .servers, .approval], budgetKinds: []))
        }
        return profiles
    }

    private static func tool(of pattern: String) -> Substring {
        pattern.prefix { $0 != "(" }
    }

    /// `provider/model`: the provider is the first segment, the model id the rest
    /// (`openrouter/anthropic/claude-sonnet-4.5` is OpenRouter's `anthropic/claude-sonnet-4.5`).
    static func readModels(_ node: DataNode, prefix: String, into facts: inout ClientFacts) {
        for (key, role) in [("model", "main"), ("small_model", "small-fast")] {
            guard let value = node[key], let text = ClientData.text(value), !text.isEmpty else { continue }
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            let provider = parts.count == 2 ? parts[0] : nil
            facts.models.append(ClientData.model(parts.count == 2 ? parts[1] : text, provider: provider,
                                                 role: prefix.isEmpty ? role : "\(prefix)\(role)", range: value.range))
        }
    }

    static func approval(_ action: String) -> Approval? {
        switch action.lowercased() {
        case "allow": .auto
        case "ask": .required
        case "deny": .denied
        default: nil
        }
    }

    /// `"permission": "allow"` approves every tool: approval is off. Per tool: `"bash": "ask"`
    /// or `"bash": {"*": "ask", "git status *": "allow"}`, read as `bash(git status *)`.
    static func readPermissions(_ node: DataNode?, prefix: String, into facts: inout ClientFacts) {
        guard let node else { return }
        facts.toolsSaid = true
        if let action = ClientData.text(node) {
            if approval(action) == .auto {
                facts.setApproval(ApprovalMode(mode: .bypass, setting: "\(prefix)permission: \(action)", range: node.range))
            }
            return
        }
        for tool in ClientData.entries(node) {
            if let action = ClientData.text(tool.value) {
                guard let decision = approval(action) else { continue }
                facts.grants.append(ToolGrant(pattern: tool.name, kind: .builtin, approval: decision, range: ClientData.span(tool),
                                              source: "\(prefix)permission.\(tool.name)", grammar: .openCode))
                continue
            }
            for rule in ClientData.entries(tool.value) {
                guard let action = ClientData.text(rule.value), let decision = approval(action) else { continue }
                facts.grants.append(ToolGrant(pattern: "\(tool.name)(\(rule.name))", kind: .builtin, approval: decision,
                                              range: ClientData.span(rule), source: "\(prefix)permission.\(tool.name)", grammar: .openCode))
            }
        }
    }

    /// OpenCode's defaults (opencode.ai/docs/permissions, `permissions.mdx`, checked 2026-12-07:
    /// "By default, OpenCode allows all operations without requiring explicit approval";
    /// `doom_loop` and `external_directory` ask). With no `permission` at all, approval is off
    /// by default: a bypass the file leaves in place (GATE411, a warning, since the user's
    /// global config may set one). With a `permission` object that leaves out `bash`, `edit`
    /// or `webfetch` and has no `*`, that tool runs unasked: a grant at the `permission` key.
    static let defaultAllowed = ["bash", "edit", "webfetch"]

    static func readDefaults(_ root: DataNode, into facts: inout ClientFacts) {
        guard let permission = root["permission"] else {
            guard facts.approval == nil else { return }
            var mode = ApprovalMode(mode: .bypass, setting: "no `permission` (OpenCode's default allows every tool)", range: root.range)
            mode.byDefault = true
            facts.setApproval(mode)
            return
        }
        guard permission.isMapping else { return }
        let written = Set(ClientData.entries(permission).map(\.name))
        guard !written.contains("*") else { return }
        let range = root.entries?.first { $0.name == "permission" }?.key.range ?? permission.range
        for tool in defaultAllowed where !written.contains(tool) && !facts.grants.contains(where: { $0.pattern == tool && $0.approval == .denied }) {
            var grant = ToolGrant(pattern: tool, kind: .builtin, approval: .auto, range: range,
                                  source: "OpenCode's default: `permission.\(tool)` not set", grammar: .openCode)
            grant.byDefault = true
            facts.grants.append(grant)
        }
    }

    /// Tools OpenCode asks for by default (`permissions.mdx`, "Defaults"); every other tool
    /// is allowed.
    static let askedByDefault: Set<String> = ["doom_loop", "external_directory"]

    /// Whether `permission` decides every use of `tool` itself: one action for all tools, a
    /// `*` over all tools, one action for the tool, or a `*` pattern in the tool's map.
    static func decidesAll(_ permission: DataNode?, tool: String) -> Bool {
        guard let permission else { return false }
        guard permission.isMapping else { return ClientData.text(permission) != nil }
        if permission["*"] != nil { return true }
        guard let value = permission[tool] else { return false }
        return !value.isMapping || value["*"] != nil
    }

    /// A tool's pattern map without `*` (`"bash": {"git status": "allow"}`): OpenCode's rules
    /// are its defaults (`"*": "allow"`) followed by the config's, the last match winning, so a
    /// command no written pattern matches is allowed. Read as the whole tool allowed at the
    /// tool's key, before its patterns, so each written pattern still wins where it matches.
    /// An agent's map inherits the session's catch-all (`inherited`), which comes before it.
    static func readUnmatchedDefaults(_ permission: DataNode?, inherited: DataNode?, prefix: String, into facts: inout ClientFacts) {
        for tool in ClientData.entries(permission) where tool.value.isMapping && tool.name != "*" && !askedByDefault.contains(tool.name) {
            guard !decidesAll(permission, tool: tool.name), !decidesAll(inherited, tool: tool.name) else { continue }
            var grant = ToolGrant(pattern: tool.name, kind: .builtin, approval: .auto, range: tool.key.range,
                                  source: "OpenCode's default: no `*` in `\(prefix)permission.\(tool.name)`", grammar: .openCode)
            grant.byDefault = true
            facts.grants.append(grant)
        }
    }

    /// Legacy `tools: {"write": false, "mymcp_*": false}`: a tool switched off is denied.
    static func readToolSwitches(_ node: DataNode?, prefix: String, into facts: inout ClientFacts) {
        for tool in ClientData.entries(node) where ClientData.bool(tool.value) == false {
            facts.toolsSaid = true
            facts.grants.append(ToolGrant(pattern: tool.name, kind: .builtin, approval: .denied, range: ClientData.span(tool),
                                          source: "\(prefix)tools", grammar: .openCode))
        }
    }
}
