let gateRules: [any Rule.Type] = [
    PersistentVolumeDeletedOnReleaseRule.self,
]
