import ParapetCore
import ParapetGraph

/// What the objects of a graph are, decided once, before any rule runs: each workload's pod
/// template, the policies, services, monitors and quotas that apply to it, and its network
/// posture. Rules read these and never re-derive them, so two rules cannot disagree about one
/// object. Every unknown carries its reason.
public struct Facts: Sendable {
    public let workloads: [NodeID: WorkloadFacts]
    /// What Terraform values provably reference, through locals, module arguments and outputs.
    public let references: TerraformReferences
    /// Every agent node's facts (AgentFacts.swift).
    public let agents: [NodeID: AgentFacts]

    public init(graph: Graph) {
        var workloads: [NodeID: WorkloadFacts] = [:]
        let index = KubernetesIndex(graph)
        for workload in graph.nodes(.workload) {
            workloads[workload.id] = WorkloadFacts(workload, graph: graph, index: index)
        }
        self.workloads = workloads
        references = TerraformReferences(graph)
        var agents: [NodeID: AgentFacts] = [:]
        for (id, profile) in graph.agents { agents[id] = AgentFacts(node: graph[id], profile: profile, graph: graph, workloads: workloads, index: index) }
        self.agents = agents
    }

    /// The facts of an agent node; nil for other nodes.
    public func agent(_ id: NodeID) -> AgentFacts? { agents[id] }

    /// The facts of a workload node; nil for other nodes.
    public func workload(_ id: NodeID) -> WorkloadFacts? { workloads[id] }
}

/// Kubernetes objects by namespace, for the lookups every workload makes.
struct KubernetesIndex {
    /// NetworkPolicies by namespace, each judged once per direction.
    var egressPolicies: [String: [PolicyShape]] = [:]
    var ingressPolicies: [String: [PolicyShape]] = [:]
    var quotas: [String: [GraphNode]] = [:]
    /// Namespace objects by name: the scopes that declare each.
    var namespaces: [String: [String]] = [:]

    init(_ graph: Graph) {
        for namespace in graph.nodes(.namespace) { namespaces[namespace.name, default: []].append(namespace.scope) }
        for policy in graph.nodes(.networkPolicy) {
            egressPolicies[policy.namespace ?? "default", default: []].append(PolicyShape(policy, direction: .egress))
            ingressPolicies[policy.namespace ?? "default", default: []].append(PolicyShape(policy, direction: .ingress))
        }
        for quota in graph.nodes(.resourceQuota) + graph.nodes(.limitRange) { quotas[quota.namespace ?? "default", default: []].append(quota) }
    }
}

/// The facts in text, for `parapet graph`: what each workload's network posture is and why,
/// so an unknown that keeps a rule silent is visible with its reason.
public enum FactsDump {
    public static func text(_ facts: Facts, graph: Graph) -> String {
        var out = ""
        for id in facts.workloads.keys.sorted() {
            guard let workload = facts.workloads[id] else { continue }
            let node = graph[id]
            out += "facts \(node.address)\n"
            out += "  egress \(workload.egress.state.rawValue): \(workload.egress.reason)\n"
            out += "  ingress \(workload.ingress.state.rawValue): \(workload.ingress.reason)\n"
            let limits = workload.containers.filter { !$0.missingLimits.isEmpty }.map { "\($0.name) (no \($0.missingLimits.joined(separator: ", ")))" }
            out += "  containers \(workload.containers.map(\.name).joined(separator: ", "))"
            out += limits.isEmpty ? "\n" : "; without limits: \(limits.joined(separator: ", "))\n"
            out += "  services \(workload.services.count), monitors \(workload.monitors.count), quotas \(workload.quotas.count), service account \(workload.serviceAccount.name)\n"
        }
        return out
    }
}
