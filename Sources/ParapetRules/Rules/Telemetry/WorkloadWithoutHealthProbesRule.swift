import ParapetCore
import ParapetFacts
import ParapetGraph

struct WorkloadWithoutHealthProbesRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL111", name: "workload-without-health-probes", family: .telemetry, defaultSeverity: .warning,
        summary: "Finds long-running containers without readiness and liveness probes.",
        rationale: """
            Without probes, Kubernetes cannot tell a hung agent or model server from a healthy one: \
            traffic keeps flowing to it and nothing restarts it, so the failure is silent.
            """,
        remediation: "Add a `readinessProbe` and a `livenessProbe` to every long-running container.",
        examples: [
            .triggering("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  template:
                    spec:
                      containers:
                        - ↓name: api
                          image: api:1.0.0
                """, fileName: "deploy.yaml"),
            .passing("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                spec:
                  template:
                    spec:
                      containers:
                        - name: migrate
                          image: migrate:1.0.0
                """, fileName: "job.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.graph.nodes(.workload) {
            guard let facts = context.facts.workload(workload.id), facts.isLongRunning else { continue }
            // Init containers run to completion before the pod starts: they have no probes.
            for container in facts.containers where !container.isInit {
                let missing = ["readinessProbe", "livenessProbe"].filter { container.value[$0] == nil && !facts.injectedProbes.contains($0) }
                guard !missing.isEmpty else { continue }
                findings.append(finding("Container `\(container.name)` has no \(missing.joined(separator: " or "))",
                                        at: container.range, node: workload, path: "containers.\(container.name)"))
            }
        }
        return findings
    }
}
