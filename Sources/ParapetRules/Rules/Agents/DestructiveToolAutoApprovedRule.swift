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
            `rules/agents/tool-capabilities.yaml`. Every tool of an MCP server that \
            `rules/agents/mcp-servers.yaml` does not know is a warning: what those tools do is \
            unknown, not shown destructive, yet all of them run unasked. A client's default counts \
            where it allows: OpenCode runs `bash`, `edit` and `webfetch` unasked unless `permission` \
            sets them (or `*`), so a `permission` object that leaves them out is reported at its key, \
            and a tool's pattern map without `*` leaves every command it does not match to that \
            default (reported at the tool's key).
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
        // One finding per place: grants written at one key (a VS Code regex spelled out as
        // prefixes, OpenCode's defaults at `permission`) are named together.
        var byPlace: [String: Int] = [:]
        var seen: Set<String> = []
        for (node, profile) in context.agents {
            // Grants that only exist because approval is switched off are GATE411's finding.
            let bypasses = Set(([profile.approvalMode.value].compactMap { $0 } + profile.approvalBypasses).filter { $0.mode == .bypass }.map(\.range))
            for classified in evaluator.unasked(profile) where (classified.isDangerous || classified.isUnknownServer) && !bypasses.contains(classified.grant.range) {
                let grant = classified.grant
                let place = "\(grant.range.path):\(grant.range.start.offset):\(grant.range.end.offset)"
                // One finding per entry, even when several agents inherit it (OpenCode's agents).
                guard seen.insert("\(place):\(grant.pattern)").inserted else { continue }
                if let index = byPlace[place] {
                    findings[index].message += "; also `\(grant.pattern)`: \(classified.reason)"
                    if classified.isDangerous { findings[index].severity = Self.metadata.defaultSeverity }
                    continue
                }
                // A default is not written where the finding points: say whose decision it is.
                let why = grant.byDefault ? " (\(grant.source))" : ""
                var finding = agentFinding("`\(grant.pattern)` runs without asking\(why): \(classified.reason)", at: grant.range,
                                           node: node, path: "tools.\(grant.pattern)")
                // Every tool of a server nothing here knows: not shown destructive, so a warning
                // that a person should read what it offers, not an error.
                if !classified.isDangerous { finding.severity = .warning }
                byPlace[place] = findings.count
                findings.append(finding)
            }
        }
        return findings
    }
}
