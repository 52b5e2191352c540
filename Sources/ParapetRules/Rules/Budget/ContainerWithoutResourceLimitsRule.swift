import ParapetCore
import ParapetFacts
import ParapetGraph

struct ContainerWithoutResourceLimitsRule: Rule {
    static let metadata = RuleMetadata(
        code: "BUD310", name: "container-without-resource-limits", family: .budget, defaultSeverity: .warning,
        summary: "Finds containers and init containers without CPU or memory limits.",
        rationale: """
            A container without limits can take a node's whole CPU and memory: one runaway agent loop \
            or model server starves every other pod on the node, and the bill grows with it. GPU \
            requests without matching limits are rejected or misscheduled.
            """,
        remediation: "Set `resources.limits.cpu` and `resources.limits.memory` (and GPU limits) on every container.",
        examples: [
            .triggering("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: bot
                spec:
                  containers:
                    - ↓name: bot
                      image: bot:1.2.3
                      resources:
                        requests: {cpu: 100m}
                """, fileName: "pod.yaml"),
            .passing("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: bot
                spec:
                  containers:
                    - name: bot
                      image: bot:1.2.3
                      resources:
                        limits: {cpu: 500m, memory: 256Mi}
                """, fileName: "pod.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.graph.nodes(.workload) {
            for container in context.facts.workload(workload.id)?.containers ?? [] where !container.missingLimits.isEmpty {
                findings.append(finding("Container `\(container.name)` has no \(container.missingLimits.joined(separator: " or ")) limit",
                                        at: container.range, node: workload, path: "containers.\(container.name)"))
            }
        }
        return findings
    }
}
