/// Whom a configuration file affects, by where it sits. A repository's shared settings reach
/// every contributor who opens it; a personal file (`settings.local.json`, which Claude Code
/// keeps out of git, or a home-folder config kept in a dotfiles repository) only its owner;
/// managed settings every user of a machine or organisation, and they override the others.
public enum ConfigScope: String, Sendable, CaseIterable {
    case shared, personal, managed

    /// For cards: what the scope means.
    public var meaning: String {
        switch self {
        case .shared: "a repository's settings: every contributor"
        case .personal: "a personal file: its owner only"
        case .managed: "managed settings: every user, over the others"
        }
    }

    /// Decided by the path alone (lower-cased segments).
    public static func of(path: String) -> ConfigScope {
        let lower = path.lowercased()
        let segments = lower.split(separator: "/").map(String.init)
        let name = segments.last ?? lower
        // Claude Code `managed-settings.json` / `managed-mcp.json` and their system folders;
        // Gemini CLI's system settings; Codex's managed requirements; Windsurf's system hooks.
        if name.hasPrefix("managed-settings") || name == "managed-mcp.json" || name == "requirements.toml"
            || name == "managed_config.toml" || name == "system-defaults.json"
            || lower.contains("etc/claude-code/") || lower.contains("claudecode/") || lower.contains("etc/gemini-cli/")
            || lower.contains("etc/codex/") || lower.contains("etc/windsurf/") {
            return .managed
        }
        // Local files a client keeps out of version control, and home-folder configs kept in a
        // dotfiles repository (`.config/`, chezmoi's `dot_config/`, `home/` trees).
        if name.contains(".local.") || name == ".claude.json" || segments.contains(where: { $0.contains("dotfiles") })
            || segments.contains(".config") || segments.contains(where: { $0.hasPrefix("dot_") }) {
            return .personal
        }
        return .shared
    }
}
