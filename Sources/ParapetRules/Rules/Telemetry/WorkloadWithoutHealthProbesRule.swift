import ParapetCore
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
        for workload in context.graph.nodes(.workload) where isLongRunning(workload) {
            let injected = WorkloadKind.of(workload)?.injectedProbes ?? []
            for container in PodTemplate.all(of: workload).flatMap(\.containers) {
                let missing = ["readinessProbe", "livenessProbe"].filter { container[$0] == nil && !injected.contains($0) }
                guard !missing.isEmpty else { continue }
                let name = container["name"]?.string ?? "(unnamed)"
                findings.append(finding("Container `\(name)` has no \(missing.joined(separator: " or "))",
                                        at: container.member("name")?.keyRange ?? container.range, node: workload,
                                        path: "containers.\(name)"))
            }
        }
        return findings
    }
}

private extension WorkloadWithoutHealthProbesRule {
    /// Jobs and training jobs run to completion; bare Pods are usually one-offs too.
    func isLongRunning(_ workload: GraphNode) -> Bool {
        WorkloadKind.of(workload)?.lifecycle == .service
    }
}
