import ParapetCore
import ParapetSyntax
import Testing
@testable import ParapetGraph

/// Whom a configuration file affects, by its path.
@Suite struct ConfigScopeTests {
    @Test(arguments: [
        (".claude/settings.json", ConfigScope.shared),
        ("app/.mcp.json", .shared),
        (".cursor/cli.json", .shared),
        (".claude/settings.local.json", .personal),
        ("home/.claude.json", .personal),
        ("connorads__dotfiles/.codex/config.toml", .personal),
        (".config/goose/config.yaml", .personal),
        ("dot_config/zed/settings.json", .personal),
        ("etc/claude-code/managed-settings.json", .managed),
        ("Library/Application Support/ClaudeCode/managed-settings.json", .managed),
        ("etc/gemini-cli/settings.json", .managed),
        ("requirements.toml", .managed),
    ])
    func scopeOfPath(_ path: String, _ scope: ConfigScope) {
        #expect(ConfigScope.of(path: path) == scope)
    }

    /// Keys the client ignores in a file's scope: Codex drops some from a repository's
    /// `.codex/config.toml` only; Claude Code's managed-only keys count in managed settings only.
    @Test(arguments: [
        (".codex/config.toml", true),
        ("services/api/.codex/config.toml", true),
        ("dotfiles/.codex/config.toml", false),
        ("etc/codex/config.toml", false),
        (".codex/agents/reviewer.toml", false),
    ])
    func codexProjectConfig(_ path: String, _ project: Bool) {
        #expect(CodexConfigAdapter.isProjectConfig(path) == project)
    }

    @Test func claudeManagedOnlyKeysOutsideManagedSettings() throws {
        let file = try #require(JSONParser.parse(SourceFile(path: "x.json", text: """
            {"strictKnownMarketplaces": [], "sandbox": {"network": {"allowManagedDomainsOnly": true}}, "model": "opus"}
            """)).documents.first)
        #expect(ClaudeSettingsAdapter.ignoredSettings(file, scope: .shared).map(\.key) == ["strictKnownMarketplaces", "sandbox.network.allowManagedDomainsOnly"])
        #expect(ClaudeSettingsAdapter.ignoredSettings(file, scope: .personal).count == 2)
        #expect(ClaudeSettingsAdapter.ignoredSettings(file, scope: .managed).isEmpty)
    }
}
