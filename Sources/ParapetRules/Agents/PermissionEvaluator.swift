import ParapetGraph

/// Which of an agent's tools run without a person, and what each of them can do. Entries are
/// read by their client's grammar (`PermissionEntry`); deny wins over ask, and ask over allow, so
/// an allowed entry runs unasked unless a deny or ask entry matches everything it admits.
public struct PermissionEvaluator: Sendable {
    public var capabilities: ToolCapabilities

    public init(capabilities: ToolCapabilities = .builtIn) {
        self.capabilities = capabilities
    }

    /// The agent's allowed grants that no deny or ask entry covers, classified.
    public func unasked(_ profile: AgentProfile) -> [ClassifiedGrant] {
        guard let tools = profile.tools.value else { return [] }
        let gates = tools.filter { $0.approval == .required || $0.approval == .denied }
        let servers = profile.servers.value ?? []
        return tools.filter { grant in grant.approval == .auto && !gates.contains { gate in covers(gate, grant) && wins(gate, over: grant) } }
            .map { capabilities.classify($0, servers: servers) }
    }

    /// Deny and ask win over allow, except in OpenCode, where the last matching pattern written
    /// wins (`{"*": "ask", "git status": "allow"}` allows `git status`), and in Gemini CLI
    /// policy files, where the matching rule of highest `priority` wins (geminicli.com/docs/
    /// reference/policy-engine: "the rule with the highest priority wins"; rules are tried from
    /// the highest priority and the first match decides). Of two rules of equal priority in one
    /// file the one written first is tried first; across files the docs do not say, so deny and
    /// ask are taken to win.
    func wins(_ gate: ToolGrant, over grant: ToolGrant) -> Bool {
        if let gatePriority = gate.priority, let priority = grant.priority {
            if gatePriority != priority { return gatePriority > priority }
            guard gate.range.path == grant.range.path else { return true }
            return gate.range.start.offset < grant.range.start.offset
        }
        guard grant.grammar == .openCode, gate.grammar == .openCode, gate.range.path == grant.range.path else { return true }
        return gate.range.start.offset > grant.range.start.offset
    }

    /// A deny or ask entry covers an allow entry when it matches every use the allow entry
    /// admits: the whole tool, a command prefix the allowed command starts with, the same or a
    /// wider path, the whole MCP server.
    public func covers(_ gate: ToolGrant, _ grant: ToolGrant) -> Bool {
        let gatePattern = gate.pattern.trimmingCharacters(in: .whitespaces)
        let pattern = grant.pattern.trimmingCharacters(in: .whitespaces)
        if gatePattern == pattern || gatePattern == "*" { return true }
        if gatePattern.hasPrefix("mcp__") {
            let server = gatePattern.hasSuffix("__*") ? String(gatePattern.dropLast(3)) : gatePattern
            return server.components(separatedBy: "__").count == 2 && pattern.hasPrefix(server + "__")
        }
        let wall = capabilities.entry(gatePattern, grammar: gate.grammar)
        let entry = capabilities.entry(pattern, grammar: grant.grammar)
        guard wall.tool == entry.tool else { return false }
        switch (wall.specifier, entry.specifier) {
        case (.all, _):
            return true
        case (.command(let fixed, let open), .command(let words, let wordsOpen)):
            if fixed.contains("*") || ShellWords.group(fixed).count > 1 { return false }
            return open ? words.starts(with: fixed) && !words.prefix(fixed.count).contains("*") : fixed == words && !wordsOpen
        case (.path(let wallScope, let wallGlob), .path(let scope, let glob)):
            return wallGlob == glob || (wallScope == .wholeWorkspace && (scope == .workspace || scope == .wholeWorkspace))
        case (.mcp(let wallServer, let wallTool), .mcp(let server, let tool)):
            return (wallServer == "*" || wallServer == server) && (wallTool == "*" || wallTool == tool)
        case (.domain(let wallDomain), .domain(let domain)):
            return wallDomain == domain
        default:
            return false
        }
    }
}
