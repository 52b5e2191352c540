import ParapetCore
import ParapetSyntax

/// Cline `cline_mcp_settings.json`: `mcpServers` with `autoApprove` (tools run without asking) and `disabled`.
enum ClineMCPAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.clineMCP] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        MCPServersProfile.profile(in: file, name: "cline", key: "mcpServers", dialect: .cline).map { [$0] } ?? []
    }
}
