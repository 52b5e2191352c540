import Foundation

/// What an onboarding change adds to the agents of a repository, compared with a base checkout:
/// new agents, tools and servers, tools that no longer ask, wider egress, caps taken away, models
/// and approval modes changed. Agents are matched by identity (format, defining file, name), so
/// both checkouts must be scanned from their own root.
public struct AgentDiff: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case agentAdded = "agent-added"
        case agentRemoved = "agent-removed"
        case toolAdded = "tool-added"
        case toolApprovalLoosened = "tool-approval-loosened"
        case serverAdded = "server-added"
        case serverChanged = "server-changed"
        case egressWidened = "egress-widened"
        case capRemoved = "cap-removed"
        case modelChanged = "model-changed"
        case approvalLoosened = "approval-loosened"
    }

    public struct Change: Sendable {
        public var kind: Kind
        public var agent: String
        /// The value the change concerns (a tool pattern, a server name, a cap kind, a role).
        public var subject: String
        public var before: String?
        public var after: String?
        public var location: String
    }

    public var changes: [Change]

    public init(base: [AgentCard], head: [AgentCard]) {
        let before = Dictionary(base.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(head.map(\.identity))
        var changes: [Change] = []
        for card in head {
            guard let old = before[card.identity] else {
                let summary = "model pinned \(card.summary.modelPinned), can write \(card.summary.canWrite), network \(card.summary.network)"
                changes.append(Change(kind: .agentAdded, agent: card.name, subject: card.format, before: nil, after: summary, location: card.location))
                continue
            }
            changes += Self.compare(old, card)
        }
        for card in base where !after.contains(card.identity) {
            changes.append(Change(kind: .agentRemoved, agent: card.name, subject: card.format, before: nil, after: nil, location: card.location))
        }
        self.changes = changes
    }

    static func compare(_ old: AgentCard, _ new: AgentCard) -> [Change] {
        var changes: [Change] = []
        func add(_ kind: Kind, _ subject: String, _ before: String?, _ after: String?, _ location: String) {
            changes.append(Change(kind: kind, agent: new.name, subject: subject, before: before, after: after, location: location))
        }
        let oldTools = Dictionary((old.tools ?? []).flatMap(\.tools).map { ($0.pattern, $0) }, uniquingKeysWith: { first, _ in first })
        for group in new.tools ?? [] {
            for tool in group.tools where tool.approval != "denied" {
                if let previous = oldTools[tool.pattern] {
                    if approvalRank(tool.approval) > approvalRank(previous.approval) {
                        add(.toolApprovalLoosened, tool.pattern, previous.approval, tool.approval, tool.location)
                    }
                } else {
                    add(.toolAdded, tool.pattern, nil, "\(tool.approval), \(group.capability)", tool.location)
                }
            }
        }
        let oldServers = Dictionary((old.servers ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for server in new.servers ?? [] {
            if let previous = oldServers[server.name] {
                if previous.launch != server.launch { add(.serverChanged, server.name, previous.launch, server.launch, server.location) }
            } else {
                add(.serverAdded, server.name, nil, "\(server.launch) (\(server.pinned))", server.location)
            }
        }
        let (was, now) = (networkRank(old.summary.network), networkRank(new.summary.network))
        if now > was {
            add(.egressWidened, "network", old.egress, new.egress, new.location)
        } else if now == was, let domains = new.allowedDomains, let previous = old.allowedDomains {
            let added = domains.filter { !previous.contains($0) }
            if !added.isEmpty { add(.egressWidened, "allow-list", previous.joined(separator: ", "), domains.joined(separator: ", "), new.location) }
        }
        for kind in old.capKinds where !new.capKinds.contains(kind) {
            add(.capRemoved, kind, old.budgets, new.budgets, new.location)
        }
        let roles = Set((old.models ?? []).map(\.role) + (new.models ?? []).map(\.role)).sorted()
        for role in roles {
            let before = (old.models ?? []).filter { $0.role == role }.map(\.id).sorted()
            let after = (new.models ?? []).filter { $0.role == role }.map(\.id).sorted()
            guard before != after, !after.isEmpty || !before.isEmpty else { continue }
            let location = (new.models ?? []).first { $0.role == role }?.location ?? new.location
            add(.modelChanged, role, before.isEmpty ? nil : before.joined(separator: ", "), after.isEmpty ? nil : after.joined(separator: ", "), location)
        }
        if modeRank(new.summary.approval) > modeRank(old.summary.approval) {
            add(.approvalLoosened, "approval", old.approvalMode ?? old.summary.approval, new.approvalMode ?? new.summary.approval, new.location)
        }
        return changes
    }

    static func approvalRank(_ approval: String) -> Int {
        ["denied": 0, "required": 1, "ask": 2, "unknown": 3, "auto": 4][approval] ?? 3
    }

    /// `n/a` (not expressible) < no network < an allow-list < unknown < open.
    static func networkRank(_ network: String) -> Int {
        ["n/a": -1, "no": 0, "allow-list": 1, "unknown": 2, "yes": 3][network] ?? 2
    }

    static func modeRank(_ mode: String) -> Int {
        ["n/a": 0, "normal": 0, "accept-edits": 1, "bypass": 2][mode] ?? 0
    }

    public func text(base: String) -> String {
        guard !changes.isEmpty else { return "No agent changes compared with \(base).\n" }
        var out = "Agent changes compared with \(base)\n"
        for change in changes {
            let mark = change.kind == .agentAdded ? "+" : change.kind == .agentRemoved ? "-" : "~"
            var line = "\(mark) \(change.agent): \(change.kind.rawValue) \(change.subject)"
            switch (change.before, change.after) {
            case (let before?, let after?): line += ": \(before) → \(after)"
            case (nil, let after?): line += ": \(after)"
            case (let before?, nil): line += ": \(before) → none"
            case (nil, nil): break
            }
            out += "\(line)  (\(change.location))\n"
        }
        out += "\(changes.count) change\(changes.count == 1 ? "" : "s")\n"
        return out
    }

    public func json(base: String) -> String {
        let objects: [[String: Any]] = changes.map { change in
            ["kind": change.kind.rawValue, "agent": change.agent, "subject": change.subject, "before": change.before ?? NSNull(),
             "after": change.after ?? NSNull(), "location": change.location]
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["schemaVersion": 1, "base": base, "changes": objects],
                                                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
