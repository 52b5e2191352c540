import ParapetCore
import ParapetSyntax

/// Cursor `.cursor/mcp.json`: `mcpServers` (`url` servers are remote); approvals are in `.cursor/permissions.json`.
enum CursorMCPAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.cursorMCP] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        MCPServersProfile.profile(in: file, name: "cursor", key: "mcpServers", dialect: .cursor).map { [$0] } ?? []
    }
}
