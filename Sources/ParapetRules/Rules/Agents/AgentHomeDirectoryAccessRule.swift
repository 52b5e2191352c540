import ParapetCore
import ParapetGraph

struct AgentHomeDirectoryAccessRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE415", name: "agent-home-directory-access", family: .gate, defaultSeverity: .error,
        summary: "Finds agents given the home directory or credential folders (`~/.ssh`, `~/.aws`) as working folders or in allowed tool paths.",
        rationale: """
            An agent confined to its project can only leak the project. Adding the home directory, \
            or allowing reads of `~/.ssh`, `~/.aws` or `~/.kube` without asking, hands it the keys \
            to every server, cloud account and cluster of the person running it, and one prompt \
            injection away from sending them out. Which paths count is data in \
            `rules/agents/sensitive-paths.yaml`.
            """,
        remediation: "Give the agent the project folder only; add specific non-secret folders, and deny `Read(~/.ssh/**)` and similar paths.",
        examples: [
            .triggering("""
                {
                  "permissions": {
                    "allow": ["Read"],
                    "additionalDirectories": [↓"~/"]
                  }
                }
                """, fileName: ".claude/settings.json"),
            .passing("""
                {
                  "permissions": {
                    "allow": ["Read"],
                    "additionalDirectories": ["../shared-docs"],
                    "deny": ["Read(~/.ssh/**)"]
                  }
                }
                """, fileName: ".claude/settings.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let sensitive = SensitivePaths.builtIn
        var findings: [Finding] = []
        var seen: Set<SourceRange> = []
        for (node, profile) in context.agents {
            for directory in profile.directories where seen.insert(directory.range).inserted {
                guard let what = sensitive.describe(directory.path) else { continue }
                findings.append(agentFinding("Agent `\(profile.name)` may work in `\(directory.path)`, \(what) (`\(directory.setting)`)",
                                        at: directory.range, node: node, path: "directories"))
            }
            for grant in profile.tools.value ?? [] where grant.approval == .auto && seen.insert(grant.range).inserted {
                guard let path = Self.path(of: grant.pattern), let what = sensitive.describe(path) else { continue }
                findings.append(agentFinding("`\(grant.pattern)` runs without asking on \(what)", at: grant.range, node: node, path: "tools.\(grant.pattern)"))
            }
        }
        return findings
    }

    /// The path argument of a file tool grant: `Read(~/.ssh/**)` → `~/.ssh/**`.
    static func path(of pattern: String) -> String? {
        guard let open = pattern.firstIndex(of: "("), pattern.hasSuffix(")") else { return nil }
        let tool = pattern[..<open]
        guard ["Read", "Edit", "Write", "MultiEdit", "NotebookEdit", "Glob", "Grep", "read_file", "write_file"].contains(String(tool)) else { return nil }
        return String(pattern[pattern.index(after: open)..<pattern.index(before: pattern.endIndex)])
    }
}
