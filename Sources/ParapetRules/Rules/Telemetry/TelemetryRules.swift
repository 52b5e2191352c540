let telemetryRules: [any Rule.Type] = [
    WorkloadWithoutMetricsRule.self,
    WorkloadWithoutHealthProbesRule.self,
]
