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
        let capabilities = ToolCapabilities.builtIn
        var findings: [Finding] = []
        for (node, profile) in context.agents {
            guard let tools = profile.tools.value else { continue }
            let gated = tools.filter { $0.approval == .required || $0.approval == .denied }
            // Grants that only exist because approval is switched off are GATE411's finding.
            let bypass = profile.approvalMode.value.flatMap { $0.mode == .bypass ? $0.range : nil }
            for grant in tools where grant.approval == .auto && grant.range != bypass {
                let classified = capabilities.classify(grant, servers: profile.servers.value ?? [])
                guard classified.isDangerous, !gated.contains(where: { covers($0.pattern, grant.pattern) }) else { continue }
                findings.append(finding("`\(grant.pattern)` runs without asking: \(classified.reason)", at: grant.range,
                                        node: node, path: "tools.\(grant.pattern)"))
            }
        }
        return findings
    }
}

private extension DestructiveToolAutoApprovedRule {
    /// An ask or deny entry covers an allow entry when it is the same pattern or the whole tool
    /// (`ask: ["Bash"]` covers `allow: ["Bash(rm:*)"]`).
    func covers(_ gate: String, _ pattern: String) -> Bool {
        if gate == pattern || gate == "*" { return true }
        let tool = pattern.split(separator: "(").first.map(String.init) ?? pattern
        return gate == tool || gate == "\(tool)(*)" || gate == "\(tool)(:*)"
    }
}
