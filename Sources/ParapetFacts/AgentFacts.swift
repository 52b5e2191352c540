import ParapetCore
import ParapetGraph

/// What one agent is, decided once for every agent rule: its profile (what its files say), the
/// agents it delegates to and is delegated from, the workloads it runs in, the network its tools
/// have, whether anything traces it, and where each kind of budget stands. Agent rules read these
/// instead of walking the graph or re-reading manifests, so two rules cannot disagree.
public struct AgentFacts: Sendable {
    public var node: NodeID
    public var profile: AgentProfile
    /// Agents that delegate to this one (a subagent's project agent) and that it delegates to.
    public var parents: [NodeID]
    public var children: [NodeID]
    /// Workloads it runs in (`runs-in`), with their facts' egress.
    public var workloads: [NodeID]
    public var models: [NodeID]
    public var tools: [NodeID]
    public var servers: [NodeID]
    public var egress: AgentEgress
    /// The pods an operator runs it in (a kagent Agent), with what their NetworkPolicies let
    /// out: the workload's facts when the scan holds the workload, else the policies of the
    /// pods' namespace whose selectors match the pods' labels.
    public var pods: (pods: AgentPods, egress: NetworkPosture)?
    /// What traces it: its own exporters, or an OpenTelemetry exporter of a workload it runs in.
    /// Empty when nothing does. Tool-call audits alone do not count.
    public var tracing: [String]
    public var isTraced: Bool { !tracing.isEmpty }

    init(node: GraphNode, profile: AgentProfile, graph: Graph, workloads: [NodeID: WorkloadFacts], index: KubernetesIndex) {
        self.node = node.id
        self.profile = profile
        parents = graph.edges(to: node.id, label: .delegatesTo).map(\.from)
        children = graph.edges(from: node.id, label: .delegatesTo).map(\.to)
        self.workloads = graph.edges(from: node.id, label: .runsIn).map(\.to).filter { graph[$0].kind == .workload }
        models = graph.edges(from: node.id, label: .usesModel).map(\.to)
        tools = graph.edges(from: node.id, label: .callsTool).map(\.to)
        servers = graph.edges(from: node.id, label: .usesServer).map(\.to)

        if let agentPods = profile.pods {
            let running = self.workloads.first { graph[$0].address.description == agentPods.workloadAddress }
            let posture = running.flatMap { workloads[$0]?.egress }
                ?? NetworkPosture.of(namespace: agentPods.namespace, scope: agentPods.scope, direction: .egress,
                                     policies: index.egressPolicies[agentPods.namespace] ?? []) { shape in
                    !shape.selectorIsUnknown && shape.selector.matches(agentPods.labels)
                }
            pods = (agentPods, posture)
        } else {
            pods = nil
        }

        // A client's default (nothing written) yields to the workloads the agent runs in; an
        // operator's pods decide unless the agent's own sandbox is open anyway.
        if let own = profile.egress.value, !(own.isDefault && !self.workloads.isEmpty), pods == nil || own.network == .unrestricted {
            egress = .sandbox(own)
        } else if let pods {
            egress = .pods(pods.pods, pods.egress)
        } else {
            let open = self.workloads.compactMap { id -> (NodeID, NetworkPosture)? in
                guard let posture = workloads[id]?.egress, posture.isOpen else { return nil }
                return (id, posture)
            }
            egress = open.isEmpty ? .notDeclared : .openWorkloads(open)
        }

        var tracing = (profile.telemetry.value ?? []).filter { $0.kind != .toolAudit }.map { "\($0.kind.rawValue) to \($0.destination)" }
        for id in self.workloads {
            for container in workloads[id]?.containers ?? [] where container.exportsOpenTelemetry(cagent: profile.format == .cagent) {
                tracing.append("OpenTelemetry exporter of \(graph[id].address) container `\(container.name)`")
            }
        }
        self.tracing = tracing
    }

    /// Where the caps of some kinds stand.
    public func budget(_ kinds: [BudgetCap.Kind]) -> BudgetStatus {
        let expressible = kinds.filter { profile.budgetKinds.contains($0) }
        guard !expressible.isEmpty else { return .notExpressible }
        let caps = expressible.flatMap { profile.caps($0) ?? [] }
        let effective = caps.filter { !$0.isUnlimited }
        if !effective.isEmpty { return .capped(effective) }
        if let unlimited = caps.first { return .unlimited(unlimited) }
        return .none
    }
}

/// The network an agent's tools reach.
public enum AgentEgress: Sendable {
    /// The agent's own sandbox (or its client's default when nothing is written; see `isDefault`).
    case sandbox(EgressPosture)
    /// No sandbox in its files, and it runs in workloads whose egress is open.
    case openWorkloads([(workload: NodeID, posture: NetworkPosture)])
    /// It runs in pods an operator creates from its manifest; their NetworkPolicies decide.
    case pods(AgentPods, NetworkPosture)
    /// Nothing says.
    case notDeclared
}

/// Where an agent's caps of some kinds stand.
public enum BudgetStatus: Sendable {
    /// Its format cannot express them: no rule reports it.
    case notExpressible
    case capped([BudgetCap])
    /// Written, but with a value that means no cap (`maxSessionTurns: -1`).
    case unlimited(BudgetCap)
    case none
}

extension ContainerFacts {
    /// The container exports OpenTelemetry: an OTLP exporter in its environment, or (for cagent,
    /// whose tracing is a flag) `--otel` on its command line.
    func exportsOpenTelemetry(cagent: Bool) -> Bool {
        let exporter = (value["env"]?.elements ?? []).contains { env in
            guard let name = env["name"]?.string else { return false }
            return name.hasPrefix("OTEL_EXPORTER_OTLP") || name == "OTEL_TRACES_EXPORTER" || name == "OTEL_METRICS_EXPORTER"
        }
        if exporter { return true }
        guard cagent else { return false }
        let words = ((value["command"]?.elements ?? []) + (value["args"]?.elements ?? [])).compactMap(\.string)
        return words.contains { $0 == "--otel" || $0.contains(" --otel") }
    }
}
