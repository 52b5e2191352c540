import ParapetCore
import ParapetGraph

struct ApprovalBypassEnabledRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE411", name: "approval-bypass-enabled", family: .gate, defaultSeverity: .error,
        summary: "Finds agents whose approval step is switched off.",
        rationale: """
            Modes such as Claude Code `bypassPermissions`, Codex `approval_policy = "never"` or \
            `--dangerously-skip-permissions` run every tool call, destructive ones included, without \
            asking anyone. In CI or production there is then no gate at all. Claude Code's \
            `enableAllProjectMcpServers: true` likewise approves every MCP server a repository's \
            `.mcp.json` adds, so a pull request can bring in a server nobody reviewed.
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
        context.agents.flatMap { node, profile in
            var findings: [Finding] = []
            if let mode = profile.approvalMode.value, mode.mode == .bypass {
                findings.append(finding("Approval is switched off by `\(mode.setting)`", at: mode.range, node: node, path: "approval-mode"))
            }
            for bypass in profile.approvalBypasses where bypass.mode == .bypass {
                findings.append(finding("Approval is switched off by `\(bypass.setting)`", at: bypass.range, node: node, path: "approval-mode"))
            }
            return findings
        }
    }
}
