import ParapetCore
import ParapetSyntax

/// Claude Code `.claude/settings.json`, `settings.local.json`, `managed-settings.json`.
enum ClaudeSettingsAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.claudeSettings] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        let env = ClaudeSettingsReader.env(root)
        let provider = ClaudeEnvReader.provider(env) ?? "anthropic"
        var facts = ClaudeSettingsReader.facts(root, provider: provider)
        facts.merge(ClaudeEnvReader.facts(env, provider: provider))
        if facts.egress == nil {
            // No `sandbox`: Claude Code's default runs Bash and WebFetch with the machine's network.
            facts.egress = EgressPosture(network: .unrestricted, evidence: "`sandbox.enabled` is not set (Claude Code's default: no network sandbox)",
                                         range: root.range, isDefault: true)
        }
        return [facts.profile(name: "claude-code", format: file.kind, range: root.range,
                              expressible: [.models, .tools, .egress, .telemetry, .approval], budgetKinds: [.turns, .tokens])]
    }
}
