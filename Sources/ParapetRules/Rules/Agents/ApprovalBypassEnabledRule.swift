import ParapetCore
import ParapetGraph

struct ApprovalBypassEnabledRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE411", name: "approval-bypass-enabled", family: .gate, defaultSeverity: .error,
        summary: "Finds agents whose approval step is switched off.",
        rationale: """
            Modes such as Claude Code `bypassPermissions`, Codex `approval_policy = "never"` or \
            `--dangerously-skip-permissions` run every tool call, destructive ones included, without \
            asking anyone. In CI or production there is then no gate at all.
            """,
        remediation: "Use the default approval mode and allow specific safe tools instead.",
        examples: [
            .triggering("""
                model = "gpt-4o-2024-08-06"
                approval_policy = ↓"never"
                """, fileName: ".codex/config.toml"),
            .passing("""
                model = "gpt-4o-2024-08-06"
                approval_policy = "on-request"
                """, fileName: ".codex/config.toml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.agents.compactMap { node, profile in
            guard let mode = profile.approvalMode.value, mode.mode == .bypass else { return nil }
            return finding("Approval is switched off by `\(mode.setting)`", at: mode.range, node: node, path: "approval-mode")
        }
    }
}
