import ParapetCore
import ParapetSyntax

/// GitHub Agentic Workflows (`.github/workflows/*.md`; github.github.com/gh-aw reference,
/// checked 2026-12-07): the front matter says which engine runs (`engine: claude` or
/// `{id, model}`), the commands its shell may run (`tools.bash`: a list, `"*"` for any; every
/// listed tool runs without a person, the workflow being unattended), its MCP servers
/// (`mcp-servers`), and its network (`network: defaults`, `{allowed: [...]}`, `{}` for none;
/// nothing written is `defaults`). Writes to the repository go through `safe-outputs`, a
/// separate job, so the agent's own file edits in the runner's checkout are not grants here.
enum AgenticWorkflowAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.agenticWorkflow] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping, root["on"] != nil || root["engine"] != nil else { return [] }
        var facts = ClientFacts()
        let engine = root["engine"]
        let engineID = ClientData.text(engine) ?? ClientData.text(engine?["id"]) ?? "copilot"
        if let model = engine?["model"], let id = ClientData.text(model), !id.isEmpty {
            let provider = ["claude": "anthropic", "codex": "openai", "gemini": "google"][engineID]
            facts.models.append(ClientData.model(id, provider: provider, role: "main", range: model.range))
        }
        let tools = root["tools"]
        facts.toolsSaid = tools != nil
        for item in ClientData.strings(tools?["bash"]) where !item.text.isEmpty {
            let pattern = item.text == "*" || item.text == ":*" ? "Bash" : "Bash(\(item.text))"
            facts.grants.append(ToolGrant(pattern: pattern, kind: .builtin, approval: .auto, range: item.range, source: "tools.bash",
                                          grammar: .claudeCode))
        }
        if let fetch = tools?["web-fetch"] ?? tools?["web_fetch"] {
            facts.grants.append(ToolGrant(pattern: "WebFetch", kind: .builtin, approval: .auto, range: fetch.range, source: "tools.web-fetch"))
        }
        if let servers = root["mcp-servers"] {
            facts.servers = MCPServersReader.read(servers, client: .copilotAgent, key: "mcp-servers").servers
            facts.serversSaid = true
        }
        facts.setEgress(network(root["network"], range: root.range))
        let budgetKinds = readBudgets(root, engine: engine, engineID: engineID, into: &facts)
        let name = ClientData.text(root["name"]) ?? file.source.path.split(separator: "/").last.map { String($0.dropLast(3)) } ?? "workflow"
        return [facts.profile(name: "\(name) (\(engineID))", format: file.kind, range: root.range,
                              expressible: [.models, .tools, .servers, .egress], budgetKinds: budgetKinds)]
    }

    /// The run's caps (gh-aw frontmatter reference, checked 2026-12-07): `timeout-minutes` (the
    /// older `timeout_minutes` still read) caps the agent job's time (BUD303); the engine's
    /// `max-turns` caps its turns (BUD301) where the engine has turns to cap (`claude`, or any
    /// engine it is written for). Absent, the file sets no cap of its own.
    static func readBudgets(_ root: DataNode, engine: DataNode?, engineID: String, into facts: inout ClientFacts) -> Set<BudgetCap.Kind> {
        var kinds: Set<BudgetCap.Kind> = [.time]
        for key in ["timeout-minutes", "timeout_minutes"] {
            guard let node = root[key], let value = node.string else { continue }
            facts.budgets.append(BudgetCap(kind: .time, value: value, setting: key, range: node.range))
        }
        if let node = engine?["max-turns"], let value = node.string {
            facts.budgets.append(BudgetCap(kind: .turns, value: value, setting: "engine.max-turns", range: node.range))
            kinds.insert(.turns)
        } else if engineID == "claude" {
            kinds.insert(.turns)
        }
        return kinds
    }

    /// `defaults` is the compiler's basic infrastructure list; ecosystem names (`python`, `node`)
    /// and domains add to it; `"*"` allows any host; `{}` allows none.
    static func network(_ node: DataNode?, range: SourceRange) -> EgressPosture {
        guard let node else {
            return EgressPosture(network: .allowList(["defaults"]), evidence: "network not written (defaults)", range: range, isDefault: true)
        }
        if let word = ClientData.text(node) {
            return EgressPosture(network: .allowList([word]), evidence: "network: \(word)", range: node.range)
        }
        guard node.isMapping else { return EgressPosture(network: .unknown, evidence: "network is not a mapping", range: node.range) }
        let allowed = ClientData.strings(node["allowed"], typed: true).map(\.text)
        if allowed.contains("*") {
            return EgressPosture(network: .unrestricted, evidence: "network.allowed contains \"*\"", range: node["allowed"]?.range ?? node.range)
        }
        if node["allowed"] == nil && (node.entries ?? []).isEmpty {
            return EgressPosture(network: .denied, evidence: "network: {}", range: node.range)
        }
        return EgressPosture(network: .allowList(allowed), evidence: "network.allowed", range: node["allowed"]?.range ?? node.range)
    }
}
