import ParapetCore
import ParapetFacts
import ParapetGraph

struct WorkloadWithoutMetricsRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL110", name: "workload-without-metrics", family: .telemetry, defaultSeverity: .note,
        summary: "Finds long-running workloads that nothing scrapes and that export no OpenTelemetry data.",
        rationale: """
            A workload with no scrape annotations, no ServiceMonitor or PodMonitor selecting it, and \
            no OpenTelemetry exporter is invisible: a model server that slows down or an agent that \
            loops is noticed by its users, not by its owners.
            """,
        remediation: "Add Prometheus scrape annotations, a ServiceMonitor or PodMonitor, or `OTEL_EXPORTER_OTLP_ENDPOINT`.",
        examples: [
            .triggering("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: ↓api
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: api:1.0.0
                """, fileName: "deploy.yaml"),
            .passing("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: api:1.0.0
                          env:
                            - name: OTEL_EXPORTER_OTLP_ENDPOINT
                              value: http://otel-collector:4317
                """, fileName: "deploy.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.graph.nodes(.workload) {
            // Pods that stay up; every pod template counts (a LeaderWorkerSet's leader and workers).
            guard let facts = context.facts.workload(workload.id), facts.isLongRunning, !facts.templates.isEmpty else { continue }
            if facts.templates.contains(where: { Self.hasScrapeAnnotation($0.annotations) })
                || Self.hasScrapeAnnotation(workload.attributes.at("metadata.annotations")) { continue }
            if facts.containers.contains(where: { Self.exportsOpenTelemetry($0.value) }) { continue }
            if !facts.monitors.isEmpty { continue }
            findings.append(finding("\(workload.kubernetesDisplay) exports no metrics or traces", at: workload.nameRange, node: workload))
        }
        return findings
    }

    static func hasScrapeAnnotation(_ annotations: Value?) -> Bool {
        guard let annotations else { return false }
        if annotations.isUnknown { return true }
        return (annotations.members ?? []).contains { $0.key.hasSuffix("/scrape") && $0.value.scalarString != "false" }
    }

    static func exportsOpenTelemetry(_ container: Value) -> Bool {
        (container["env"]?.elements ?? []).contains { env in
            guard let name = env["name"]?.string else { return false }
            return name.hasPrefix("OTEL_EXPORTER_OTLP") || name == "OTEL_TRACES_EXPORTER" || name == "OTEL_METRICS_EXPORTER"
        }
    }
}
