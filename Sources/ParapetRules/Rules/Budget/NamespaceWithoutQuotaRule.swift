import ParapetCore
import ParapetGraph

struct NamespaceWithoutQuotaRule: Rule {
    static let metadata = RuleMetadata(
        code: "BUD311", name: "namespace-without-quota", family: .budget, defaultSeverity: .note,
        summary: "Finds namespaces that run workloads and have no ResourceQuota or LimitRange.",
        rationale: """
            A quota caps what a whole namespace can consume; a LimitRange gives every container \
            default limits. Without either, a team or an agent that scales itself can consume the \
            cluster. Only namespaces the files name are checked, not the implicit `default`.
            """,
        remediation: "Add a ResourceQuota (and a LimitRange for default container limits) to the namespace.",
        examples: [
            .triggering("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: ↓agents
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: bot
                  namespace: agents
                spec:
                  containers:
                    - name: bot
                      image: bot:1.0.0
                """, fileName: "agents.yaml"),
            .passing("""
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: compute
                  namespace: agents
                spec:
                  hard: {limits.cpu: "8", limits.memory: 16Gi}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: bot
                  namespace: agents
                spec:
                  containers:
                    - name: bot
                      image: bot:1.0.0
                """, fileName: "agents.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let graph = context.graph
        let capped = Set((graph.nodes(.resourceQuota) + graph.nodes(.limitRange)).compactMap(\.namespace))
        let declared = Dictionary(graph.nodes(.namespace).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var workloadsByNamespace: [String: [GraphNode]] = [:]
        for workload in graph.nodes(.workload) {
            // Only namespaces written in the files: the implicit `default` is where `kubectl -n` decides.
            guard workload.attributes.at("metadata.namespace") != nil || declared[workload.namespace ?? ""] != nil,
                  let namespace = workload.namespace else { continue }
            workloadsByNamespace[namespace, default: []].append(workload)
        }
        var findings: [Finding] = []
        for (namespace, workloads) in workloadsByNamespace.sorted(by: { $0.key < $1.key }) where !capped.contains(namespace) {
            let first = workloads.min { $0.address < $1.address }!
            let related = workloads.prefix(5).map { RelatedLocation(range: $0.nameRange, message: "\($0.kubernetesDisplay) runs here") }
            if let node = declared[namespace] {
                findings.append(finding("Namespace `\(namespace)` has no ResourceQuota or LimitRange", at: node.nameRange, node: node, related: related))
            } else {
                let range = first.attributes.at("metadata.namespace")?.range ?? first.nameRange
                findings.append(finding("Namespace `\(namespace)` has no ResourceQuota or LimitRange", at: range, node: first,
                                        path: "namespace", related: Array(related.dropFirst())))
            }
        }
        return findings
    }
}
