import ParapetCore
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
        let graph = context.graph
        var policiesByNamespace: [String: [GraphNode]] = [:]
        for policy in graph.nodes(.networkPolicy) { policiesByNamespace[policy.namespace ?? "default", default: []].append(policy) }
        var findings: [Finding] = []
        for workload in graph.nodes(.workload) {
            let selecting = Set(graph.edges(to: workload.id, label: .selects).map(\.from))
            let policies = policiesByNamespace[workload.namespace ?? "default"] ?? []
            if policies.contains(where: { selecting.contains($0.id) && Self.restrictsEgress($0) }) { continue }
            if policies.contains(where: { Self.hasUnknownSelector($0) }) { continue }
            let related = policies.map { policy in
                let reason = selecting.contains(policy.id)
                    ? "selects it but has no Egress policy type"
                    : "does not select it (selector: \(LabelSelector(policy.attributes.at("spec.podSelector") ?? Value(.object([]), range: policy.range)).display))"
                return RelatedLocation(range: policy.nameRange, message: "NetworkPolicy `\(policy.name)` \(reason)")
            }
            let namespace = workload.namespace ?? "default"
            let message = policies.isEmpty
                ? "\(workload.kubernetesDisplay) has no egress policy: namespace `\(namespace)` has no NetworkPolicy"
                : "\(workload.kubernetesDisplay) is selected by no NetworkPolicy that restricts egress"
            findings.append(finding(message, at: workload.nameRange, node: workload, related: related))
        }
        return findings
    }

    /// `policyTypes` decides; without it, Egress applies when the policy has an `egress` section.
    static func restrictsEgress(_ policy: GraphNode) -> Bool {
        if let types = policy.attributes.at("spec.policyTypes") {
            return types.isUnknown || types.strings.contains("Egress")
        }
        return policy.attributes.at("spec.egress") != nil
    }

    /// A policy whose selector Parapet cannot read might select the workload; do not guess.
    static func hasUnknownSelector(_ policy: GraphNode) -> Bool {
        policy.attributes.at("spec.podSelector").map { LabelSelector($0).isUnknown } ?? false
    }
}
