let egressRules: [any Rule.Type] = [
    WorkloadWithoutEgressPolicyRule.self,
    NetworkPolicyAllowsAllEgressRule.self,
]
