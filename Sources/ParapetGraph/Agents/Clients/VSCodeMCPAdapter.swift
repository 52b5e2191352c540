import ParapetCore
import ParapetSyntax

/// VS Code `.vscode/mcp.json`: `servers` (and `inputs`, referenced as `${input:id}`). A server
/// with `sandboxEnabled: true` has its tool confirmations auto-approved and its network limited
/// to `sandbox.network.allowedDomains`.
enum VSCodeMCPAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.vscodeMCP] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        MCPServersProfile.profile(in: file, name: "vscode", key: "servers", dialect: .vscode).map { [$0] } ?? []
    }
}
