import ParapetCore
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
            guard WorkloadWithoutEgressPolicyRule.restrictsEgress(policy) else { continue }
            for (index, rule) in (policy.attributes.at("spec.egress")?.elements ?? []).enumerated() {
                if let reason = openReason(rule) {
                    findings.append(finding("Egress rule of NetworkPolicy `\(policy.name)` \(reason)", at: reason.hasPrefix("allows traffic to `") ? openPeerRange(rule) ?? rule.range : rule.range,
                                            node: policy, path: "spec.egress[\(index)]"))
                }
            }
        }
        return findings
    }
}

private extension NetworkPolicyAllowsAllEgressRule {
    func openReason(_ rule: Value) -> String? {
        if rule.isUnknown { return nil }
        let peers = rule["to"]?.elements ?? []
        let ports = rule["ports"]?.elements ?? []
        if peers.isEmpty && ports.isEmpty { return "allows all destinations on all ports" }
        for peer in peers {
            guard let block = peer["ipBlock"], let cidr = block["cidr"]?.string else { continue }
            if (cidr == "0.0.0.0/0" || cidr == "::/0") && (block["except"]?.elements ?? []).isEmpty {
                return "allows traffic to `\(cidr)`" + (ports.isEmpty ? " on all ports" : "")
            }
        }
        return nil
    }

    func openPeerRange(_ rule: Value) -> SourceRange? {
        rule["to"]?.elements.compactMap { $0["ipBlock"]?["cidr"]?.range }.first
    }
}
