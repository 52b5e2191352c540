import ParapetCore
import ParapetGraph

struct DestructiveToolAutoApprovedRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE410", name: "destructive-tool-auto-approved", family: .gate, defaultSeverity: .error,
        summary: "Finds agents allowed to run destructive or mutating tools, or any shell command, without asking.",
        rationale: """
            An auto-approved shell, a wildcard over an MCP server, a file-writing tool, or a tool that \
            deletes or changes things lets a prompt injection or a confused plan destroy data with no \
            human in the loop. What counts as destructive or mutating is data in \
            `rules/agents/tool-capabilities.yaml`.
            """,
        remediation: "Move the tool to `ask` (or `requireApproval`), or allow only the specific safe commands.",
        examples: [
            .triggering("""
                {
                  "permissions": {
                    "allow": [↓"Bash", "Read", ↓"Bash(kubectl delete:*)"]
                  }
                }
                """, fileName: ".claude/settings.json"),
            .passing("""
                {
                  "permissions": {
                    "allow": ["Read", "Bash(npm test)"],
                    "ask": ["Bash"]
                  }
                }
                """, fileName: ".claude/settings.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let evaluator = PermissionEvaluator()
        var findings: [Finding] = []
        var seen: Set<String> = []
        for (node, profile) in context.agents {
            // Grants that only exist because approval is switched off are GATE411's finding.
            let bypass = profile.approvalMode.value.flatMap { $0.mode == .bypass ? $0.range : nil }
            for classified in evaluator.unasked(profile) where classified.isDangerous && classified.grant.range != bypass {
                let grant = classified.grant
                // One finding per entry, even when several agents inherit it (OpenCode's agents).
                guard seen.insert("\(grant.range.path):\(grant.range.start.offset)").inserted else { continue }
                findings.append(agentFinding("`\(grant.pattern)` runs without asking: \(classified.reason)", at: grant.range,
                                        node: node, path: "tools.\(grant.pattern)"))
            }
        }
        return findings
    }
}
