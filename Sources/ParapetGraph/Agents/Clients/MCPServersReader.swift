import ParapetCore
import ParapetSyntax

/// The `{ "<name>": { command, args, url, … } }` shape that every MCP client shares, read with
/// one client's own keys (its row in `MCPClient.all`): Cline `autoApprove`, Roo / Kilo
/// `alwaysAllow` and `disabledTools`, Gemini `trust`, `httpUrl` and `excludeTools`, Windsurf
/// `serverUrl`, VS Code `sandboxEnabled`.
enum MCPServersReader {
    /// What the servers say: the servers, their tool grants, and the VS Code sandboxes.
    struct Result {
        var servers: [ToolServer] = []
        var grants: [ToolGrant] = []
        /// A per-server approval key was written (`autoApprove: []` included).
        var approvalKeysSeen = false
        /// VS Code servers with `sandboxEnabled: true`: their network, and the value that enabled it.
        var sandboxes: [(server: String, egress: EgressPosture, enabledAt: SourceRange)] = []
    }

    /// Reads the servers mapping at `node` (the value of the client's servers key); `key` names it
    /// in the `source` of grants (the client's key unless given); `off` names servers disabled
    /// elsewhere in the file (Gemini `mcp.excluded`).
    static func read(_ node: DataNode?, client: MCPClient, key: String? = nil, off: (String) -> Bool = { _ in false }) -> Result {
        var result = Result()
        let key = key ?? client.serversLabel
        for entry in ClientData.entries(node) {
            let name = entry.name
            let config = entry.value
            // A server that is not an object (`"x": null`, a string) declares nothing usable.
            guard config.isMapping else { continue }
            var server = ToolServer(name: name, transport: .unknown, range: ClientData.span(entry))
            readLaunch(config, into: &server)
            readRemote(config, client: client, into: &server)
            server.settings = settings(config)
            server.transport = transport(config, server: server, client: client)
            server.disabled = ClientData.bool(config["disabled"], client.booleans) == true
                || ClientData.bool(config["enabled"], client.booleans) == false || off(name)
            result.servers.append(server)
            readGrants(config, name: name, key: key, client: client, disabled: server.disabled, into: &result)
        }
        return result
    }

    /// `env` and `headers` values that are strings, with their ranges.
    static func settings(_ config: DataNode) -> [(name: String, value: String, range: SourceRange)] {
        ["env", "headers", "environment"].flatMap { key in
            ClientData.entries(config[key]).compactMap { entry -> (name: String, value: String, range: SourceRange)? in
                guard let text = entry.value.string else { return nil }
                return (entry.name, text, entry.value.range)
            }
        }
    }

    /// `command` and `args`. A `command` written as a list is read as the launcher and its arguments.
    private static func readLaunch(_ config: DataNode, into server: inout ToolServer) {
        var words = ClientData.strings(config["command"], typed: true)
        if let first = words.first {
            server.command = first.text
            server.commandRange = first.range
            words.removeFirst()
        }
        words += ClientData.strings(config["args"])
        server.arguments = words.map(\.text)
        server.argumentRanges = words.map(\.range)
    }

    private static func readRemote(_ config: DataNode, client: MCPClient, into server: inout ToolServer) {
        for key in client.urlKeys {
            if let node = config[key], let url = ClientData.text(node) {
                server.url = url
                server.urlRange = node.range
                return
            }
        }
    }

    private static func transport(_ config: DataNode, server: ToolServer, client: MCPClient) -> ToolServer.Transport {
        if let type = (ClientData.string(config["type"]) ?? ClientData.string(config["transportType"]))?.lowercased() {
            switch type {
            // OpenCode says `local` and `remote` (streamable HTTP, falling back to SSE).
            case "stdio", "local": return .stdio
            case "sse": return .sse
            case "http", "streamablehttp", "streamable-http", "streamable_http", "streamable", "remote": return .http
            default: return .unknown
            }
        }
        if server.command != nil { return .stdio }
        guard server.url != nil else { return .unknown }
        for (key, transport) in client.untypedURL.byKey where ClientData.text(config[key]) != nil {
            return transport
        }
        return client.untypedURL.otherwise
    }

    private static func readGrants(_ config: DataNode, name: String, key: String, client: MCPClient, disabled: Bool,
                                   into result: inout Result) {
        let prefix = "\(key).\(name)"
        for approvalKey in client.approvalKeys {
            switch approvalKey {
            case .list(let setting, let approval):
                guard let node = config[setting] else { continue }
                result.approvalKeysSeen = true
                // A disabled server runs no tools, so what it would approve grants nothing.
                guard !disabled else { continue }
                for item in ClientData.strings(node, typed: true) {
                    let whole = item.text == "*"
                    result.grants.append(ToolGrant(pattern: item.text, kind: whole ? .toolset : .mcp, approval: approval,
                                                   range: item.range, source: "\(prefix).\(setting)"))
                }
            case .trust:
                readTrust(config, name: name, prefix: prefix, client: client, disabled: disabled, into: &result)
            case .sandbox:
                readSandbox(config, name: name, prefix: prefix, client: client, disabled: disabled, into: &result)
            }
        }
    }

    /// Gemini `trust: true` bypasses every confirmation of the server's tools.
    private static func readTrust(_ config: DataNode, name: String, prefix: String, client: MCPClient, disabled: Bool, into result: inout Result) {
        guard let node = config["trust"] else { return }
        result.approvalKeysSeen = true
        guard ClientData.bool(node, client.booleans) == true, !disabled else { return }
        result.grants.append(ToolGrant(pattern: name, kind: .toolset, approval: .auto, range: node.range, source: "\(prefix).trust"))
    }

    /// VS Code: "when sandboxing is enabled, tool confirmations are auto-approved"; the sandbox's
    /// network is `sandbox.network.allowedDomains`.
    private static func readSandbox(_ config: DataNode, name: String, prefix: String, client: MCPClient, disabled: Bool, into result: inout Result) {
        guard let enabled = config["sandboxEnabled"] else { return }
        result.approvalKeysSeen = true
        guard ClientData.bool(enabled, client.booleans) == true, !disabled else { return }
        result.grants.append(ToolGrant(pattern: name, kind: .toolset, approval: .auto, range: enabled.range,
                                       source: "\(prefix).sandboxEnabled"))
        let egress = sandboxNetwork(config["sandbox"]?["network"], enabledAt: enabled.range,
                                    setting: "\(prefix).sandbox.network.allowedDomains")
        result.sandboxes.append((name, egress, enabled.range))
    }

    /// The network of a sandbox that is on, from its `allowedDomains` (Claude Code and VS Code
    /// share the shape). No list is an empty allow-list: nothing is pre-allowed, and what the
    /// client does with other hosts (block or ask) is the client's, not the file's. A `*` opens
    /// everything.
    static func sandboxNetwork(_ network: DataNode?, enabledAt: SourceRange, setting: String) -> EgressPosture {
        guard let domains = network?["allowedDomains"] else {
            return EgressPosture(network: .allowList([]), evidence: "sandbox on, no \(setting)", range: enabledAt)
        }
        let names = ClientData.strings(domains, typed: true).map(\.text)
        if names.contains("*") {
            return EgressPosture(network: .unrestricted, evidence: "\(setting) contains \"*\"", range: domains.range)
        }
        return EgressPosture(network: .allowList(names), evidence: setting, range: domains.range)
    }
}
