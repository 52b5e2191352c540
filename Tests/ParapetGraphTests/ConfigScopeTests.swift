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
}
