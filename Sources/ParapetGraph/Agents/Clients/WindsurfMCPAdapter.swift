import ParapetCore
import ParapetSyntax

/// Windsurf `mcp_config.json`: the Claude Desktop shape, remote servers under `serverUrl`.
enum WindsurfMCPAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.windsurfMCP] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        MCPServersProfile.profile(in: file, name: "windsurf", key: "mcpServers", dialect: .windsurf).map { [$0] } ?? []
    }
}
