import ParapetCore
import ParapetSyntax

/// Claude Desktop `claude_desktop_config.json`: stdio `mcpServers`, nothing else the rules read.
enum ClaudeDesktopAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.claudeDesktop] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        MCPServersProfile.profile(in: file, name: "claude-desktop", key: "mcpServers", dialect: .claudeDesktop).map { [$0] } ?? []
    }
}
