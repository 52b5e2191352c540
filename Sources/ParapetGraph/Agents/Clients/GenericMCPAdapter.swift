import ParapetCore
import ParapetSyntax

/// A JSON with `mcpServers` whose client its name does not tell: every client's server keys are
/// read, and tools are expressible only when an approval key (`autoApprove`, `alwaysAllow`,
/// `trust`) is written.
enum GenericMCPAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.mcpConfig] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        MCPServersProfile.profile(in: file, name: "mcp-client", key: "mcpServers", dialect: .generic).map { [$0] } ?? []
    }
}
