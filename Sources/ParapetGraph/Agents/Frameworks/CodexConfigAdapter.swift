import ParapetCore
import ParapetSyntax

/// OpenAI Codex `config.toml` (`~/.codex/config.toml`, project `.codex/config.toml`).
///
/// One profile for the top-level configuration (`codex`) and one per `[profiles.<name>]`
/// (`profiles.<name>`). A profile's own keys win over the top-level ones, as `codex --profile`
/// applies them; every fact keeps the range of whichever table said it. The top-level `profile`
/// key (the profile used by default) is not folded into the base: that profile is reported on
/// its own.
///
/// What it fills: models (`model`, `review_model`, provider from `model_provider`); approval
/// mode (`approval_policy = "never"` and an AI `approvals_reviewer` are a bypass); egress
/// (`sandbox_mode`, `[sandbox_workspace_write] network_access`, `[permissions.<n>.network]`,
/// `[features.network_proxy]`); tools (the shell under the approval policy, `web_search`, MCP
/// servers with `default_tools_approval_mode`, `tools.<t>.approval_mode`, `enabled_tools`,
/// `disabled_tools`); servers (`[mcp_servers.<n>]`); telemetry (`[otel]` exporters; `none` is
/// no sink); budgets (`[agents]` limits, `tool_output_token_limit`). Turn caps do not exist in
/// Codex: not expressible.
struct CodexConfigAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.codexConfig]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file) else { return [] }
        // `.codex/agents/reviewer.toml`: a custom agent, named by its `name` or its file.
        let segments = file.source.path.split(separator: "/")
        if segments.count >= 3, segments[segments.count - 2] == "agents", segments[segments.count - 3] == ".codex" {
            let stem = segments.last.map { String($0.dropLast(".toml".count)) } ?? "agent"
            let name = Manifest.text(root["name"])?.value ?? stem
            var agent = CodexLayers(layers: [root], root: root).profile(name: "agents.\(name)", range: root.range)
            // Telemetry and the `[agents]` limits are the session's, in `config.toml`.
            agent.telemetry = .notExpressible
            agent.budgetKinds = []
            agent.budgets = []
            return [agent]
        }
        let project = isProjectConfig(file.source.path)
        var base = CodexLayers(layers: [root], root: root, project: project).profile(name: "codex", range: root.range)
        if project { base.ignoredSettings = ignoredInProject(root) }
        var profiles = [base]
        // A project's `[profiles.*]` are dropped by Codex: no agent of their own.
        for entry in root["profiles"]?.entries ?? [] where entry.value.isMapping && !project {
            let layers = CodexLayers(layers: [entry.value, root], root: root)
            profiles.append(layers.profile(name: "profiles.\(entry.name)", range: Manifest.span(entry)))
        }
        return profiles
    }
}

extension CodexConfigAdapter {
    /// Top-level keys Codex ignores in a project's `.codex/config.toml` (developers.openai.com
    /// Codex config reference, "config.toml"; openai/codex#20098): provider, authentication,
    /// notifications, profile selection and telemetry routing stay the user's. Checked 2026-12-07.
    static let ignoredProjectKeys = ["openai_base_url", "chatgpt_base_url", "apps_mcp_product_sku", "model_provider", "model_providers",
                                     "notify", "profile", "profiles", "experimental_realtime_ws_base_url", "otel"]

    /// A repository's `.codex/config.toml` (not a home-folder one kept in a dotfiles repository,
    /// not system settings).
    static func isProjectConfig(_ path: String) -> Bool {
        (path == ".codex/config.toml" || path.hasSuffix("/.codex/config.toml")) && ConfigScope.of(path: path) == .shared
    }

    static func ignoredInProject(_ root: DataNode) -> [IgnoredSetting] {
        ignoredProjectKeys.compactMap { key in
            guard let entry = root.entries?.first(where: { $0.name == key }) else { return nil }
            return IgnoredSetting(key: key, reason: "Codex drops it from a project's `.codex/config.toml`; only the user's config sets it",
                                  range: entry.key.range)
        }
    }
}

/// The tables a Codex profile reads, most specific first.
private struct CodexLayers {
    var layers: [DataNode]
    /// The file's top level: tables that only exist there (`mcp_servers`, `permissions`).
    var root: DataNode
    /// A repository's `.codex/config.toml`, whose `ignoredProjectKeys` Codex drops.
    var project = false

    /// The first layer that sets `path` (dotted keys).
    func setting(_ path: String) -> DataNode? {
        layer(of: path).flatMap { layers[$0].at(Self.components(path)) }
    }

    /// The index of the first layer that sets `path` (0 is the most specific).
    func layer(of path: String) -> Int? {
        layers.firstIndex { $0.at(Self.components(path)) != nil }
    }

    static func components(_ path: String) -> [DataPathComponent] {
        path.split(separator: ".").map { DataPathComponent.key(String($0)) }
    }

    func profile(name: String, range: SourceRange) -> AgentProfile {
        var profile = AgentProfile(name: name, format: .codexConfig, range: range)
        profile.models = models()
        profile.approvalMode = approvalMode()
        profile.egress = egress()
        let (tools, servers) = toolsAndServers()
        profile.tools = Manifest.listed(tools)
        profile.servers = Manifest.listed(servers)
        profile.telemetry = telemetry()
        profile.budgetKinds = [.tokens, .rate, .time]
        profile.budgets = budgets()
        profile.endpoint = .notExpressible
        profile.agentVersion = .notExpressible
        profile.directories = Manifest.strings(setting("sandbox_workspace_write.writable_roots")).map {
            ($0.value, "sandbox_workspace_write.writable_roots", $0.range)
        }
        return profile
    }

    func models() -> Facet<[ModelReference]> {
        let provider = project ? nil : Manifest.text(setting("model_provider"))?.value
        let models = [
            Manifest.model(setting("model"), provider: provider),
            Manifest.model(setting("review_model"), provider: provider, role: "review"),
        ].compactMap { $0 }
        return Manifest.listed(models)
    }

    var policy: (value: String, range: SourceRange)? { Manifest.text(setting("approval_policy")) }

    func approvalMode() -> Facet<ApprovalMode> {
        if let policy {
            if policy.value == "never" {
                return .present(ApprovalMode(mode: .bypass, setting: "approval_policy = \"never\"", range: policy.range))
            }
            // An approval reviewer other than the user answers the prompts: no human sees them.
            if let reviewer = Manifest.text(setting("approvals_reviewer")), reviewer.value != "user" {
                return .present(ApprovalMode(mode: .bypass, setting: "approvals_reviewer = \"\(reviewer.value)\"", range: reviewer.range))
            }
            return .present(ApprovalMode(mode: .normal, setting: "approval_policy = \"\(policy.value)\"", range: policy.range))
        }
        if let granular = setting("approval_policy"), granular.isMapping {
            return .present(ApprovalMode(mode: .normal, setting: "approval_policy = { granular }", range: granular.range))
        }
        if let reviewer = Manifest.text(setting("approvals_reviewer")), reviewer.value != "user" {
            return .present(ApprovalMode(mode: .bypass, setting: "approvals_reviewer = \"\(reviewer.value)\"", range: reviewer.range))
        }
        return .absent
    }

    func egress() -> Facet<EgressPosture> {
        let mode = Manifest.text(setting("sandbox_mode"))
        if let mode, mode.value == "danger-full-access" {
            return .present(EgressPosture(network: .unrestricted, evidence: "sandbox_mode = \"danger-full-access\"", range: mode.range))
        }
        // A read-only sandbox written in a more specific table than the permission profile wins.
        if let mode, mode.value == "read-only", let modeLayer = layer(of: "sandbox_mode"),
           modeLayer < (layer(of: "default_permissions") ?? layers.count) {
            return .present(EgressPosture(network: .denied, evidence: "sandbox_mode = \"read-only\"", range: mode.range))
        }
        // Newer Codex: named permission profiles, and the network proxy feature, each with a
        // network table that overrides the workspace-write switch.
        if let posture = permissionsNetwork() ?? proxyNetwork() { return .present(posture) }
        if mode == nil || mode?.value == "workspace-write", let access = setting("sandbox_workspace_write.network_access"),
           let open = Manifest.bool(access) {
            return .present(EgressPosture(network: open ? .unrestricted : .denied,
                                          evidence: "sandbox_workspace_write.network_access = \(open)", range: access.range))
        }
        if let mode {
            // Both sandboxes keep the network off unless something above opens it.
            return .present(EgressPosture(network: .denied, evidence: "sandbox_mode = \"\(mode.value)\" (network off by default)", range: mode.range))
        }
        return .absent
    }

    /// `[permissions.<name>.network]` of the profile named by `default_permissions` (or of the
    /// only permissions profile).
    func permissionsNetwork() -> EgressPosture? {
        guard let table = setting("permissions") ?? root["permissions"], let entries = table.entries else { return nil }
        let chosen: DataEntry?
        if let name = Manifest.text(setting("default_permissions"))?.value {
            chosen = entries.last { $0.name == name }
        } else {
            chosen = entries.count == 1 ? entries.first : nil
        }
        guard let chosen, let network = chosen.value["network"] else { return nil }
        return networkPosture(network, label: "permissions.\(chosen.name).network")
    }

    func proxyNetwork() -> EgressPosture? {
        guard let proxy = setting("features.network_proxy"), proxy.isMapping else { return nil }
        if let enabled = proxy["enabled"], Manifest.bool(enabled) == false { return nil }
        return networkPosture(proxy, label: "features.network_proxy")
    }

    /// A network table: `enabled`, `mode = "limited" | "full"`, `domains = { host = "allow" | "deny" }`.
    func networkPosture(_ network: DataNode, label: String) -> EgressPosture {
        if let enabled = network["enabled"], Manifest.bool(enabled) == false {
            return EgressPosture(network: .denied, evidence: "\(label).enabled = false", range: enabled.range)
        }
        if let mode = Manifest.text(network["mode"]), mode.value == "full" {
            return EgressPosture(network: .unrestricted, evidence: "\(label).mode = \"full\"", range: mode.range)
        }
        if let domains = network["domains"], let entries = domains.entries {
            let allowed = entries.filter { $0.value.string == "allow" }.map(\.name)
            if allowed.contains("*") {
                return EgressPosture(network: .unrestricted, evidence: "\(label).domains allows \"*\"", range: domains.range)
            }
            if !allowed.isEmpty {
                return EgressPosture(network: .allowList(allowed), evidence: "\(label).domains", range: domains.range)
            }
        }
        // Network on with no domain list: what it reaches depends on Codex defaults not written here.
        return EgressPosture(network: .unknown, evidence: "\(label) enabled with no allowed domains", range: network.range)
    }

    func toolsAndServers() -> ([ToolGrant], [ToolServer]) {
        var tools: [ToolGrant] = []
        var servers: [ToolServer] = []
        // The default approval of a call Codex would otherwise ask about.
        let fallback: (Approval, SourceRange?, String) = switch policy?.value {
        case "never": (.auto, policy?.range, "approval_policy = \"never\"")
        case "untrusted": (.required, policy?.range, "approval_policy = \"untrusted\"")
        case .some(let value): (.ask, policy?.range, "approval_policy = \"\(value)\"")
        case nil: (.ask, nil, "default")
        }
        if let policy {
            tools.append(ToolGrant(pattern: "shell", kind: .builtin, approval: fallback.0, range: policy.range, source: fallback.2))
        }
        if let search = Manifest.text(setting("web_search")) {
            let approval: Approval = search.value == "disabled" ? .denied : .auto
            tools.append(ToolGrant(pattern: "web_search", kind: .builtin, approval: approval, range: search.range, source: "web_search = \"\(search.value)\""))
        } else if let legacy = setting("tools.web_search"), let on = Manifest.bool(legacy) {
            tools.append(ToolGrant(pattern: "web_search", kind: .builtin, approval: on ? .auto : .denied, range: legacy.range, source: "tools.web_search = \(on)"))
        }
        for entry in (setting("mcp_servers") ?? root["mcp_servers"])?.entries ?? [] where entry.value.isMapping {
            let server = entry.value
            let disabled = server["enabled"].flatMap(Manifest.bool) == false
            var read: ToolServer
            if let stdio = Manifest.stdioServer(name: entry.name, command: server["command"], args: server["args"], range: entry.key.range, disabled: disabled) {
                read = stdio
            } else if let remote = Manifest.remoteServer(name: entry.name, url: server["url"], transport: .http, range: entry.key.range, disabled: disabled) {
                read = remote
            } else {
                read = ToolServer(name: entry.name, transport: .unknown, range: entry.key.range, disabled: disabled)
            }
            // `env` and `http_headers` values written inline (not `env_vars`, which names variables).
            read.settings = MCPServersReader.settings(server) + ClientData.entries(server["http_headers"]).compactMap { header in
                header.value.string.map { (header.name, $0, header.value.range) }
            }
            servers.append(read)
            if disabled { continue }
            tools += grants(of: entry, fallback: fallback)
        }
        tools += appGrants(fallback: fallback)
        return (tools, servers)
    }

    /// Codex apps (`[apps._default]`, `[apps.<id>]`; the config schema's `AppConfig`, checked
    /// 2026-12-07): `destructive_enabled = true` lets the agent call the app tools that declare
    /// MCP's `destructive_hint`. Whether a person is asked first is the app's
    /// `default_tools_approval_mode` (`approve` runs unasked), else `_default`'s, else the
    /// approval policy (`never` runs unasked). A disabled app (`enabled = false`) has no tools.
    func appGrants(fallback: (Approval, SourceRange?, String)) -> [ToolGrant] {
        guard let apps = setting("apps") ?? root["apps"], apps.isMapping else { return [] }
        let defaults = apps["_default"]
        var grants: [ToolGrant] = []
        for entry in apps.entries ?? [] where entry.value.isMapping {
            let app = entry.value
            if let enabled = app["enabled"] ?? defaults?["enabled"], Manifest.bool(enabled) == false { continue }
            guard let flag = app["destructive_enabled"] ?? (entry.name == "_default" ? nil : defaults?["destructive_enabled"]),
                  Manifest.bool(flag) == true else { continue }
            let mode = Manifest.text(app["default_tools_approval_mode"]) ?? Manifest.text(defaults?["default_tools_approval_mode"])
            let approval = mode.map { Self.approval($0.value) } ?? fallback.0
            let why = mode.map { "default_tools_approval_mode = \"\($0.value)\"" } ?? fallback.2
            let name = entry.name == "_default" ? "every app" : entry.name
            grants.append(ToolGrant(pattern: "app_destructive_tools(\(name))", kind: .builtin, approval: approval, range: flag.range,
                                    source: "apps.\(entry.name).destructive_enabled = true (\(why))"))
        }
        return grants
    }

    /// Grants of one MCP server: its default approval, per-tool overrides, enabled and disabled tools.
    func grants(of entry: DataEntry, fallback: (Approval, SourceRange?, String)) -> [ToolGrant] {
        let server = entry.value
        let prefix = "mcp__\(entry.name)"
        var defaultApproval = (fallback.0, fallback.1 ?? entry.key.range, fallback.2)
        if let mode = Manifest.text(server["default_tools_approval_mode"]) {
            defaultApproval = (Self.approval(mode.value), mode.range, "default_tools_approval_mode = \"\(mode.value)\"")
        }
        var grants: [ToolGrant] = []
        var overridden: Set<String> = []
        for tool in server["tools"]?.entries ?? [] {
            guard let mode = Manifest.text(tool.value["approval_mode"]) else { continue }
            overridden.insert(tool.name)
            grants.append(ToolGrant(pattern: "\(prefix)__\(tool.name)", kind: .mcp, approval: Self.approval(mode.value), range: mode.range,
                                    source: "tools.\(tool.name).approval_mode = \"\(mode.value)\""))
        }
        let enabled = Manifest.strings(server["enabled_tools"])
        if server["enabled_tools"] != nil {
            // Only the listed tools exist: no grant for the whole server.
            for tool in enabled where !overridden.contains(tool.value) {
                grants.append(ToolGrant(pattern: "\(prefix)__\(tool.value)", kind: .mcp, approval: defaultApproval.0, range: tool.range,
                                        source: "enabled_tools (\(defaultApproval.2))"))
            }
        } else {
            grants.insert(ToolGrant(pattern: prefix, kind: .toolset, approval: defaultApproval.0, range: defaultApproval.1, source: defaultApproval.2), at: 0)
        }
        for tool in Manifest.strings(server["disabled_tools"]) {
            grants.append(ToolGrant(pattern: "\(prefix)__\(tool.value)", kind: .mcp, approval: .denied, range: tool.range, source: "disabled_tools"))
        }
        return grants
    }

    /// Codex MCP approval modes: `approve` runs without asking, `prompt` always asks, `auto`
    /// leaves it to the approval policy and the tool's annotations.
    static func approval(_ mode: String) -> Approval {
        switch mode {
        case "approve": .auto
        case "prompt": .required
        case "auto": .ask
        default: .unknown
        }
    }

    func telemetry() -> Facet<[TelemetrySink]> {
        // Telemetry routing is the user's: a project's `[otel]` is dropped, so it cannot say.
        if project { return .notExpressible }
        guard let otel = setting("otel"), otel.isMapping else { return .absent }
        var sinks: [TelemetrySink] = []
        for (key, kind) in [("exporter", TelemetrySink.Kind.logs), ("trace_exporter", .traces), ("metrics_exporter", .metrics)] {
            guard let node = otel[key], let destination = Self.destination(node) else { continue }
            sinks.append(TelemetrySink(kind: kind, destination: destination, range: node.range))
            // Codex's log events include every tool decision and result: an audit of tool calls.
            if kind == .logs { sinks.append(TelemetrySink(kind: .toolAudit, destination: destination, range: node.range)) }
        }
        return Manifest.listed(sinks)
    }

    /// `"none"` is no exporter; `"statsig"` and `{ otlp-http = { endpoint = … } }` are sinks.
    static func destination(_ node: DataNode) -> String? {
        if let name = node.string { return name == "none" ? nil : name }
        guard let entry = node.entries?.first else { return nil }
        return entry.value["endpoint"]?.string ?? entry.name
    }

    func budgets() -> [BudgetCap] {
        [
            Manifest.cap(.rate, setting("agents.max_threads"), setting: "agents.max_threads"),
            Manifest.cap(.rate, setting("agents.max_depth"), setting: "agents.max_depth"),
            Manifest.cap(.time, setting("agents.job_max_runtime_seconds"), setting: "agents.job_max_runtime_seconds"),
            Manifest.cap(.tokens, setting("tool_output_token_limit"), setting: "tool_output_token_limit"),
        ].compactMap { $0 }
    }
}
