import Foundation
import ParapetCore
import ParapetFacts
import ParapetGraph
import ParapetSyntax

/// What a security reviewer needs to know about one agent before it goes to production: where it
/// is defined, what model it runs (and whether that can change under it), what it can reach,
/// spend and destroy, and the findings that concern it.
public struct AgentCard: Sendable {
    public struct Model: Sendable { public var id: String; public var role: String; public var pinning: String; public var location: String }
    public struct Tool: Sendable { public var pattern: String; public var approval: String; public var reason: String; public var location: String }
    public struct Server: Sendable {
        public var name: String; public var launch: String; public var pinned: String; public var location: String
        /// Whether the client starts it, when not simply yes: `disabled`, `asks before starting`.
        public var state: String?
    }

    public var name: String
    public var format: String
    public var location: String
    /// Whom the defining file affects: `shared`, `personal` or `managed` (`ConfigScope`).
    public var scope = ConfigScope.shared.rawValue
    public var models: [Model]?
    /// Tools grouped by capability, most severe group first.
    public var tools: [(capability: String, tools: [Tool])]?
    public var servers: [Server]?
    public var egress: String
    public var budgets: String
    public var telemetry: String
    public var approvalMode: String?
    public var endpoint: String?
    public var runsIn: [String]
    /// The same agent in another checkout has the same identity: its format, the file that
    /// defines it and its name.
    public var identity: String { "\(format) \(location.split(separator: ":").first.map(String.init) ?? location) \(name)" }
    /// The kinds of caps set (not unlimited), sorted; and the domains its network is held to,
    /// when it is an allow-list. For comparing two checkouts (`AgentDiff`).
    public var capKinds: [String] = []
    public var allowedDomains: [String]?
    /// Facets the manifest points elsewhere for that the scan does not hold, with why.
    public var unresolved: [(facet: String, reason: String)] = []
    public var findings: [Finding]
    /// One row of the onboarding summary table.
    public var summary = Summary()

    /// The answers a reviewer scans first. Each is `yes`, `no`, `unknown` or `n/a` (the format
    /// cannot say).
    public struct Summary: Sendable {
        public var modelPinned = "n/a"
        public var canWrite = "n/a"
        public var network = "n/a"
        public var caps = "n/a"
        public var telemetry = "n/a"
        public var approval = "n/a"
        /// The file the approval mode is inherited from (a subagent under its project's mode).
        public var approvalFrom: String?

        public init() {}

        init(profile: AgentProfile, card: AgentCard, pods: NetworkPosture?, capabilities: ToolCapabilities) {
            if let models = card.models {
                let literal = models.filter { $0.pinning != "set at run time" }
                modelPinned = models.isEmpty ? (profile.unresolved["models"] == nil ? "no" : "unknown")
                    : literal.allSatisfy { $0.pinning == "pinned" } ? "yes"
                    : literal.contains { $0.pinning.hasPrefix("floating") } ? "no" : "unknown"
            }
            if let grants = profile.tools.value {
                let unasked = PermissionEvaluator(capabilities: capabilities).unasked(profile)
                // Every tool of a server nothing here knows: whether it writes is unknown.
                canWrite = unasked.contains { $0.isDangerous } ? "yes"
                    : grants.contains { $0.approval == .unknown } || unasked.contains(where: \.isUnknownServer) ? "unknown" : "no"
            } else if profile.tools.isAbsent {
                canWrite = "unknown"
            }
            // With approval off, every tool the agent has runs unasked.
            if profile.approvalMode.value?.mode == .bypass { canWrite = "yes" }
            switch profile.egress {
            case .present(let egress):
                switch egress.network {
                case .unrestricted: network = "yes"
                case .allowList: network = "allow-list"
                case .denied: network = "no"
                case .unknown: network = "unknown"
                }
            case .absent: network = "unknown"
            case .notExpressible: break
            }
            // The pods an operator runs the agent in decide its process's network.
            if let pods {
                switch pods.state {
                case .notIsolated, .allowsAll: network = "yes"
                case .restricted: network = "allow-list"
                case .denied: network = "no"
                case .unknown: network = "unknown"
                }
            }
            if !profile.budgetKinds.isEmpty {
                let set = Set(profile.budgets.filter { !$0.isUnlimited }.map(\.kind.rawValue)).sorted()
                caps = set.isEmpty ? "none" : set.joined(separator: ", ")
            }
            switch profile.telemetry {
            case .present(let sinks): telemetry = sinks.contains { $0.kind != .toolAudit } ? "yes" : sinks.isEmpty ? "no" : "tool audit only"
            case .absent: telemetry = "no"
            case .notExpressible: break
            }
            if let mode = profile.approvalMode.value {
                approval = mode.mode.rawValue
                approvalFrom = mode.inheritedFrom
            } else if profile.approvalMode.isAbsent {
                approval = "normal"
            }
        }
    }

    static func at(_ range: SourceRange) -> String { "\(range.path):\(range.start.line)" }

    /// Cards for every agent of the graph, with the findings whose node is the agent.
    /// `facts` adds what only the Facts stage knows (the network of an operator's pods).
    public static func cards(graph: Graph, findings: [Finding], facts: Facts? = nil, pinning: (ModelReference, FileKind) -> String) -> [AgentCard] {
        let capabilities = ToolCapabilities.builtIn
        return graph.agents.sorted { $0.key < $1.key }.map { id, profile in
            let node = graph[id]
            // The agent's own findings, and those of the workloads and objects it runs in or uses.
            let linked = Set(([node.address] + graph.edges(from: id).map { graph[$0.to].address }).map(\.description))
            var card = AgentCard(name: profile.name, format: profile.format.rawValue, location: at(profile.range), models: nil, tools: nil,
                                 servers: nil, egress: "", budgets: "", telemetry: "", approvalMode: nil, endpoint: nil, runsIn: [],
                                 findings: findings.filter { $0.address.map(linked.contains) ?? false })
            card.scope = profile.scope.rawValue
            card.models = describe(profile.models) { $0.map { Model(id: $0.id, role: $0.role, pinning: $0.isInterpolated ? "set at run time" : pinning($0, profile.format), location: at($0.range)) } }
            if let grants = profile.tools.value {
                let classified = grants.map { capabilities.classify($0, servers: profile.servers.value ?? []) }
                card.tools = Capability.allCases.compactMap { capability in
                    let group = classified.filter { $0.capability == capability }
                    guard !group.isEmpty else { return nil }
                    return (capability.rawValue, group.map { Tool(pattern: $0.grant.pattern, approval: $0.grant.approval.rawValue, reason: $0.reason, location: at($0.grant.range)) })
                }
            } else if profile.tools.isAbsent {
                card.tools = []
            }
            card.servers = describe(profile.servers) { servers in
                servers.map { server in
                    let launch = server.url ?? server.image ?? ([server.command ?? ""] + server.arguments).joined(separator: " ")
                    let problems = PackageLaunch.problems(server)
                    let pinned = server.transport == .http || server.transport == .sse ? "remote" : (problems.isEmpty ? "pinned" : "not pinned")
                    let state = server.startup ?? (server.disabled ? "disabled" : nil)
                    return Server(name: server.name, launch: launch, pinned: pinned, location: at(server.range), state: state)
                }
            }
            card.egress = describeFacet(profile.egress) { egress in
                switch egress.network {
                case .unrestricted: "unrestricted (\(egress.evidence))"
                case .allowList(let domains): "allow-list: \(domains.joined(separator: ", "))"
                case .denied: "no network (\(egress.evidence))"
                case .unknown: "unknown (\(egress.evidence))"
                }
            }
            let pods = facts?.agent(id)?.pods
            if let pods {
                let sandbox = profile.egress.value == nil ? "" : "; its sandbox: \(card.egress)"
                card.egress = "pods of \(pods.pods.workload): \(pods.egress.state.rawValue) (\(pods.egress.reason))\(sandbox)"
            }
            card.unresolved = profile.unresolved.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            if profile.budgetKinds.isEmpty {
                card.budgets = "not expressible in this format"
            } else if profile.budgets.isEmpty {
                card.budgets = "none set (format can cap: \(profile.budgetKinds.map(\.rawValue).sorted().joined(separator: ", ")))"
            } else {
                card.budgets = profile.budgets.map { "\($0.kind.rawValue) \($0.setting)=\($0.value)\($0.isUnlimited ? " (unlimited)" : "")" }.joined(separator: "; ")
            }
            card.telemetry = describeFacet(profile.telemetry) { sinks in
                sinks.isEmpty ? "none" : sinks.map { "\($0.kind.rawValue) → \($0.destination)" }.joined(separator: "; ")
            }
            card.approvalMode = profile.approvalMode.value.map { "\($0.mode.rawValue) (\($0.setting))" }
            card.endpoint = profile.endpoint.value.map { "\($0.url ?? "(no url)"), \($0.authenticated ? "authenticated" : "unauthenticated: \($0.evidence)")" }
            // Servers, models and tools have their own rows; the links are what the agent runs in or hands work to.
            card.runsIn = graph.edges(from: id).filter { ![.usesServer, .usesModel, .callsTool].contains($0.label) }
                .map { "\($0.label) \(graph[$0.to].address)" }
            card.summary = Summary(profile: profile, card: card, pods: pods?.egress, capabilities: capabilities)
            card.capKinds = Set(profile.budgets.filter { !$0.isUnlimited }.map(\.kind.rawValue)).sorted()
            if pods == nil, case .allowList(let domains)? = profile.egress.value?.network { card.allowedDomains = domains.sorted() }
            return card
        }
    }

    static func describe<T, R>(_ facet: Facet<T>, _ map: (T) -> [R]) -> [R]? {
        switch facet {
        case .present(let value): map(value)
        case .absent: []
        case .notExpressible: nil
        }
    }

    static func describeFacet<T>(_ facet: Facet<T>, _ text: (T) -> String) -> String {
        switch facet {
        case .present(let value): text(value)
        case .absent: "not set"
        case .notExpressible: "not expressible in this format"
        }
    }
}
