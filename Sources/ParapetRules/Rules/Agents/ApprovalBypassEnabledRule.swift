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
            `.mcp.json` adds, so a pull request can bring in a server nobody reviewed. An OpenCode \
            `opencode.json` with no `permission` at all leaves OpenCode's default, which runs every \
            tool (`bash` and `edit` included) without asking: a warning, since the user's global \
            config may set one; a `permission` object that leaves out `bash`, `edit` or \
            `webfetch` (and has no `*`) lets that tool run unasked, which GATE410 judges.
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
        var findings: [Finding] = []
        // One finding per setting: subagents that inherit a project's bypass share its range.
        var seen: Set<SourceRange> = []
        for (node, profile) in context.agents {
            let modes = [profile.approvalMode.value].compactMap { $0 } + profile.approvalBypasses
            // An inherited mode is the parent's finding, at the parent's setting.
            for mode in modes where mode.mode == .bypass && mode.inheritedFrom == nil && seen.insert(mode.range).inserted {
                // Nothing written, the client's default approves: a warning, since a
                // configuration elsewhere (the user's own) may still ask.
                if mode.byDefault {
                    var unset = agentFinding("Approval is off by default: \(mode.setting)", at: mode.range, node: node, path: "approval-mode")
                    unset.severity = .warning
                    findings.append(unset)
                    continue
                }
                // A classifier still refuses some calls; a warning, not an error.
                if mode.byClassifier {
                    var classifier = agentFinding("A classifier, not a person, approves tool calls: `\(mode.setting)`", at: mode.range,
                                             node: node, path: "approval-mode")
                    classifier.severity = .warning
                    findings.append(classifier)
                    continue
                }
                findings.append(agentFinding("Approval is switched off by `\(mode.setting)`", at: mode.range, node: node, path: "approval-mode"))
            }
        }
        return findings
    }
}
