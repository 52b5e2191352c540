import ParapetCore
import ParapetSyntax

/// What the client adapters gather about one agent before it becomes a profile. One agent's facts
/// can come from several places (an action's inputs, its embedded settings, the workflow's env), so
/// they are collected here and turned into facets once, by `profile(…)`.
struct ClientFacts {
    var models: [ModelReference] = []
    var grants: [ToolGrant] = []
    /// A key that grants or denies tools was written, even if it granted nothing (`"allow": []`).
    var toolsSaid = false
    var servers: [ToolServer] = []
    var serversSaid = false
    var egress: EgressPosture?
    var budgets: [BudgetCap] = []
    var telemetry: [TelemetrySink] = []
    /// A telemetry key was written, even if it sends nothing anywhere (`enabled: false`).
    var telemetrySaid = false
    var approval: ApprovalMode?
    var approvalBypasses: [ApprovalMode] = []
    var directories: [(path: String, setting: String, range: SourceRange)] = []
    var endpoint: AgentEndpoint?
    var version: (value: String, range: SourceRange)?
    var projectServers: ProjectServerApprovals?
    var hookEndpoints: [(event: String, url: String, range: SourceRange)] = []

    mutating func merge(_ other: ClientFacts) {
        models += other.models
        grants += other.grants
        toolsSaid = toolsSaid || other.toolsSaid
        servers += other.servers
        serversSaid = serversSaid || other.serversSaid
        if let egress = other.egress { setEgress(egress) }
        budgets += other.budgets
        telemetry += other.telemetry
        telemetrySaid = telemetrySaid || other.telemetrySaid
        if let approval = other.approval { setApproval(approval) }
        approvalBypasses += other.approvalBypasses
        directories += other.directories
        hookEndpoints += other.hookEndpoints
        if let endpoint = other.endpoint { setEndpoint(endpoint) }
        if let version = other.version, self.version == nil { self.version = version }
        if let servers = other.projectServers {
            var joined = projectServers ?? ProjectServerApprovals()
            joined.add(servers)
            projectServers = joined
        }
    }

    /// Several places can set the sandbox (CLI flags, embedded settings); the most open one is
    /// kept, because that is what the agent may end up with and what a reviewer must see.
    mutating func setEgress(_ new: EgressPosture) {
        guard let current = egress else { egress = new; return }
        if Self.openness(new.network) > Self.openness(current.network) { egress = new }
    }

    /// Likewise the most permissive approval mode wins (a CLI `--permission-mode` and a settings
    /// `defaultMode` can disagree; the bypass is the one that matters).
    mutating func setApproval(_ new: ApprovalMode) {
        guard let current = approval else { approval = new; return }
        if Self.permissiveness(new.mode) > Self.permissiveness(current.mode) { approval = new }
    }

    /// An endpoint open to anyone wins over one that is not.
    mutating func setEndpoint(_ new: AgentEndpoint) {
        guard let current = endpoint else { endpoint = new; return }
        if current.authenticated && !new.authenticated { endpoint = new }
    }

    static func openness(_ network: EgressPosture.Network) -> Int {
        switch network {
        case .denied: 0
        case .allowList: 1
        case .unknown: 2
        case .unrestricted: 3
        }
    }

    static func permissiveness(_ mode: ApprovalMode.Mode) -> Int {
        switch mode {
        case .normal: 0
        case .acceptEdits: 1
        case .bypass: 2
        }
    }

    /// The facets a format can express; the others are `notExpressible`.
    struct Expressible: OptionSet {
        let rawValue: Int
        static let models = Expressible(rawValue: 1 << 0)
        static let tools = Expressible(rawValue: 1 << 1)
        static let servers = Expressible(rawValue: 1 << 2)
        static let egress = Expressible(rawValue: 1 << 3)
        static let telemetry = Expressible(rawValue: 1 << 4)
        static let approval = Expressible(rawValue: 1 << 5)
        static let endpoint = Expressible(rawValue: 1 << 6)
        static let version = Expressible(rawValue: 1 << 7)
    }

    /// The profile: an expressible facet with nothing said is `absent`; lists that were written
    /// but hold nothing are `present` and empty.
    func profile(name: String, format: FileKind, range: SourceRange, expressible: Expressible,
                 budgetKinds: Set<BudgetCap.Kind>) -> AgentProfile {
        var p = AgentProfile(name: name, format: format, range: range)
        if expressible.contains(.models) { p.models = models.isEmpty ? .absent : .present(models) }
        if expressible.contains(.tools) { p.tools = grants.isEmpty && !toolsSaid ? .absent : .present(grants) }
        if expressible.contains(.servers) { p.servers = servers.isEmpty && !serversSaid ? .absent : .present(servers) }
        if expressible.contains(.egress) { p.egress = egress.map { .present($0) } ?? .absent }
        p.budgetKinds = budgetKinds
        p.budgets = budgets.filter { budgetKinds.contains($0.kind) }
        if expressible.contains(.telemetry) { p.telemetry = telemetry.isEmpty && !telemetrySaid ? .absent : .present(telemetry) }
        if expressible.contains(.approval) { p.approvalMode = approval.map { .present($0) } ?? .absent }
        p.approvalBypasses = approvalBypasses
        p.directories = directories
        if expressible.contains(.endpoint) { p.endpoint = endpoint.map { .present($0) } ?? .absent }
        if expressible.contains(.version) { p.agentVersion = version.map { .present($0) } ?? .absent }
        p.projectServers = projectServers
        p.hookEndpoints = hookEndpoints
        return p
    }
}

/// How a format spells a boolean.
enum BooleanSpelling: Sendable {
    /// JSON clients: `true` / `false`, and the same words quoted (people quote them).
    case json
    /// YAML 1.1 and environment-style readers (Kubernetes operators, Python frameworks, env
    /// flags): also `yes` / `no`, `on` / `off`, `1` / `0`, and integers.
    case loose
}

/// Small readers over `DataNode` that never trap on a value of the wrong type: a key whose value
/// has an unexpected shape reads as missing.
enum ClientData {
    /// A boolean as a client reads it. Every adapter reads booleans here, each with its format's
    /// spelling, so two adapters cannot disagree about one value.
    static func bool(_ node: DataNode?, _ spelling: BooleanSpelling = .json) -> Bool? {
        guard let scalar = node?.scalar else { return nil }
        switch scalar.value {
        case .bool(let b): return b
        case .string(let s):
            let word = s.lowercased()
            if word == "true" || (spelling == .loose && ["1", "yes", "on"].contains(word)) { return true }
            if word == "false" || (spelling == .loose && ["0", "no", "off"].contains(word)) { return false }
            return nil
        case .int(let i) where spelling == .loose: return i != 0
        default: return nil
        }
    }

    /// The text of a scalar (numbers and booleans in their written form); nil for null,
    /// sequences and mappings.
    static func string(_ node: DataNode?) -> String? { node?.scalar?.string }

    /// An environment-style flag: `1`, `true`, `yes`, `on`.
    static func truthy(_ text: String) -> Bool {
        ["1", "true", "yes", "on"].contains(trim(text).lowercased())
    }

    /// The text without leading and trailing blanks and line breaks.
    static func trim(_ text: String) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else { return "" }
        return String(text[first...last])
    }

    /// The text of a scalar only when it is a string: names, ids, commands, URLs and patterns
    /// written as numbers or booleans are not read as names.
    static func text(_ node: DataNode?) -> String? {
        if case .string(let s)? = node?.scalar?.value { return s }
        return nil
    }

    /// The strings of a list of scalars with their ranges; a single scalar is a one-item list.
    /// Items that are not scalars are skipped; with `typed`, so are numbers and booleans.
    static func strings(_ node: DataNode?, typed: Bool = false) -> [(text: String, range: SourceRange)] {
        guard let node else { return [] }
        let read: (DataNode) -> String? = typed ? { text($0) } : { $0.scalar?.string }
        if let items = node.sequence {
            return items.compactMap { item in read(item).map { ($0, item.range) } }
        }
        if let value = read(node) { return [(value, node.range)] }
        return []
    }

    /// The entries of a mapping (none for anything else).
    static func entries(_ node: DataNode?) -> [DataEntry] { node?.entries ?? [] }

    /// From the key to the end of the value: where a finding about the entry points.
    static func span(_ entry: DataEntry) -> SourceRange {
        entry.key.range.path == entry.value.range.path ? entry.key.range.union(entry.value.range) : entry.value.range
    }

    /// Splits a tool list (`Read, Grep, Bash(git diff:*)`) at commas and blanks outside
    /// parentheses; returns each item's byte range in `text`. Blanks inside parentheses belong to
    /// the item (`Bash(git log:*)`).
    static func splitList(_ text: String) -> [(text: String, range: Range<Int>)] {
        let bytes = Array(text.utf8)
        var items: [(String, Range<Int>)] = []
        var depth = 0
        var start: Int?
        func close(_ end: Int) {
            if let s = start, s < end { items.append((String(decoding: bytes[s..<end], as: UTF8.self), s..<end)) }
            start = nil
        }
        for (i, byte) in bytes.enumerated() {
            let separator = byte == UInt8(ascii: ",") || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if separator && depth == 0 {
                close(i)
                continue
            }
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") { depth = max(0, depth - 1) }
            if start == nil { start = i }
        }
        close(bytes.count)
        return items
    }

    /// Whether a model id is an interpolation rather than a literal: the shared syntaxes, and a
    /// shell variable (`$MODEL` in a `run:` line or `codex-args`).
    static func isInterpolated(_ text: String) -> Bool {
        if Interpolation.contains(text) { return true }
        guard let dollar = text.firstIndex(of: "$"), let next = text[text.index(after: dollar)...].first else { return false }
        return next.isLetter || next == "_"
    }

    static func model(_ id: String, provider: String?, role: String, range: SourceRange) -> ModelReference {
        ModelReference(provider: provider, id: id, role: role, range: range, isInterpolated: isInterpolated(id))
    }
}
