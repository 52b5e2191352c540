import ParapetCore
import ParapetSyntax

/// Gemini CLI settings (`.gemini/settings.json`, and the `settings` input of run-gemini-cli), in
/// the nested shape (`model.name`, `tools.sandbox`, `general.defaultApprovalMode`) and in the
/// legacy flat one that still appears (`model` as a string, top-level `sandbox`,
/// `maxSessionTurns`, `allowedTools`, `excludeTools`, `allowMCPServers`, `excludeMCPServers`).
/// Where both are written, the nested key wins, as in Gemini CLI's own migration.
enum GeminiSettingsReader {
    static let provider = "google"

    static func facts(_ root: DataNode, prefix: String = "") -> ClientFacts {
        var facts = ClientFacts()
        let tools = root["tools"].flatMap { $0.isMapping ? $0 : nil }
        let model = root["model"]

        // Model: `model.name`, or the legacy `model` string.
        if let model, model.isMapping {
            if let node = model["name"], let id = ClientData.text(node), !id.isEmpty {
                facts.models.append(ClientData.model(id, provider: provider, role: "main", range: node.range))
            }
        } else if let model, let id = ClientData.text(model), !id.isEmpty {
            facts.models.append(ClientData.model(id, provider: provider, role: "main", range: model.range))
        }

        // Turns: `model.maxSessionTurns`, legacy `maxSessionTurns`; -1 (the default) is no cap.
        let turns = setting(nested: model?.isMapping == true ? model?["maxSessionTurns"] : nil, "model.maxSessionTurns",
                            legacy: root["maxSessionTurns"], "maxSessionTurns", prefix: prefix)
        if let (node, name) = turns, let value = node.string {
            let unlimited = (Double(value) ?? 0) < 0
            facts.budgets.append(BudgetCap(kind: .turns, value: value, setting: name, range: node.range, isUnlimited: unlimited))
        }

        readTools(root, tools: tools, prefix: prefix, into: &facts)
        readSandbox(root, tools: tools, prefix: prefix, into: &facts)
        readTelemetry(root, prefix: prefix, into: &facts)

        if let node = root["general"]?["defaultApprovalMode"], let value = node.string {
            let mode: ApprovalMode.Mode = switch value.lowercased() {
            case "yolo": .bypass
            case "auto_edit", "autoedit": .acceptEdits
            default: .normal
            }
            facts.setApproval(ApprovalMode(mode: mode, setting: "\(prefix)general.defaultApprovalMode: \(value)", range: node.range))
        }
        return facts
    }

    /// The nested setting when written, else the legacy one; with the name it was written under.
    private static func setting(nested: DataNode?, _ nestedName: String, legacy: DataNode?, _ legacyName: String,
                                prefix: String) -> (DataNode, String)? {
        if let nested { return (nested, prefix + nestedName) }
        if let legacy { return (legacy, prefix + legacyName) }
        return nil
    }

    private static func readTools(_ root: DataNode, tools: DataNode?, prefix: String, into facts: inout ClientFacts) {
        let lists: [(DataNode?, String, DataNode?, String, Approval)] = [
            (tools?["allowed"], "tools.allowed", root["allowedTools"], "allowedTools", .auto),
            (tools?["confirmationRequired"], "tools.confirmationRequired", nil, "", .required),
            (tools?["exclude"], "tools.exclude", root["excludeTools"], "excludeTools", .denied),
        ]
        for (nested, nestedName, legacy, legacyName, approval) in lists {
            guard let (node, name) = setting(nested: nested, nestedName, legacy: legacy, legacyName, prefix: prefix) else { continue }
            facts.toolsSaid = true
            for item in ClientData.strings(node, typed: true) {
                // MCP tools are qualified `server__tool`.
                let kind: ToolGrant.Kind = item.text.contains("__") ? .mcp : .builtin
                facts.grants.append(ToolGrant(pattern: item.text, kind: kind, approval: approval, range: item.range, source: name, grammar: .geminiCLI))
            }
        }

        // Servers: `mcp.allowed` keeps only the servers it names, `mcp.excluded` drops some.
        let mcp = root["mcp"]
        let allowed = (mcp?["allowed"] ?? root["allowMCPServers"]).map { Set(ClientData.strings($0).map(\.text)) }
        let excluded = Set(ClientData.strings(mcp?["excluded"] ?? root["excludeMCPServers"]).map(\.text))
        guard let servers = root["mcpServers"] else { return }
        let read = MCPServersReader.read(servers, client: .gemini, key: "\(prefix)mcpServers") { name in
            excluded.contains(name) || (allowed.map { !$0.contains(name) } ?? false)
        }
        facts.servers += read.servers
        facts.serversSaid = true
        facts.grants += read.grants
        facts.toolsSaid = facts.toolsSaid || read.approvalKeysSeen
    }

    /// `tools.sandbox` (legacy `sandbox`): a boolean, a profile path or command (on), or an object
    /// `{enabled, command, networkAccess}`. Inside the sandbox the network is off unless
    /// `tools.sandboxNetworkAccess` (or the object's `networkAccess`) is true.
    private static func readSandbox(_ root: DataNode, tools: DataNode?, prefix: String, into facts: inout ClientFacts) {
        let networkSetting = tools?["sandboxNetworkAccess"]
        // `null` is the default (no sandbox unless the environment asks for one): not written.
        let written: (DataNode?) -> DataNode? = { $0?.scalar?.value == .null ? nil : $0 }
        guard let (sandbox, name) = setting(nested: written(tools?["sandbox"]), "tools.sandbox", legacy: written(root["sandbox"]), "sandbox",
                                            prefix: prefix) else {
            if let networkSetting, ClientData.bool(networkSetting) == true {
                facts.setEgress(EgressPosture(network: .unrestricted, evidence: "\(prefix)tools.sandboxNetworkAccess: true, no sandbox",
                                              range: networkSetting.range))
            }
            return
        }
        var on: Bool
        var network = networkSetting
        var networkName = "\(prefix)tools.sandboxNetworkAccess"
        var onRange = sandbox.range
        if sandbox.isMapping {
            on = ClientData.bool(sandbox["enabled"]) ?? true
            onRange = sandbox["enabled"]?.range ?? sandbox.range
            if let access = sandbox["networkAccess"] {
                network = access
                networkName = "\(name).networkAccess"
            }
        } else if let flag = ClientData.bool(sandbox) {
            on = flag
        } else if let text = sandbox.string {
            on = !text.isEmpty
        } else {
            on = false
        }
        guard on else {
            facts.setEgress(EgressPosture(network: .unrestricted, evidence: "\(name): off", range: onRange))
            return
        }
        if let network, ClientData.bool(network) == true {
            facts.setEgress(EgressPosture(network: .unrestricted, evidence: "\(networkName): true", range: network.range))
        } else {
            facts.setEgress(EgressPosture(network: .denied, evidence: "\(name) on, \(networkName) not true", range: network?.range ?? onRange))
        }
    }

    /// `telemetry.enabled` exports traces, metrics and logs to the target (`gcp`, or a local /
    /// OTLP collector); the logs carry one event per tool call, so they audit tool calls too.
    /// `AfterTool` hooks are audit sinks of their own.
    private static func readTelemetry(_ root: DataNode, prefix: String, into facts: inout ClientFacts) {
        if let telemetry = root["telemetry"] {
            facts.telemetrySaid = true
            if let enabled = telemetry["enabled"], ClientData.bool(enabled) == true {
                let target = ClientData.string(telemetry["target"])
                let destination = target == "gcp" ? "gcp"
                    : ClientData.string(telemetry["otlpEndpoint"]) ?? ClientData.string(telemetry["outfile"]).map { "file \($0)" } ?? target ?? "local"
                for kind in [TelemetrySink.Kind.traces, .metrics, .logs, .toolAudit] {
                    facts.telemetry.append(TelemetrySink(kind: kind, destination: destination, range: enabled.range))
                }
            }
        }
        guard let hooks = root["hooks"]?["AfterTool"], ClientData.bool(root["hooksConfig"]?["enabled"]) != false else { return }
        facts.telemetrySaid = true
        for group in hooks.sequence ?? [] {
            let matcher = ClientData.string(group["matcher"]).flatMap { $0.isEmpty ? nil : $0 } ?? "*"
            for hook in group["hooks"]?.sequence ?? [] {
                guard let command = hook["command"], let text = ClientData.text(command) else { continue }
                facts.telemetry.append(TelemetrySink(kind: .toolAudit, destination: "\(prefix)hooks.AfterTool[\(matcher)]: \(ClaudeSettingsReader.short(text))",
                                                     range: command.range, hookCommand: text))
            }
        }
    }
}

/// Gemini CLI `.gemini/settings.json`.
enum GeminiSettingsAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.geminiSettings] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        let facts = GeminiSettingsReader.facts(root)
        return [facts.profile(name: "gemini-cli", format: file.kind, range: root.range,
                              expressible: [.models, .tools, .servers, .egress, .telemetry, .approval], budgetKinds: [.turns])]
    }
}
