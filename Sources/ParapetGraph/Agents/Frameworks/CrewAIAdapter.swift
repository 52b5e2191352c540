import ParapetCore
import ParapetSyntax

/// crewAI `config/agents.yaml` and `config/tasks.yaml`: top-level maps of agent (or task) name to
/// attributes. The crew itself (`Crew(...)`, process, crew-level `max_rpm`) is Python and not read.
///
/// agents.yaml, one profile per agent: models (`llm`, `function_calling_llm`; `provider/model`
/// split as LiteLLM does); tools (`tools`, and Crew-Composer's `tool_names`, all run without
/// asking: crewAI has no per-call approval); code execution (`allow_code_execution`, with
/// `code_execution_mode` `safe` in Docker or `unsafe` on the host) as an exec tool;
/// delegation; servers (`mcps`); caps (`max_iter` only when written, though crewAI defaults to
/// 25, `max_rpm`, `max_execution_time`, `max_tokens`). Telemetry, egress and approval mode are
/// not expressible in the YAML.
///
/// tasks.yaml, one profile per task: its tools, which need a human review of the result when the
/// task sets `human_input: true` (crewAI's only declarative gate; it reviews the answer, after
/// the tools ran); and an `assigned-to` link to its agent, by name, in the `agents.yaml` next to
/// it (crewAI's default layout). An agent in another file is linked by `AgentManifestLinks`.
struct CrewAIAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.crewaiAgents, .crewaiTasks]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file), let entries = root.entries else { return [] }
        return entries.filter(\.value.isMapping).map { entry in
            file.kind == .crewaiTasks ? task(entry, file: file) : agent(entry)
        }
    }

    static func agent(_ entry: DataEntry) -> AgentProfile {
        let node = entry.value
        var profile = AgentProfile(name: entry.name, format: .crewaiAgents, range: Manifest.span(entry))
        let models = [
            Manifest.model(node["llm"], splitsProvider: true),
            Manifest.model(node["function_calling_llm"], role: "function-calling", splitsProvider: true),
        ].compactMap { $0 }
        profile.models = Manifest.listed(models)

        var tools: [ToolGrant] = []
        for key in ["tools", "tool_names"] {
            for tool in toolNames(node[key]) {
                tools.append(ToolGrant(pattern: tool.value, kind: .builtin, approval: .auto, range: tool.range, source: key))
            }
        }
        if let allow = node["allow_code_execution"], Manifest.bool(allow) == true {
            let mode = Manifest.text(node["code_execution_mode"])
            let unsafe = mode?.value == "unsafe"
            tools.append(ToolGrant(pattern: unsafe ? "code_execution:unsafe" : "code_execution:safe", kind: .builtin, approval: .auto,
                                   range: mode?.range ?? allow.range,
                                   source: "allow_code_execution: true, code_execution_mode: \(mode?.value ?? "safe (default)")"))
        }
        if let delegation = node["allow_delegation"], Manifest.bool(delegation) == true {
            tools.append(ToolGrant(pattern: "delegate_work", kind: .builtin, approval: .auto, range: delegation.range, source: "allow_delegation: true"))
        }
        profile.tools = Manifest.listed(tools)

        var servers: [ToolServer] = []
        for (index, reference) in Manifest.strings(node["mcps"]).enumerated() {
            let isURL = reference.value.hasPrefix("http://") || reference.value.hasPrefix("https://")
            servers.append(ToolServer(name: isURL ? "mcps[\(index)]" : reference.value, transport: isURL ? .http : .unknown,
                                      url: isURL ? reference.value : nil, urlRange: isURL ? reference.range : nil, range: reference.range))
        }
        profile.servers = Manifest.listed(servers)

        profile.budgetKinds = [.turns, .rate, .time, .tokens]
        profile.budgets = [
            Manifest.cap(.turns, node["max_iter"], setting: "max_iter"),
            Manifest.cap(.rate, node["max_rpm"], setting: "max_rpm"),
            Manifest.cap(.time, node["max_execution_time"], setting: "max_execution_time"),
            Manifest.cap(.tokens, node["max_tokens"], setting: "max_tokens"),
        ].compactMap { $0 }
        return profile
    }

    static func task(_ entry: DataEntry, file: ParsedFile) -> AgentProfile {
        let node = entry.value
        var profile = AgentProfile(name: entry.name, format: .crewaiTasks, range: Manifest.span(entry))
        let review = node["human_input"].flatMap(Manifest.bool) == true
        let tools = toolNames(node["tools"]).map {
            ToolGrant(pattern: $0.value, kind: .builtin, approval: review ? .required : .auto, range: $0.range,
                      source: review ? "tools (human_input: true)" : "tools")
        }
        profile.tools = Manifest.listed(tools)
        if let agent = Manifest.text(node["agent"]), !agent.value.isEmpty {
            let sibling = Manifest.directory(file.source.path) + "agents.yaml"
            profile.links.append((label: .assignedTo, address: "agent:\(sibling)#\(agent.value)", range: agent.range))
        }
        return profile
    }

    /// Tool names: strings, or objects with a `name` (Crew-Composer's `{ name: web_rag, … }`).
    static func toolNames(_ node: DataNode?) -> [(value: String, range: SourceRange)] {
        guard let items = node?.sequence else { return Manifest.strings(node) }
        return items.compactMap { item in
            if let name = Manifest.text(item) { return name }
            return Manifest.text(item["name"])
        }
    }
}
