/// Every built-in Swift rule. A test checks that each `*Rule.swift` file under `Rules/` is listed.
public let builtInRules: [any Rule.Type] = [
    ContainerWithoutResourceLimitsRule.self,
    ImageNotPinnedRule.self,
    NetworkPolicyAllowsAllEgressRule.self,
    WorkloadWithoutEgressPolicyRule.self,
    WorkloadWithoutHealthProbesRule.self,
    WorkloadWithoutMetricsRule.self,
    NamespaceWithoutQuotaRule.self,
    PersistentVolumeDeletedOnReleaseRule.self,
]
