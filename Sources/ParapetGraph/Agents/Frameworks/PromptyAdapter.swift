import ParapetCore
import ParapetSyntax

/// Microsoft Prompty (`*.prompty`, YAML front matter over a template): one profile per file, in
/// either dialect.
///
/// - Legacy (prompty ≤ 2025): the model is `model.configuration.azure_deployment` (an Azure
///   deployment name, provider `azure_openai`) or `model.configuration.model` (provider from
///   `configuration.type`); the cap is `model.parameters.max_tokens` (or
///   `max_completion_tokens`). The legacy runtime does not run tools, so tools are not
///   expressible.
/// - v2 (2026 schema): `model.id` with `model.provider`, the cap `model.options.maxOutputTokens`,
///   and `tools` (a list of named tools or a map of name to tool): `function` and `prompty` tools
///   run in the agent loop without asking; `mcp` tools ask per `approvalMode` (`always` asks,
///   `never` does not, `specify` lists tools each way) and name a server through
///   `connection.endpoint`; `openapi` tools call their endpoint.
/// A bare `model: gpt-4o` is read as the model id in both. Prompts have no sandbox, telemetry or
/// approval mode; tokens are their only cap.
struct PromptyAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.prompty]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file) else { return [] }
        let name = Manifest.text(root["name"])?.value ?? Manifest.stem(file.source.path)
        var profile = AgentProfile(name: name, format: .prompty, range: root.range)
        profile.budgetKinds = [.tokens]
        let model = root["model"]
        let legacy = model?["configuration"] != nil || model?["parameters"] != nil || model?["api"] != nil
        if let bare = Manifest.model(model) {
            profile.models = .present([bare])
        } else if legacy {
            let configuration = model?["configuration"]
            let type = Manifest.text(configuration?["type"])?.value
            if let deployment = Manifest.model(configuration?["azure_deployment"], provider: type ?? "azure_openai") {
                profile.models = .present([deployment])
            } else {
                profile.models = Manifest.model(configuration?["model"], provider: type).map { .present([$0]) } ?? .absent
            }
            profile.budgets = [
                Manifest.cap(.tokens, model?.at(["parameters", "max_tokens"]), setting: "model.parameters.max_tokens")
                    ?? Manifest.cap(.tokens, model?.at(["parameters", "max_completion_tokens"]), setting: "model.parameters.max_completion_tokens"),
            ].compactMap { $0 }
        } else {
            let provider = Manifest.text(model?["provider"])?.value
            profile.models = Manifest.model(model?["id"], provider: provider).map { .present([$0]) } ?? .absent
            profile.budgets = [
                Manifest.cap(.tokens, model?.at(["options", "maxOutputTokens"]), setting: "model.options.maxOutputTokens"),
            ].compactMap { $0 }
        }
        if legacy {
            profile.tools = .notExpressible
        } else {
            let (tools, servers) = self.tools(root["tools"])
            profile.tools = Manifest.listed(tools)
            profile.servers = Manifest.listed(servers)
        }
        return [profile]
    }

    /// v2 tools: a list of `{ name, kind, … }` or a map of name to `{ kind, … }`.
    static func tools(_ node: DataNode?) -> ([ToolGrant], [ToolServer]) {
        var named: [(name: (value: String, range: SourceRange), tool: DataNode)] = []
        if let items = node?.sequence {
            for item in items {
                if let name = Manifest.text(item["name"]) { named.append((name, item)) }
            }
        } else {
            for entry in node?.entries ?? [] { named.append(((entry.name, entry.key.range), entry.value)) }
        }
        var grants: [ToolGrant] = []
        var servers: [ToolServer] = []
        for (name, tool) in named {
            let kind = Manifest.text(tool["kind"])?.value ?? "function"
            switch kind {
            case "function", "prompty":
                grants.append(ToolGrant(pattern: name.value, kind: .builtin, approval: .auto, range: name.range, source: "tools (\(kind))"))
            case "mcp":
                let serverName = Manifest.text(tool["serverName"])?.value ?? name.value
                servers.append(Manifest.remoteServer(name: serverName, url: tool.at(["connection", "endpoint"]), transport: .http, range: name.range)
                               ?? ToolServer(name: serverName, transport: .unknown, range: name.range))
                grants += mcpGrants(name: name, server: serverName, tool: tool)
            case "openapi":
                grants.append(ToolGrant(pattern: name.value, kind: .toolset, approval: .auto, range: name.range, source: "tools (openapi)"))
                if let server = Manifest.remoteServer(name: name.value, url: tool.at(["connection", "endpoint"]), transport: .http, range: name.range) {
                    servers.append(server)
                }
            default:
                grants.append(ToolGrant(pattern: name.value, kind: .toolset, approval: .unknown, range: name.range, source: "tools (\(kind))"))
            }
        }
        return (grants, servers)
    }

    /// An MCP tool's approvals: `approvalMode: always | never` (a string or `{ kind }`), or
    /// `specify` with `alwaysRequireApprovalTools` / `neverRequireApprovalTools`.
    static func mcpGrants(name: (value: String, range: SourceRange), server: String, tool: DataNode) -> [ToolGrant] {
        let modeNode = tool["approvalMode"]
        let mode = Manifest.text(modeNode) ?? Manifest.text(modeNode?["kind"])
        let allowed = Manifest.strings(tool["allowedTools"])
        let whole: Approval = switch mode?.value {
        case "always": .required
        case "never": .auto
        default: .unknown
        }
        let source = mode.map { "approvalMode: \($0.value)" } ?? "approvalMode not set"
        var grants: [ToolGrant] = []
        if mode?.value == "specify" {
            for tool in Manifest.strings(modeNode?["alwaysRequireApprovalTools"]) {
                grants.append(ToolGrant(pattern: tool.value, kind: .mcp, approval: .required, range: tool.range, source: "alwaysRequireApprovalTools of \(server)"))
            }
            for tool in Manifest.strings(modeNode?["neverRequireApprovalTools"]) {
                grants.append(ToolGrant(pattern: tool.value, kind: .mcp, approval: .auto, range: tool.range, source: "neverRequireApprovalTools of \(server)"))
            }
        }
        if allowed.isEmpty {
            grants.insert(ToolGrant(pattern: name.value, kind: .toolset, approval: whole, range: mode?.range ?? name.range, source: source), at: 0)
        } else {
            let listed = Set(grants.map(\.pattern))
            grants += allowed.filter { !listed.contains($0.value) }.map {
                ToolGrant(pattern: $0.value, kind: .mcp, approval: whole, range: $0.range, source: "allowedTools of \(server) (\(source))")
            }
        }
        return grants
    }
}
