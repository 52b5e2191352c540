let pinningRules: [any Rule.Type] = [
    ImageNotPinnedRule.self,
]
