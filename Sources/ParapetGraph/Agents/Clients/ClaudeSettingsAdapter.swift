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
        var profile = facts.profile(name: "claude-code", format: file.kind, range: root.range,
                                    expressible: [.models, .tools, .egress, .telemetry, .approval], budgetKinds: [.turns, .tokens])
        profile.ignoredSettings = ignoredSettings(root, scope: ConfigScope.of(path: file.source.path))
        profile.fetchedSources = marketplaces(root)
        return [profile]
    }

    /// `extraKnownMarketplaces` (code.claude.com/docs/en/settings and /plugin-marketplaces,
    /// checked 2026-12-07): marketplaces Claude Code registers for everyone who trusts the
    /// folder, each `{"source": {"source": "github", "repo", "ref"}}` or `{"source": "git",
    /// "url", "ref"}`; `directory` is a local folder. A `url` source is a `marketplace.json`
    /// fetched over HTTP: no git ref to pin, not read here.
    static func marketplaces(_ root: DataNode) -> [FetchedSource] {
        ClientData.entries(root["extraKnownMarketplaces"]).compactMap { entry in
            guard let node = entry.value["source"], node.isMapping, let type = ClientData.text(node["source"]) else { return nil }
            let name = "marketplace `\(entry.name)`"
            let ref = ClientData.text(node["ref"]), sha = ClientData.text(node["sha"])
            switch type {
            case "github":
                return FetchedSource(name: name, kind: .git, location: "github:\(ClientData.text(node["repo"]) ?? "?")", ref: ref, sha: sha, range: node.range)
            case "git":
                return FetchedSource(name: name, kind: .git, location: ClientData.text(node["url"]) ?? "?", ref: ref, sha: sha, range: node.range)
            case "directory":
                return FetchedSource(name: name, kind: .path, location: ClientData.text(node["path"]) ?? "?", range: node.range)
            default:
                return nil
            }
        }
    }

    /// Keys Claude Code takes from managed settings only: anthropics/claude-code
    /// `examples/settings/README.md` ("only take effect if specified in enterprise settings":
    /// `strictKnownMarketplaces`, `allowManagedHooksOnly`, `allowManagedPermissionRulesOnly`) and
    /// the settings reference (`blockedMarketplaces`, `sandbox.network.allowManagedDomainsOnly`),
    /// checked 2026-12-07. Anywhere else they do nothing, whatever they say.
    static let managedOnly: [[String]] = [
        ["strictKnownMarketplaces"], ["blockedMarketplaces"], ["allowManagedHooksOnly"], ["allowManagedPermissionRulesOnly"],
        ["sandbox", "network", "allowManagedDomainsOnly"],
    ]

    static func ignoredSettings(_ root: DataNode, scope: ConfigScope) -> [IgnoredSetting] {
        guard scope != .managed else { return [] }
        let place = scope == .personal ? "a personal settings file" : "a project's settings"
        return managedOnly.compactMap { path in
            guard let name = path.last, let parent = root.at(path.dropLast().map { DataPathComponent.key($0) }),
                  let entry = parent.entries?.first(where: { $0.name == name }) else { return nil }
            return IgnoredSetting(key: path.joined(separator: "."), reason: "Claude Code reads it from managed settings only, not from \(place)",
                                  range: entry.key.range)
        }
    }
}
