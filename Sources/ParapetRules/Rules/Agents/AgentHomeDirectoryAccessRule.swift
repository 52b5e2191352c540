import ParapetCore
import ParapetGraph
import ParapetSyntax

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
                findings.append(finding("Agent `\(profile.name)` may work in `\(directory.path)`, \(what) (`\(directory.setting)`)",
                                        at: directory.range, node: node, path: "directories"))
            }
            for grant in profile.tools.value ?? [] where grant.approval == .auto && seen.insert(grant.range).inserted {
                guard let path = Self.path(of: grant.pattern), let what = sensitive.describe(path) else { continue }
                findings.append(finding("`\(grant.pattern)` runs without asking on \(what)", at: grant.range, node: node, path: "tools.\(grant.pattern)"))
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

/// `rules/agents/sensitive-paths.yaml`.
struct SensitivePaths: Sendable {
    var homes: [[String]] = []
    var credentials: [[String]] = []

    static let builtIn = SensitivePaths(EmbeddedRuleFiles.files.first { $0.path == "rules/agents/sensitive-paths.yaml" }?.contents ?? "")

    init(_ contents: String) {
        let root = YAMLParser.parse(SourceFile(path: "sensitive-paths.yaml", text: contents)).documents.first?["sensitive"]
        // Home patterns keep their `*` (one user name); paths drop trailing globs.
        homes = (root?["home"]?.sequence ?? []).compactMap(\.string).map { $0.split(separator: "/").map(String.init).filter { !$0.isEmpty } }
        credentials = (root?["credentials"]?.sequence ?? []).compactMap(\.string).map(Self.segments)
    }

    /// `~/` → ["~"]; `//Users/me/.aws/**` → ["Users", "me", ".aws"]; globs at the end dropped.
    static func segments(_ path: String) -> [String] {
        var text = path.replacingOccurrences(of: "\\", with: "/")
        for home in ["${HOME}", "$HOME", "%USERPROFILE%"] { text = text.replacingOccurrences(of: home, with: "~") }
        var parts = text.split(separator: "/").map(String.init).filter { !$0.isEmpty && $0 != "." }
        while let last = parts.last, last.allSatisfy({ $0 == "*" }) { parts.removeLast() }
        return parts
    }

    /// What the path gives away ("the home directory", "credentials in `.ssh`"), or nil.
    func describe(_ path: String) -> String? {
        let parts = Self.segments(path)
        if homes.contains(where: { home in
            parts.count == home.count && zip(home, parts).allSatisfy { want, have in want == "*" || want == have }
        }) { return "the whole home directory" }
        for credential in credentials {
            for start in parts.indices where parts[start...].starts(with: credential) {
                return "credentials in `\(credential.joined(separator: "/"))`"
            }
        }
        return nil
    }
}
