let egressRules: [any Rule.Type] = [
    SecurityGroupUnrestrictedEgressRule.self,
    WorkloadWithoutEgressPolicyRule.self,
    NetworkPolicyAllowsAllEgressRule.self,
    FirewallUnrestrictedEgressRule.self,
]
