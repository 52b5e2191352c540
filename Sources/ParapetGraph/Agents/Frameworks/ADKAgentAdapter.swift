import ParapetCore
import ParapetSyntax

/// Google ADK Agent Config (`root_agent.yaml` and the files its `sub_agents` name): one profile
/// per file, named by its `name`.
///
/// What it fills, by `agent_class`:
/// - `LlmAgent` (the default): `model` (an LLM agent without one inherits its parent's, so it is
///   absent, not a literal), tools (`tools[].name`; `MCPToolset` with `stdio_server_params`,
///   `stdio_connection_params.server_params`, `sse_server_params` or
///   `streamable_http_server_params`, narrowed by `tool_filter`), the output-token cap
///   (`generate_content_config.max_output_tokens`).
/// - `LoopAgent`, `GraphAgent`: the iteration cap `max_iterations` (unset loops until a sub-agent
///   escalates).
/// - `SequentialAgent`, `ParallelAgent`: nothing to cap or call; models are not expressible.
/// ADK runs tools without asking unless a `before_tool_callbacks` entry (Python) decides, so tools
/// are `auto`, or `unknown` when such a callback exists. `after_tool_callbacks` are the only
/// declarative tool audit; tracing is configured in code.
struct ADKAgentAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.adkAgent]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file) else { return [] }
        // ADK requires `name`; a file without one is not an agent config (see the classifier's
        // shape check for `root_agent.yaml` look-alikes).
        guard let name = Manifest.text(root["name"])?.value else { return [] }
        let agentClass = Manifest.text(root["agent_class"])?.value ?? "LlmAgent"
        let isLLM = agentClass == "LlmAgent" || agentClass == "Agent"
        let isLoop = agentClass == "LoopAgent" || agentClass == "GraphAgent"
        var profile = AgentProfile(name: name, format: .adkAgent, range: root.range)

        if isLLM {
            profile.models = Manifest.model(root["model"]).map { .present([$0]) } ?? .absent
        }

        let gate = root["before_tool_callbacks"]?.sequence?.isEmpty == false
        var tools: [ToolGrant] = []
        var servers: [ToolServer] = []
        for (index, tool) in (root["tools"]?.sequence ?? []).enumerated() {
            guard let toolName = Manifest.text(tool) ?? Manifest.text(tool["name"]) else { continue }
            let approval: Approval = gate ? .unknown : .auto
            let source = gate ? "tools (before_tool_callbacks decide)" : "tools"
            guard toolName.value.hasSuffix("MCPToolset") || toolName.value.hasSuffix("McpToolset") else {
                tools.append(ToolGrant(pattern: toolName.value, kind: .builtin, approval: approval, range: toolName.range, source: source))
                continue
            }
            let args = tool["args"]
            let server = mcpServer(args, name: "\(toolName.value)[\(index)]", range: toolName.range)
            servers.append(server)
            let filter = Manifest.strings(args?["tool_filter"])
            if filter.isEmpty {
                tools.append(ToolGrant(pattern: server.name, kind: .toolset, approval: approval, range: toolName.range, source: source))
            } else {
                tools += filter.map { ToolGrant(pattern: $0.value, kind: .mcp, approval: approval, range: $0.range, source: "tool_filter of \(server.name)") }
            }
        }
        if isLLM || root["tools"] != nil {
            profile.tools = Manifest.listed(tools)
            profile.servers = Manifest.listed(servers)
        }

        if isLLM {
            profile.budgetKinds = [.tokens]
            profile.budgets = [Manifest.cap(.tokens, root.at(["generate_content_config", "max_output_tokens"]),
                                            setting: "generate_content_config.max_output_tokens")].compactMap { $0 }
        } else if isLoop {
            profile.budgetKinds = [.turns]
            profile.budgets = [Manifest.cap(.turns, root["max_iterations"], setting: "max_iterations")].compactMap { $0 }
        }

        let audits = (root["after_tool_callbacks"]?.sequence ?? []).compactMap { Manifest.text($0["name"]) ?? Manifest.text($0) }
        if !audits.isEmpty {
            profile.telemetry = .present(audits.map { TelemetrySink(kind: .toolAudit, destination: $0.value, range: $0.range) })
        }
        return [profile]
    }

    /// An `MCPToolset`'s server: stdio parameters (two spellings) or a remote URL.
    static func mcpServer(_ args: DataNode?, name: String, range: SourceRange) -> ToolServer {
        let stdio = args?["stdio_server_params"] ?? args?.at(["stdio_connection_params", "server_params"])
        if let stdio, let server = Manifest.stdioServer(name: name, command: stdio["command"], args: stdio["args"], range: range) {
            return server
        }
        if let sse = args?["sse_server_params"] ?? args?["sse_connection_params"],
           let server = Manifest.remoteServer(name: name, url: sse["url"], transport: .sse, range: range) {
            return server
        }
        if let http = args?["streamable_http_server_params"] ?? args?["streamable_http_connection_params"],
           let server = Manifest.remoteServer(name: name, url: http["url"], transport: .http, range: range) {
            return server
        }
        return ToolServer(name: name, transport: .unknown, range: range)
    }
}
