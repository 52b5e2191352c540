/// Rules over agent profiles (every agent-manifest format, through the adapters).
let agentRules: [any Rule.Type] = [
    AgentWithoutTracingRule.self,
    AgentToolCallsUnauditedRule.self,
    AgentNetworkUnrestrictedRule.self,
    RemoteToolServerPlaintextRule.self,
    AgentWithoutTurnLimitRule.self,
    AgentWithoutTokenLimitRule.self,
    AgentWithoutRateOrSpendLimitRule.self,
    DestructiveToolAutoApprovedRule.self,
    ApprovalBypassEnabledRule.self,
    UnauthenticatedAgentEndpointRule.self,
    ToolServerPackageNotPinnedRule.self,
    AgentConfigInlineSecretRule.self,
    AgentActionNotPinnedRule.self,
    UntrustedInputToAgentRule.self,
    AgentHomeDirectoryAccessRule.self,
    SettingIgnoredInScopeRule.self,
]
