import ParapetCore
import ParapetSyntax

/// Claude Code `.mcp.json` (project scope): `mcpServers` only; approvals live in the settings files.
enum ClaudeMCPAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.claudeMCP] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        MCPServersProfile.profile(in: file, name: "claude-code", key: "mcpServers", dialect: .claudeCode).map { [$0] } ?? []
    }
}
