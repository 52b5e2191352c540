import ParapetCore
import ParapetGraph

/// Not a judgement: a key that its client does not read from this file's scope does nothing,
/// whatever it says, so no rule judges it and the person who wrote it is told.
struct SettingIgnoredInScopeRule: Rule {
    static let metadata = RuleMetadata(
        code: "PAR008", name: "setting-ignored-in-scope", family: .meta, defaultSeverity: .note,
        summary: "Finds agent settings that their client ignores in the file where they are written.",
        rationale: """
            Some keys take effect only in one scope: Claude Code reads `strictKnownMarketplaces`, \
            `allowManagedHooksOnly`, `allowManagedPermissionRulesOnly`, `blockedMarketplaces` and \
            `sandbox.network.allowManagedDomainsOnly` from managed settings only, and Codex ignores \
            `model_provider`, `model_providers`, `profile`, `profiles`, `notify`, `otel` and the \
            base URLs in a project's `.codex/config.toml`. Written elsewhere they do nothing: a restriction there \
            restricts nothing, and Parapet does not judge them.
            """,
        remediation: "Move the key to the scope that reads it (managed settings, or the user's `~/.codex/config.toml`), or delete it.",
        examples: [
            .triggering("""
                {
                  ↓"strictKnownMarketplaces": [],
                  "permissions": { "allow": ["Read"] }
                }
                """, fileName: ".claude/settings.json"),
            .passing("""
                {
                  "strictKnownMarketplaces": [],
                  "permissions": { "allow": ["Read"] }
                }
                """, fileName: "managed-settings.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<SourceRange> = []
        for (node, profile) in context.agents {
            for ignored in profile.ignoredSettings where seen.insert(ignored.range).inserted {
                findings.append(finding("`\(ignored.key)` is ignored here: \(ignored.reason)", at: ignored.range, node: node,
                                        path: "ignored.\(ignored.key)"))
            }
        }
        return findings
    }
}
