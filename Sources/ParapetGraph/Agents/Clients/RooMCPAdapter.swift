import ParapetCore
import ParapetSyntax

/// Roo Code and Kilo Code (`.roo/mcp.json`, `mcp_settings.json`): `mcpServers` with `alwaysAllow`, `disabledTools` and `disabled`.
enum RooMCPAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.rooMCP] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        MCPServersProfile.profile(in: file, name: "roo-code", key: "mcpServers", dialect: .roo).map { [$0] } ?? []
    }
}
