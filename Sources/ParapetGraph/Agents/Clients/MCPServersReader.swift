import ParapetCore
import ParapetSyntax

/// The `{ "<name>": { command, args, url, … } }` shape that every MCP client shares, with each
/// client's own keys: Cline `autoApprove`, Roo / Kilo `alwaysAllow` and `disabledTools`, Gemini
/// `trust`, `httpUrl` and `excludeTools`, Windsurf `serverUrl`, VS Code `sandboxEnabled`.
enum MCPServersReader {
    enum Dialect {
        case claudeCode, claudeDesktop, cursor, vscode, cline, roo, windsurf, gemini
        /// A file whose client is not known: every client's keys are read.
        case generic
    }

    /// What the servers say: the servers, their tool grants, and the VS Code sandboxes.
    struct Result {
        var servers: [ToolServer] = []
        var grants: [ToolGrant] = []
        /// A per-server approval key was written (`autoApprove: []` included).
        var approvalKeysSeen = false
        /// VS Code servers with `sandboxEnabled: true`: their network, and the value that enabled it.
        var sandboxes: [(server: String, egress: EgressPosture, enabledAt: SourceRange)] = []
    }

    /// Reads the servers mapping at `node` (the value of `mcpServers` / `servers`); `key` is its
    /// name, for the `source` of grants; `off` names servers disabled elsewhere in the file
    /// (Gemini `mcp.excluded`).
    static func read(_ node: DataNode?, key: String, dialect: Dialect, off: (String) -> Bool = { _ in false }) -> Result {
        var result = Result()
        for entry in ClientData.entries(node) {
            let name = entry.name
            let config = entry.value
            // A server that is not an object (`"x": null`, a string) declares nothing usable.
            guard config.isMapping else { continue }
            var server = ToolServer(name: name, transport: .unknown, range: ClientData.span(entry))
            readLaunch(config, into: &server)
            readRemote(config, dialect: dialect, into: &server)
            server.settings = settings(config)
            server.transport = transport(config, server: server, dialect: dialect)
            server.disabled = ClientData.bool(config["disabled"]) == true || ClientData.bool(config["enabled"]) == false || off(name)
            result.servers.append(server)
            readGrants(config, name: name, key: key, dialect: dialect, disabled: server.disabled, into: &result)
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

    private static func readRemote(_ config: DataNode, dialect: Dialect, into server: inout ToolServer) {
        var keys = ["url"]
        switch dialect {
        case .windsurf: keys = ["serverUrl", "url"]
        case .gemini: keys = ["httpUrl", "url", "tcp"]
        case .generic: keys = ["url", "serverUrl", "httpUrl"]
        default: break
        }
        for key in keys {
            if let node = config[key], let url = ClientData.text(node) {
                server.url = url
                server.urlRange = node.range
                return
            }
        }
    }

    private static func transport(_ config: DataNode, server: ToolServer, dialect: Dialect) -> ToolServer.Transport {
        if let type = (ClientData.string(config["type"]) ?? ClientData.string(config["transportType"]))?.lowercased() {
            switch type {
            case "stdio": return .stdio
            case "sse": return .sse
            case "http", "streamablehttp", "streamable-http", "streamable_http", "streamable": return .http
            default: return .unknown
            }
        }
        if server.command != nil { return .stdio }
        guard server.url != nil else { return .unknown }
        switch dialect {
        // Cline: a `url` entry without a type is SSE.
        case .cline: return .sse
        // Gemini: `httpUrl` is streamable HTTP, `url` is SSE, `tcp` is a WebSocket.
        case .gemini:
            if ClientData.text(config["httpUrl"]) != nil { return .http }
            return ClientData.text(config["url"]) != nil ? .sse : .unknown
        // Cursor and Windsurf try streamable HTTP first; VS Code too when the type is left out.
        case .cursor, .windsurf, .vscode: return .http
        // Only Gemini says `httpUrl`, and it means streamable HTTP.
        case .generic: return ClientData.text(config["httpUrl"]) != nil ? .http : .unknown
        // Claude Code rejects a `url` without a `type`; Roo requires the type.
        case .claudeCode, .claudeDesktop, .roo: return .unknown
        }
    }

    private static func readGrants(_ config: DataNode, name: String, key: String, dialect: Dialect, disabled: Bool,
                                   into result: inout Result) {
        let prefix = "\(key).\(name)"
        func list(_ setting: String, approval: Approval) {
            guard let node = config[setting] else { return }
            result.approvalKeysSeen = true
            // A disabled server runs no tools, so what it would approve grants nothing.
            guard !disabled else { return }
            for item in ClientData.strings(node, typed: true) {
                let whole = item.text == "*"
                result.grants.append(ToolGrant(pattern: item.text, kind: whole ? .toolset : .mcp, approval: approval,
                                               range: item.range, source: "\(prefix).\(setting)"))
            }
        }
        switch dialect {
        case .cline:
            list("autoApprove", approval: .auto)
        case .roo:
            list("alwaysAllow", approval: .auto)
            list("disabledTools", approval: .denied)
        case .gemini:
            readTrust(config, name: name, prefix: prefix, disabled: disabled, into: &result)
            list("excludeTools", approval: .denied)
        case .vscode:
            readSandbox(config, name: name, prefix: prefix, disabled: disabled, into: &result)
        case .generic:
            list("autoApprove", approval: .auto)
            list("alwaysAllow", approval: .auto)
            list("disabledTools", approval: .denied)
            readTrust(config, name: name, prefix: prefix, disabled: disabled, into: &result)
        case .claudeCode, .claudeDesktop, .cursor, .windsurf:
            break
        }
    }

    /// Gemini `trust: true` bypasses every confirmation of the server's tools.
    private static func readTrust(_ config: DataNode, name: String, prefix: String, disabled: Bool, into result: inout Result) {
        guard let node = config["trust"] else { return }
        result.approvalKeysSeen = true
        guard ClientData.bool(node) == true, !disabled else { return }
        result.grants.append(ToolGrant(pattern: name, kind: .toolset, approval: .auto, range: node.range, source: "\(prefix).trust"))
    }

    /// VS Code: "when sandboxing is enabled, tool confirmations are auto-approved"; the sandbox's
    /// network is `sandbox.network.allowedDomains`.
    private static func readSandbox(_ config: DataNode, name: String, prefix: String, disabled: Bool, into result: inout Result) {
        guard let enabled = config["sandboxEnabled"] else { return }
        result.approvalKeysSeen = true
        guard ClientData.bool(enabled) == true, !disabled else { return }
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

/// The one profile of a file that only lists MCP servers (`.mcp.json`, Claude Desktop, Cursor,
/// VS Code, Cline, Roo, Windsurf, a generic `mcpServers` JSON). Such files say nothing about
/// models, budgets, telemetry or endpoints; some say which tools run without asking.
enum MCPServersProfile {
    /// nil when the file is not the format after all (no object at the top, or no `key`).
    static func profile(in file: ParsedFile, name: String, key: String, dialect: MCPServersReader.Dialect) -> AgentProfile? {
        guard let root = file.documents.first, root.isMapping, let servers = root[key] else { return nil }
        // A Cline or Roo file recognised by its keys rather than its name may be any fork's:
        // every client's keys are read then (a `serverUrl`, an `autoApprove` beside `alwaysAllow`).
        let byName = FileClassifier.classify(path: file.source.path) == .kind(file.kind)
        let reading: MCPServersReader.Dialect = !byName && (dialect == .cline || dialect == .roo) ? .generic : dialect
        let read = MCPServersReader.read(servers, key: key, dialect: reading)
        var facts = ClientFacts()
        facts.servers = read.servers
        facts.serversSaid = true
        facts.grants = read.grants
        facts.toolsSaid = read.approvalKeysSeen
        var expressible: ClientFacts.Expressible = [.servers]
        switch dialect {
        case .cline, .roo:
            expressible.insert(.tools)
        case .generic:
            // The client is unknown: tools are expressible only when a client's approval key is there.
            if read.approvalKeysSeen { expressible.insert(.tools) }
        case .vscode:
            expressible.formUnion([.tools, .egress, .approval])
            for sandbox in read.sandboxes {
                facts.setEgress(sandbox.egress)
                facts.setApproval(ApprovalMode(mode: .bypass, setting: "\(key).\(sandbox.server).sandboxEnabled: true (sandboxed tools are auto-approved)",
                                               range: sandbox.enabledAt))
            }
        case .claudeCode, .claudeDesktop, .cursor, .windsurf, .gemini:
            break
        }
        return facts.profile(name: name, format: file.kind, range: root.range, expressible: expressible, budgetKinds: [])
    }
}
