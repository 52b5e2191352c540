import ParapetCore
import ParapetSyntax

/// An environment variable as written (a settings `env` entry, a workflow `env:` entry).
struct ClientEnvEntry {
    var name: String
    var value: DataNode

    /// The scalar entries of an `env` mapping, in order.
    static func entries(_ node: DataNode?) -> [ClientEnvEntry] {
        ClientData.entries(node).compactMap { entry in
            entry.value.scalar == nil ? nil : ClientEnvEntry(name: entry.name, value: entry.value)
        }
    }
}

/// What Claude Code reads from its environment: model pins, turn and token caps, and the
/// OpenTelemetry export. The same variables work in `settings.json` `env`, in an action's
/// `claude_env`, and in a workflow's `env:`.
enum ClaudeEnvReader {
    static let modelVariables: [(name: String, role: String)] = [
        ("ANTHROPIC_MODEL", "main"),
        ("ANTHROPIC_DEFAULT_OPUS_MODEL", "default-opus"),
        ("ANTHROPIC_DEFAULT_SONNET_MODEL", "default-sonnet"),
        ("ANTHROPIC_DEFAULT_HAIKU_MODEL", "default-haiku"),
        ("ANTHROPIC_SMALL_FAST_MODEL", "small-fast"),
        ("CLAUDE_CODE_SUBAGENT_MODEL", "subagent"),
    ]

    /// The provider the models are served by, when the environment switches it.
    static func provider(_ env: [ClientEnvEntry]) -> String? {
        let last = latest(env)
        for (variable, provider) in [("CLAUDE_CODE_USE_BEDROCK", "bedrock"), ("CLAUDE_CODE_USE_VERTEX", "vertex"),
                                     ("CLAUDE_CODE_USE_FOUNDRY", "foundry")] {
            if let value = last[variable]?.value.string, ClientData.truthy(value) { return provider }
        }
        return nil
    }

    static func facts(_ env: [ClientEnvEntry], provider: String) -> ClientFacts {
        let last = latest(env)
        var facts = ClientFacts()
        for (variable, role) in modelVariables {
            if let node = last[variable]?.value, let id = ClientData.text(node), !id.isEmpty {
                facts.models.append(ClientData.model(id, provider: provider, role: role, range: node.range))
            }
        }
        for (variable, kind) in [("CLAUDE_CODE_MAX_TURNS", BudgetCap.Kind.turns), ("CLAUDE_CODE_MAX_OUTPUT_TOKENS", .tokens)] {
            if let node = last[variable]?.value, let value = node.string {
                facts.budgets.append(BudgetCap(kind: kind, value: value, setting: variable, range: node.range))
            }
        }
        readTelemetry(last, into: &facts)
        return facts
    }

    /// Exporters count only when `CLAUDE_CODE_ENABLE_TELEMETRY` is on: without it Claude Code
    /// exports nothing, whatever the exporters say. Tool details (`OTEL_LOG_TOOL_DETAILS`) ride
    /// on the tool events and spans, so they audit tool calls only when logs or traces are
    /// exported (the logs' destination preferred).
    private static func readTelemetry(_ env: [String: ClientEnvEntry], into facts: inout ClientFacts) {
        let exporters: [(variable: String, signal: String, kind: TelemetrySink.Kind)] = [
            ("OTEL_TRACES_EXPORTER", "TRACES", .traces), ("OTEL_METRICS_EXPORTER", "METRICS", .metrics),
            ("OTEL_LOGS_EXPORTER", "LOGS", .logs),
        ]
        let switchNode = env["CLAUDE_CODE_ENABLE_TELEMETRY"]?.value
        facts.telemetrySaid = facts.telemetrySaid || switchNode != nil || exporters.contains { env[$0.variable] != nil }
        guard let text = switchNode?.string, ClientData.truthy(text) else { return }
        var eventDestinations: [TelemetrySink.Kind: String] = [:]
        for exporter in exporters {
            guard let node = env[exporter.variable]?.value, let value = node.string else { continue }
            let names = value.split(separator: ",").map { ClientData.trim(String($0)) }.filter { !$0.isEmpty && $0.lowercased() != "none" }
            guard !names.isEmpty else { continue }
            var destination = names.joined(separator: ",")
            if names.contains(where: { $0.lowercased().hasPrefix("otlp") }),
               let endpoint = env["OTEL_EXPORTER_OTLP_\(exporter.signal)_ENDPOINT"]?.value.string ?? env["OTEL_EXPORTER_OTLP_ENDPOINT"]?.value.string {
                destination += " \(endpoint)"
            }
            facts.telemetry.append(TelemetrySink(kind: exporter.kind, destination: destination, range: node.range))
            eventDestinations[exporter.kind] = destination
        }
        if let node = env["OTEL_LOG_TOOL_DETAILS"]?.value, let value = node.string, ClientData.truthy(value),
           let destination = eventDestinations[.logs] ?? eventDestinations[.traces] {
            facts.telemetry.append(TelemetrySink(kind: .toolAudit, destination: "\(destination) (OTEL_LOG_TOOL_DETAILS)", range: node.range))
        }
    }

    /// The last entry of each name wins, as when the variables are exported in order.
    private static func latest(_ env: [ClientEnvEntry]) -> [String: ClientEnvEntry] {
        var last: [String: ClientEnvEntry] = [:]
        for entry in env { last[entry.name] = entry }
        return last
    }
}

/// Claude Code's permission vocabulary, shared by settings, subagents and the CLI flags.
enum ClaudePermissions {
    /// `permissions.defaultMode`, `permissionMode`, `--permission-mode`.
    ///
    /// `dontAsk` is deliberately `normal`: Claude Code's schema says it "auto-denies unless
    /// pre-approved via permissions" and the Agent SDK docs that it never prompts and denies what
    /// an `ask` rule matches. Nothing runs that was not allowed, so it bypasses no approval.
    /// `auto` replaces the human with a classifier: no human approves, so it is a bypass.
    static func mode(_ value: String) -> ApprovalMode.Mode {
        switch value {
        case "bypassPermissions", "auto": .bypass
        case "acceptEdits": .acceptEdits
        default: .normal
        }
    }

    /// `Bash(git:*)` is a built-in; `mcp__github__delete_repo` one MCP tool; `mcp__github`,
    /// `mcp__github__*` a whole server.
    static func kind(_ pattern: String) -> ToolGrant.Kind {
        guard pattern.hasPrefix("mcp__") else { return .builtin }
        let rest = pattern.dropFirst(5)
        guard let separator = rest.firstRange(of: "__") else { return .toolset }
        let tool = rest[separator.upperBound...]
        return tool.isEmpty || tool == "*" ? .toolset : .mcp
    }

    /// Built-in tools that `acceptEdits` approves without asking.
    static let editTools: Set<String> = ["Edit", "Write", "MultiEdit", "NotebookEdit"]

    /// The approval of a tool an agent may use (a subagent's `tools`), given its mode.
    static func approval(of pattern: String, in mode: ApprovalMode.Mode) -> Approval {
        switch mode {
        case .bypass: return .auto
        case .acceptEdits:
            let name = pattern.split(separator: "(", maxSplits: 1).first.map(String.init) ?? pattern
            return editTools.contains(name) ? .auto : .ask
        case .normal: return .ask
        }
    }
}

/// `.claude/settings.json` (and the same JSON embedded in an action's `settings` input): models,
/// permission rules, the sandbox, post-tool hooks and the approval mode. The `env` block is read
/// by `ClaudeEnvReader`, together with any other environment the agent gets.
enum ClaudeSettingsReader {
    static func env(_ root: DataNode) -> [ClientEnvEntry] { ClientEnvEntry.entries(root["env"]) }

    /// `prefix` names where the settings sit (`settings.` inside a workflow), for messages.
    static func facts(_ root: DataNode, provider: String, prefix: String = "") -> ClientFacts {
        var facts = ClientFacts()
        readModels(root, provider: provider, into: &facts)
        readPermissions(root, prefix: prefix, into: &facts)
        readApprovals(root, prefix: prefix, into: &facts)
        readSandbox(root, prefix: prefix, into: &facts)
        readHooks(root, provider: provider, prefix: prefix, into: &facts)
        return facts
    }

    private static func readModels(_ root: DataNode, provider: String, into facts: inout ClientFacts) {
        for (key, role) in [("model", "main"), ("fallbackModel", "fallback"), ("advisorModel", "advisor"), ("teammateDefaultModel", "teammate")] {
            // `fallbackModel` is a chain (a list); older settings wrote one string.
            for item in ClientData.strings(root[key], typed: true) where !item.text.isEmpty {
                facts.models.append(ClientData.model(item.text, provider: provider, role: role, range: item.range))
            }
        }
    }

    private static func readPermissions(_ root: DataNode, prefix: String, into facts: inout ClientFacts) {
        guard let permissions = root["permissions"], permissions.isMapping else { return }
        for (key, approval) in [("allow", Approval.auto), ("ask", .required), ("deny", .denied)] {
            guard let list = permissions[key] else { continue }
            facts.toolsSaid = true
            for item in ClientData.strings(list, typed: true) {
                facts.grants.append(ToolGrant(pattern: item.text, kind: ClaudePermissions.kind(item.text), approval: approval,
                                              range: item.range, source: "\(prefix)permissions.\(key)", grammar: .claudeCode))
            }
        }
        if let node = permissions["defaultMode"], let value = node.string {
            var mode = ApprovalMode(mode: ClaudePermissions.mode(value), setting: "\(prefix)permissions.defaultMode: \(value)", range: node.range)
            mode.byClassifier = value == "auto"
            facts.setApproval(mode)
        }
        for item in ClientData.strings(permissions["additionalDirectories"], typed: true) where !item.text.isEmpty {
            facts.directories.append((item.text, "\(prefix)permissions.additionalDirectories", item.range))
        }
    }

    /// Top-level keys that switch approval off or decide which project MCP servers start; read
    /// whether or not the file has a `permissions` object.
    private static func readApprovals(_ root: DataNode, prefix: String, into facts: inout ClientFacts) {
        var servers = ProjectServerApprovals()
        if let node = root["enableAllProjectMcpServers"], ClientData.bool(node) == true {
            facts.approvalBypasses.append(ApprovalMode(mode: .bypass, setting: "\(prefix)enableAllProjectMcpServers: true", range: node.range))
            servers.all = ("\(prefix)enableAllProjectMcpServers", node.range)
        }
        if let list = root["enabledMcpjsonServers"] {
            servers.enabled = ClientData.strings(list, typed: true).map { ($0.text, "\(prefix)enabledMcpjsonServers", $0.range) }
        }
        servers.disabled = ClientData.strings(root["disabledMcpjsonServers"], typed: true).map { ($0.text, "\(prefix)disabledMcpjsonServers", $0.range) }
        if servers.all != nil || servers.enabled != nil || !servers.disabled.isEmpty { facts.projectServers = servers }
        if let node = root["skipDangerousModePermissionPrompt"], ClientData.bool(node) == true {
            facts.setApproval(ApprovalMode(mode: .bypass, setting: "\(prefix)skipDangerousModePermissionPrompt: true", range: node.range))
        }
    }

    /// Sandboxed bash: on with its `network.allowedDomains`, or explicitly off. Absent means
    /// Claude Code's default (off), which the file does not say.
    private static func readSandbox(_ root: DataNode, prefix: String, into facts: inout ClientFacts) {
        guard let sandbox = root["sandbox"], let enabled = sandbox["enabled"] else { return }
        switch ClientData.bool(enabled) {
        case true?:
            facts.setEgress(MCPServersReader.sandboxNetwork(sandbox["network"], enabledAt: enabled.range,
                                                            setting: "\(prefix)sandbox.network.allowedDomains"))
        case false?:
            facts.setEgress(EgressPosture(network: .unrestricted, evidence: "\(prefix)sandbox.enabled: false", range: enabled.range))
        case nil:
            facts.setEgress(EgressPosture(network: .unknown, evidence: "\(prefix)sandbox.enabled is not a boolean", range: enabled.range))
        }
    }

    /// `PostToolUse` hooks that run a command, call a URL or an MCP tool see every tool call:
    /// they are the tool-call audit sinks. Prompt and agent hooks judge, they do not record; their
    /// `model` is a model the agent uses.
    static func readHooks(_ root: DataNode, provider: String, prefix: String, into facts: inout ClientFacts) {
        guard let hooks = root["hooks"], hooks.isMapping else { return }
        if ClientData.bool(root["disableAllHooks"]) == true { return }
        for event in hooks.entries ?? [] {
            for group in event.value.sequence ?? [] {
                let matcher = ClientData.string(group["matcher"]).flatMap { $0.isEmpty ? nil : $0 } ?? "*"
                for hook in group["hooks"]?.sequence ?? [] where hook.isMapping {
                    let type = ClientData.string(hook["type"]) ?? "command"
                    if let model = hook["model"], let id = ClientData.text(model), !id.isEmpty {
                        facts.models.append(ClientData.model(id, provider: provider, role: "hook", range: model.range))
                    }
                    if type == "http", let url = hook["url"], let text = ClientData.text(url) {
                        facts.hookEndpoints.append((event.name, text, url.range))
                    }
                    guard event.name == "PostToolUse" else { continue }
                    facts.telemetrySaid = true
                    let target: DataNode?
                    switch type {
                    case "command": target = hook["command"]
                    case "http": target = hook["url"]
                    case "mcp_tool": target = hook["tool"]
                    default: target = nil
                    }
                    guard let target, let text = ClientData.text(target) else { continue }
                    let destination = "\(prefix)hooks.PostToolUse[\(matcher)] \(type): \(Self.short(text))"
                    facts.telemetry.append(TelemetrySink(kind: .toolAudit, destination: destination, range: target.range,
                                                         hookCommand: type == "command" ? text : nil))
                }
            }
        }
    }

    /// The first line of a long command, for messages.
    static func short(_ text: String) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text
        return line.count > 100 ? String(line.prefix(100)) + "…" : line
    }
}
