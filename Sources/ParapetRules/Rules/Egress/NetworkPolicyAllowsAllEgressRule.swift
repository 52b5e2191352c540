import ParapetCore
import ParapetFacts
import ParapetGraph

struct NetworkPolicyAllowsAllEgressRule: Rule {
    static let metadata = RuleMetadata(
        code: "EGR203", name: "network-policy-allows-all-egress", family: .egress, defaultSeverity: .warning,
        summary: "Finds NetworkPolicy egress rules that allow every destination.",
        rationale: """
            An egress rule with no peers and no ports (`- {}`), or with an `ipBlock` of `0.0.0.0/0` \
            and no `except`, undoes the isolation the policy seems to give: the selected pods can \
            reach the whole internet.
            """,
        remediation: "List the destinations the pods need: namespace or pod selectors, or narrow CIDRs with ports.",
        examples: [
            .triggering("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: open
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                    - ↓{}
                """, fileName: "policy.yaml"),
            .passing("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: dns-only
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                    - ports:
                        - {port: 53, protocol: UDP}
                """, fileName: "policy.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for policy in context.graph.nodes(.networkPolicy) {
            // Unknown policy types are not guessed to include Egress.
            guard case .success(true) = NetworkPolicyFacts.applies(policy, to: .egress) else { continue }
            for rule in NetworkPolicyFacts.openRules(policy, direction: .egress) {
                findings.append(finding("Egress rule of NetworkPolicy `\(policy.name)` \(rule.reason)", at: rule.range,
                                        node: policy, path: "spec.egress[\(rule.index)]"))
            }
        }
        return findings
    }
}
