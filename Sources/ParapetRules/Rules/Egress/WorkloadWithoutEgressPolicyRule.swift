import ParapetCore
import ParapetFacts
import ParapetGraph

struct WorkloadWithoutEgressPolicyRule: Rule {
    static let metadata = RuleMetadata(
        code: "EGR202", name: "workload-without-egress-policy", family: .egress, defaultSeverity: .warning,
        summary: "Finds Kubernetes workloads that no NetworkPolicy with an Egress policy type selects.",
        rationale: """
            Pods are non-isolated for egress until a NetworkPolicy with policy type Egress selects \
            them. An agent pod without one can reach the whole internet and every service in the \
            cluster, which turns one prompt injection into data exfiltration.
            """,
        remediation: "Select the workload's pods with a NetworkPolicy whose `policyTypes` include `Egress` and list allowed destinations.",
        examples: [
            .triggering("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: ↓bot
                  namespace: agents
                spec:
                  template:
                    metadata:
                      labels: {app: bot}
                    spec:
                      containers:
                        - name: bot
                          image: bot:1.0.0
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: deny-ingress
                  namespace: agents
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                """, fileName: "bot.yaml"),
            .passing("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: bot
                  namespace: agents
                spec:
                  template:
                    metadata:
                      labels: {app: bot}
                    spec:
                      containers:
                        - name: bot
                          image: bot:1.0.0
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: bot-egress
                  namespace: agents
                spec:
                  podSelector:
                    matchExpressions:
                      - {key: app, operator: In, values: [bot, worker]}
                  policyTypes: [Egress]
                  egress:
                    - to:
                        - namespaceSelector: {matchLabels: {name: llm-gateway}}
                """, fileName: "bot.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for workload in context.graph.nodes(.workload) {
            // A policy that allows everything is EGR203's finding, at the policy; an unknown
            // selector might select the workload, so nothing is guessed.
            guard let facts = context.facts.workload(workload.id), facts.egress.state == .notIsolated else { continue }
            let related = facts.egress.policies.map { verdict in
                let graph = context.graph
                let reason = verdict.selects
                    ? "selects it but has no Egress policy type"
                    : "does not select it (selector: \(LabelSelector(graph[verdict.policy].attributes.at("spec.podSelector") ?? Value(.object([]), range: verdict.range)).display))"
                return RelatedLocation(range: verdict.range, message: "NetworkPolicy `\(verdict.name)` \(reason)")
            }
            let namespace = workload.namespace ?? "default"
            let message = facts.egress.policyCount == 0
                ? "\(workload.kubernetesDisplay) has no egress policy: namespace `\(namespace)` has no NetworkPolicy"
                : "\(workload.kubernetesDisplay) is selected by no NetworkPolicy that restricts egress"
            findings.append(finding(message, at: workload.nameRange, node: workload, related: related))
        }
        return findings
    }
}
