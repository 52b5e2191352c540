let pinningRules: [any Rule.Type] = [
    ModelNotPinnedRule.self,
    ModelAutoUpgradeEnabledRule.self,
    ImageNotPinnedRule.self,
    ModuleSourceNotPinnedRule.self,
]
