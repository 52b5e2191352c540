let telemetryRules: [any Rule.Type] = [
    ModelInvocationLoggingMissingRule.self,
    WorkloadWithoutMetricsRule.self,
    WorkloadWithoutHealthProbesRule.self,
    FunctionTracingDisabledRule.self,
    ApiAccessLoggingDisabledRule.self,
    ClusterControlPlaneLoggingDisabledRule.self,
    LogRetentionUnsetRule.self,
    NetworkFlowLogsMissingRule.self,
]
