import ParapetCore
import ParapetSyntax

/// What one MCP client reads and how: its file kind, the key its servers sit under, the server
/// keys that only it has, and what its file can express. Every MCP client is one row of
/// `MCPClient.all`, read by one generic reader (`MCPServersReader`) and one adapter
/// (`MCPClientAdapter`); adding a client is adding a row (and its fixtures).
struct MCPClient: Sendable {
    /// The agent's name in cards and findings (`claude-code`, `cursor`).
    var agent: String
    /// The file kind the adapter reads; nil for descriptors used only inside another format
    /// (Gemini settings, Copilot agents' front matter).
    var kind: FileKind?
    /// The path of the servers mapping from the file's root: `mcpServers`, `servers`, `mcp.servers`.
    var serversKey: [String]
    /// Keys of a remote server's address, the first written wins.
    var urlKeys: [String] = ["url"]
    /// The transport of a server with an address and no `type`.
    var untypedURL: UntypedURL = .unknown
    /// Per-server keys that grant or deny tools, in the order they are read.
    var approvalKeys: [ApprovalKey] = []
    /// Whether the file says which tools run without asking.
    var tools: ToolsSaid = .never
    /// A client recognised by its keys rather than its file name may be any fork: every client's
    /// server keys are read then (`MCPClient.generic`).
    var readsAnyForkWhenSniffed = false
    /// How the client reads `disabled` / `enabled` / `trust` / `sandboxEnabled`.
    var booleans: BooleanSpelling = .json

    /// How a server with an address and no `type` is reached.
    struct UntypedURL: Sendable {
        /// The first of these keys written as a string decides.
        var byKey: [(key: String, transport: ToolServer.Transport)] = []
        var otherwise: ToolServer.Transport

        static let unknown = UntypedURL(otherwise: .unknown)
        static let http = UntypedURL(otherwise: .http)
        static let sse = UntypedURL(otherwise: .sse)
    }

    enum ApprovalKey: Sendable {
        /// A list of tool names with the approval the client gives them (`autoApprove`).
        case list(String, Approval)
        /// Gemini `trust: true`: every tool of the server runs without confirmation.
        case trust
        /// VS Code `sandboxEnabled: true`: tools auto-approved, network limited to the sandbox's.
        case sandbox
    }

    enum ToolsSaid: Sendable {
        case never
        case always
        /// Only when one of the approval keys is written (a file of an unknown client).
        case whenWritten
    }

    var serversLabel: String { serversKey.joined(separator: ".") }

    /// VS Code: servers can run sandboxed, which decides their network and their approval.
    var hasSandboxes: Bool { approvalKeys.contains { if case .sandbox = $0 { true } else { false } } }
}

extension MCPServersReader.Result {
    /// A sandboxed server's tools are auto-approved and its network is the sandbox's.
    func applySandboxes(to facts: inout ClientFacts, client: MCPClient) {
        for sandbox in sandboxes {
            facts.setEgress(sandbox.egress)
            facts.setApproval(ApprovalMode(mode: .bypass, setting: "\(client.serversLabel).\(sandbox.server).sandboxEnabled: true (sandboxed tools are auto-approved)",
                                           range: sandbox.enabledAt))
        }
    }
}

extension MCPClient {
    /// Claude Code `.mcp.json` (project scope): approvals live in the settings files. Claude Code
    /// rejects a `url` without a `type`.
    static let claudeCode = MCPClient(agent: "claude-code", kind: .claudeMCP, serversKey: ["mcpServers"])
    /// Claude Desktop `claude_desktop_config.json`: stdio `mcpServers`, nothing else the rules read.
    static let claudeDesktop = MCPClient(agent: "claude-desktop", kind: .claudeDesktop, serversKey: ["mcpServers"])
    /// Cursor `.cursor/mcp.json`: approvals are in `.cursor/permissions.json`; an untyped `url`
    /// is tried as streamable HTTP first.
    static let cursor = MCPClient(agent: "cursor", kind: .cursorMCP, serversKey: ["mcpServers"], untypedURL: .http)
    /// VS Code `.vscode/mcp.json`: `servers` (and `inputs`, referenced as `${input:id}`). A server
    /// with `sandboxEnabled: true` has its tool confirmations auto-approved and its network
    /// limited to `sandbox.network.allowedDomains`.
    static let vscode = MCPClient(agent: "vscode", kind: .vscodeMCP, serversKey: ["servers"], untypedURL: .http,
                                  approvalKeys: [.sandbox], tools: .always)
    /// VS Code `settings.json` `mcp.servers`: the same servers in their older place.
    static let vscodeSettings = MCPClient(agent: "vscode", kind: nil, serversKey: ["mcp", "servers"], untypedURL: .http,
                                          approvalKeys: [.sandbox], tools: .always)
    /// Cline `cline_mcp_settings.json`: `autoApprove` tools run without asking; an untyped `url` is SSE.
    static let cline = MCPClient(agent: "cline", kind: .clineMCP, serversKey: ["mcpServers"], untypedURL: .sse,
                                 approvalKeys: [.list("autoApprove", .auto)], tools: .always, readsAnyForkWhenSniffed: true)
    /// Roo Code and Kilo Code (`.roo/mcp.json`, `mcp_settings.json`): `alwaysAllow`,
    /// `disabledTools`; the `type` is required with a `url`.
    static let roo = MCPClient(agent: "roo-code", kind: .rooMCP, serversKey: ["mcpServers"],
                               approvalKeys: [.list("alwaysAllow", .auto), .list("disabledTools", .denied)], tools: .always,
                               readsAnyForkWhenSniffed: true)
    /// Windsurf `mcp_config.json`: the Claude Desktop shape, remote servers under `serverUrl`.
    static let windsurf = MCPClient(agent: "windsurf", kind: .windsurfMCP, serversKey: ["mcpServers"], urlKeys: ["serverUrl", "url"],
                                    untypedURL: .http)
    /// Gemini CLI `mcpServers` inside its settings: `httpUrl` is streamable HTTP, `url` SSE,
    /// `tcp` a WebSocket; `trust: true` skips confirmations, `excludeTools` denies.
    static let gemini = MCPClient(agent: "gemini-cli", kind: nil, serversKey: ["mcpServers"], urlKeys: ["httpUrl", "url", "tcp"],
                                  untypedURL: UntypedURL(byKey: [("httpUrl", .http), ("url", .sse)], otherwise: .unknown),
                                  approvalKeys: [.trust, .list("excludeTools", .denied)])
    /// OpenCode `mcp`: `type: local` with `command` as a list, `type: remote` with `url`;
    /// `enabled: false` turns a server off. Tool approvals are in `permission`.
    static let openCode = MCPClient(agent: "opencode", kind: nil, serversKey: ["mcp"], untypedURL: .http)
    /// A JSON with `mcpServers` whose client its name does not tell: every client's server keys
    /// are read, and tools are expressible only when an approval key is written. Only Gemini
    /// says `httpUrl`, and it means streamable HTTP.
    static let generic = MCPClient(agent: "mcp-client", kind: .mcpConfig, serversKey: ["mcpServers"], urlKeys: ["url", "serverUrl", "httpUrl"],
                                   untypedURL: UntypedURL(byKey: [("httpUrl", .http)], otherwise: .unknown),
                                   approvalKeys: [.list("autoApprove", .auto), .list("alwaysAllow", .auto), .list("disabledTools", .denied), .trust],
                                   tools: .whenWritten)
    /// GitHub Copilot custom agents' `mcp-servers` front matter: read like a generic file.
    static let copilotAgent = MCPClient(agent: "copilot", kind: nil, serversKey: ["mcp-servers"], urlKeys: generic.urlKeys,
                                        untypedURL: generic.untypedURL, approvalKeys: generic.approvalKeys, tools: .whenWritten)

    /// Every client with a file of its own, one row each.
    static let all: [MCPClient] = [claudeCode, claudeDesktop, cursor, vscode, cline, roo, windsurf, generic]

    static func client(for kind: FileKind) -> MCPClient? {
        all.first { $0.kind == kind }
    }
}

/// The one profile of a file that only lists MCP servers. Such files say nothing about models,
/// budgets, telemetry or endpoints; some say which tools run without asking.
enum MCPClientAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { Set(MCPClient.all.compactMap(\.kind)) }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let client = MCPClient.client(for: file.kind), let root = file.documents.first, root.isMapping,
              let servers = client.serversKey.reduce(Optional(root), { node, key in node?[key] }) else { return [] }
        let byName = FileClassifier.classify(path: file.source.path) == .kind(file.kind)
        var reading = client
        if !byName && client.readsAnyForkWhenSniffed {
            reading.urlKeys = MCPClient.generic.urlKeys
            reading.untypedURL = MCPClient.generic.untypedURL
            reading.approvalKeys = MCPClient.generic.approvalKeys
        }
        let read = MCPServersReader.read(servers, client: reading)
        var facts = ClientFacts()
        facts.servers = read.servers
        facts.serversSaid = true
        facts.grants = read.grants
        facts.toolsSaid = read.approvalKeysSeen
        var expressible: ClientFacts.Expressible = [.servers]
        switch client.tools {
        case .always: expressible.insert(.tools)
        case .whenWritten: if read.approvalKeysSeen { expressible.insert(.tools) }
        case .never: break
        }
        if client.hasSandboxes {
            expressible.formUnion([.egress, .approval])
            read.applySandboxes(to: &facts, client: client)
        }
        return [facts.profile(name: client.agent, format: file.kind, range: root.range, expressible: expressible, budgetKinds: [])]
    }
}
