import ParapetCore
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
            for container in PodTemplate.all(of: workload).flatMap(\.allContainers) {
                let missing = missingLimits(container)
                guard !missing.isEmpty else { continue }
                let name = container["name"]?.string ?? "(unnamed)"
                let at = container.member("name")?.keyRange ?? container.range
                findings.append(finding("Container `\(name)` has no \(missing.joined(separator: " or ")) limit",
                                        at: at, node: workload, path: "containers.\(name)"))
            }
        }
        return findings
    }
}

private extension ContainerWithoutResourceLimitsRule {
    func missingLimits(_ container: Value) -> [String] {
        let resources = container["resources"]
        if resources?.isUnknown == true { return [] }
        let limits = resources?["limits"]
        if limits?.isUnknown == true { return [] }
        var missing: [String] = []
        for resource in ["cpu", "memory"] where limits?[resource] == nil { missing.append(resource) }
        for request in resources?["requests"]?.members ?? [] where request.key.hasSuffix("/gpu") && limits?[request.key] == nil {
            missing.append(request.key)
        }
        return missing
    }
}
