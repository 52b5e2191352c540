import ParapetCore
import ParapetFacts
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
        // Per namespace and deployment unit: a quota in `envs/prod` does not cap `envs/staging`.
        var uncapped: [String: [GraphNode]] = [:]
        for workload in graph.nodes(.workload) {
            // Only namespaces written in the files: the implicit `default` is where `kubectl -n` decides.
            guard let facts = context.facts.workload(workload.id), facts.namespaceIsDeclared, facts.quotas.isEmpty,
                  let namespace = workload.namespace else { continue }
            uncapped["\(namespace)\u{1F}\(workload.scope)", default: []].append(workload)
        }
        var findings: [Finding] = []
        for (_, workloads) in uncapped.sorted(by: { $0.key < $1.key }) {
            guard let first = workloads.min(by: { $0.address < $1.address }), let namespace = first.namespace else { continue }
            let related = workloads.prefix(5).map { RelatedLocation(range: $0.nameRange, message: "\($0.kubernetesDisplay) runs here") }
            let declared = graph.nodes(.namespace).first { $0.name == namespace && Graph.scopesMeet($0.scope, first.scope) }
            if let node = declared {
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
