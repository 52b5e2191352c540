let budgetRules: [any Rule.Type] = [
    ContainerWithoutResourceLimitsRule.self,
    NamespaceWithoutQuotaRule.self,
    FunctionConcurrencyUnboundedRule.self,
    AISpendWithoutBudgetRule.self,
]
