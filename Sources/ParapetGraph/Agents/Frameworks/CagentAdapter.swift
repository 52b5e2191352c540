import Foundation
import ParapetCore
import ParapetSyntax

/// Docker cagent / docker-agent YAML (`docker agent run team.yaml`): one profile per
/// `agents.<name>`.
///
/// What it fills: models (`model` names an entry of `models:` or is inline `provider/model`;
/// comma-separated lists; `fallback.models`; a toolset's own `model`); tools (each toolset by
/// type, asked by default as cagent does, then the file's `permissions.allow` (auto), `ask`
/// (required) and `deny` (denied) patterns as written); servers (MCP toolsets: `command`/`args`,
/// `remote.url`, `ref: docker:<name>` catalog entries and `ref: <name>` into `mcps:`; `a2a` urls);
/// egress (`fetch`, `api` and `openapi` toolsets reach any host: cagent has no domain limit for
/// them; otherwise not expressible, as the YAML has no sandbox); caps (`max_iterations`, where 0
/// is cagent's "no limit", and `max_tokens` of the models the agent uses); telemetry (only
/// `post_tool_use` hooks, as a tool audit; tracing is the CLI flag `--otel`, so it is absent from
/// every file and TEL101 names the flag); approval mode (`--yolo` on the
/// `#!` line bypasses asking); `delegates-to` links to sub-agents and hand-offs of the same file.
struct CagentAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.cagent]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file), let agents = root["agents"]?.entries else { return [] }
        let context = CagentFile(root: root, path: file.source.path, yolo: yolo(in: file))
        return agents.filter(\.value.isMapping).map(context.profile)
    }

    /// `#!/usr/bin/env docker agent run --yolo`: the file asks to run with every call approved.
    static func yolo(in file: ParsedFile) -> SourceRange? {
        let bytes = file.source.bytes
        guard bytes.starts(with: Array("#!".utf8)) else { return nil }
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let line = String(decoding: bytes[..<end], as: UTF8.self)
        guard let flag = line.range(of: "--yolo") else { return nil }
        let offset = line.utf8.distance(from: line.startIndex, to: flag.lowerBound)
        return SourceRange(file: file.source.file, start: file.source.position(at: offset), end: file.source.position(at: offset + 6))
    }
}

private struct CagentFile {
    var root: DataNode
    var path: String
    var yolo: SourceRange?

    var models: [DataEntry] { root["models"]?.entries ?? [] }

    func profile(_ entry: DataEntry) -> AgentProfile {
        let agent = entry.value
        var profile = AgentProfile(name: entry.name, format: .cagent, range: Manifest.span(entry))

        var models: [ModelReference] = []
        var caps: [BudgetCap] = []
        resolve(agent["model"], role: "main", into: &models, caps: &caps)
        for fallback in agent.at(["fallback", "models"])?.sequence ?? [] {
            resolve(fallback, role: "fallback", into: &models, caps: &caps)
        }
        let toolsets = agent["toolsets"]?.sequence ?? []
        for toolset in toolsets {
            resolve(toolset["model"], role: "toolset", into: &models, caps: &caps)
        }
        profile.models = Manifest.listed(models)

        var tools: [ToolGrant] = []
        var servers: [ToolServer] = []
        var egress: EgressPosture?
        for (index, toolset) in toolsets.enumerated() where toolset.isMapping {
            guard let type = Manifest.text(toolset["type"]) else { continue }
            let source = "toolsets[\(index)] (type: \(type.value); asks by default)"
            switch type.value {
            case "mcp":
                let server = mcpServer(toolset, index: index)
                servers.append(server)
                let subset = Manifest.strings(toolset["tools"])
                if subset.isEmpty {
                    tools.append(ToolGrant(pattern: "mcp:\(server.name)", kind: .toolset, approval: .ask, range: type.range, source: source))
                } else {
                    tools += subset.map { ToolGrant(pattern: $0.value, kind: .mcp, approval: .ask, range: $0.range, source: "toolsets[\(index)].tools of \(server.name)") }
                }
            case "script":
                let scripts = toolset["shell"]?.entries ?? []
                if scripts.isEmpty {
                    tools.append(ToolGrant(pattern: "script", kind: .toolset, approval: .ask, range: type.range, source: source))
                }
                for script in scripts {
                    let command = Manifest.text(script.value["cmd"])?.value ?? script.name
                    tools.append(ToolGrant(pattern: "script:\(script.name)=\(command)", kind: .builtin, approval: .ask, range: script.key.range, source: source))
                }
            default:
                tools.append(ToolGrant(pattern: type.value, kind: .toolset, approval: .ask, range: type.range, source: source))
                if type.value == "a2a", let remote = Manifest.remoteServer(name: Manifest.text(toolset["name"])?.value ?? "a2a[\(index)]",
                                                                            url: toolset["url"], transport: .http, range: type.range) {
                    servers.append(remote)
                }
                if ["fetch", "api", "openapi"].contains(type.value), egress == nil {
                    egress = EgressPosture(network: .unrestricted, evidence: "toolset type: \(type.value) (no domain limit)", range: type.range)
                }
            }
        }
        tools += permissionGrants()
        profile.tools = Manifest.listed(tools)
        profile.servers = Manifest.listed(servers)
        profile.egress = egress.map { .present($0) } ?? .notExpressible

        profile.budgetKinds = [.turns, .tokens]
        if let cap = Manifest.cap(.turns, agent["max_iterations"], setting: "max_iterations", unlimited: { $0 == 0 }) {
            caps.insert(cap, at: 0)
        }
        profile.budgets = caps

        let hooks = (agent.at(["hooks", "post_tool_use"])?.sequence ?? []).flatMap { matcher -> [TelemetrySink] in
            let commands = (matcher["hooks"]?.sequence ?? []).compactMap { Manifest.text($0["command"]) }
            if commands.isEmpty, let command = Manifest.text(matcher["command"]) { return [TelemetrySink(kind: .toolAudit, destination: command.value, range: command.range, hookCommand: command.value)] }
            return commands.map { TelemetrySink(kind: .toolAudit, destination: $0.value, range: $0.range, hookCommand: $0.value) }
        }
        // Tracing is the `--otel` flag of `docker agent run`, not a key of the file; the file is
        // still where a reviewer asks for it, so no telemetry reads as absent.
        profile.telemetry = hooks.isEmpty ? .absent : .present(hooks)
        profile.approvalMode = yolo.map { .present(ApprovalMode(mode: .bypass, setting: "--yolo in the #! line", range: $0)) } ?? .absent

        let agentNames = Set((root["agents"]?.entries ?? []).map(\.name))
        for key in ["sub_agents", "handoffs"] {
            for other in Manifest.strings(agent[key]) where agentNames.contains(other.value) {
                profile.links.append((label: .delegatesTo, address: "agent:\(path)#\(other.value)", range: other.range))
            }
        }
        return profile
    }

    /// A model reference: names of `models:` entries resolve to their provider, model and
    /// `max_tokens`; anything else is inline `provider/model`. Comma-separated lists name several.
    func resolve(_ node: DataNode?, role: String, into models: inout [ModelReference], caps: inout [BudgetCap]) {
        guard let (value, range) = Manifest.text(node) else { return }
        for part in value.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if let definition = self.models.last(where: { $0.name == name })?.value {
                let provider = Manifest.text(definition["provider"])?.value
                if let model = Manifest.model(definition["model"], provider: provider, role: role) {
                    models.append(model)
                }
                if let cap = Manifest.cap(.tokens, definition["max_tokens"], setting: "models.\(name).max_tokens"),
                   !caps.contains(where: { $0.setting == cap.setting }) {
                    caps.append(cap)
                }
            } else {
                let interpolated = Manifest.isInterpolated(name)
                let (provider, id) = interpolated ? (nil, name) : Manifest.splitProvider(name)
                models.append(ModelReference(provider: provider, id: id, role: role, range: range, isInterpolated: interpolated))
            }
        }
    }

    /// The server of an MCP toolset, following `ref:` into the file's `mcps:` section.
    func mcpServer(_ toolset: DataNode, index: Int) -> ToolServer {
        var definition = toolset
        var range = toolset["type"]?.range ?? toolset.range
        if let ref = Manifest.text(toolset["ref"]) {
            range = ref.range
            if let named = root["mcps"]?[ref.value], named.isMapping {
                definition = named
                if let inner = Manifest.text(named["ref"]) {
                    return ToolServer(name: Self.catalogName(inner.value), transport: .unknown, range: ref.range)
                }
            } else {
                // A Docker MCP catalog entry (`docker:github-official`), run by Docker's MCP
                // gateway: no launcher or image is written here.
                return ToolServer(name: Self.catalogName(ref.value), transport: .unknown, range: ref.range)
            }
        }
        if let command = Manifest.text(definition["command"]) {
            let arguments = Manifest.strings(definition["args"])
            let name = Manifest.text(toolset["ref"])?.value ?? arguments.first(where: { !$0.value.hasPrefix("-") })?.value ?? command.value
            return ToolServer(name: name, transport: .stdio, command: command.value, arguments: arguments.map(\.value),
                              commandRange: command.range, argumentRanges: arguments.map(\.range), range: range)
        }
        if let remote = definition["remote"], let url = Manifest.text(remote["url"]) {
            let transport: ToolServer.Transport = Manifest.text(remote["transport_type"])?.value == "sse" ? .sse : .http
            let name = Manifest.text(toolset["ref"])?.value ?? host(url.value) ?? "toolsets[\(index)]"
            return ToolServer(name: name, transport: transport, url: url.value, urlRange: url.range, range: range)
        }
        return ToolServer(name: Manifest.text(toolset["ref"])?.value ?? "toolsets[\(index)]", transport: .unknown, range: range)
    }

    static func catalogName(_ ref: String) -> String {
        ref.hasPrefix("docker:") ? String(ref.dropFirst("docker:".count)) : ref
    }

    func host(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" }
        return host.isEmpty ? nil : String(host)
    }

    /// The file-wide `permissions`: patterns as written (`shell:cmd=rm -rf*`, `mcp:github:delete_*`).
    func permissionGrants() -> [ToolGrant] {
        var grants: [ToolGrant] = []
        for (key, approval) in [("deny", Approval.denied), ("ask", .required), ("allow", .auto)] {
            for pattern in Manifest.strings(root.at(["permissions", .key(key)])) {
                let kind: ToolGrant.Kind = pattern.value.hasPrefix("mcp:") ? .mcp : .builtin
                grants.append(ToolGrant(pattern: pattern.value, kind: kind, approval: approval, range: pattern.range, source: "permissions.\(key)"))
            }
        }
        return grants
    }
}
