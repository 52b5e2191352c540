let gateRules: [any Rule.Type] = [
    DeletionProtectionDisabledRule.self,
    StatefulResourceWithoutPreventDestroyRule.self,
    ForceDestroyEnabledRule.self,
    FinalSnapshotSkippedRule.self,
    PlanDestroysStatefulResourceRule.self,
    PersistentVolumeDeletedOnReleaseRule.self,
]
