import ParapetCore
import ParapetSyntax

/// GitHub Actions workflows that run agents. Each agent step is one profile, named
/// `<job id>/<step name>`: steps that use `anthropics/claude-code-action` (v1 `claude_args` and
/// `settings`, and the v0.x inputs), `openai/codex-action`, `google-github-actions/run-gemini-cli`,
/// and `run:` steps that call the `claude` CLI.
enum AgentWorkflowAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.agentWorkflow] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        let workflowEnv = ClientEnvEntry.entries(root["env"])
        var profiles: [AgentProfile] = []
        for job in ClientData.entries(root["jobs"]) where job.value.isMapping {
            let jobEnv = ClientEnvEntry.entries(job.value["env"])
            for (index, node) in (job.value["steps"]?.sequence ?? []).enumerated() where node.isMapping {
                let step = WorkflowAgentStep(file: file, jobID: job.name, job: job.value, step: node, index: index,
                                             env: workflowEnv + jobEnv + ClientEnvEntry.entries(node["env"]))
                var profile: AgentProfile?
                if let uses = ClientData.string(node["uses"]) {
                    let action = uses.lowercased()
                    if action.hasPrefix("anthropics/claude-code-action") || action.hasPrefix("anthropics/claude-code-base-action") {
                        profile = ClaudeCodeActionStep.profile(step)
                    } else if action.hasPrefix("openai/codex-action") {
                        profile = CodexActionStep.profile(step)
                    } else if action.hasPrefix("google-github-actions/run-gemini-cli") {
                        profile = GeminiActionStep.profile(step)
                    }
                } else {
                    profile = ClaudeRunStep.profile(step)
                }
                if var profile {
                    profile.workflowStep = step.facts(root: root)
                    profiles.append(profile)
                }
            }
        }
        return profiles
    }
}

/// One step of a job, with what every agent step reads the same way.
struct WorkflowAgentStep {
    let file: ParsedFile
    let jobID: String
    let job: DataNode
    let step: DataNode
    let index: Int
    /// The workflow's, the job's and the step's `env`, in that order (later wins).
    let env: [ClientEnvEntry]

    var source: SourceFile { file.source }

    var name: String {
        let label = [ClientData.string(step["name"]), ClientData.string(step["id"])]
            .compactMap { $0.map(ClientData.trim) }.first { !$0.isEmpty }
        return "\(jobID)/\(label ?? "steps[\(index)]")"
    }

    /// Inputs that become the agent's prompt or instructions, and `run:` for CLI steps.
    static let promptKeys = ["prompt", "direct_prompt", "override_prompt", "custom_instructions", "prompt_file", "append_system_prompt"]

    /// How the step is started, for the rules that judge who can steer the agent.
    func facts(root: DataNode) -> WorkflowStepFacts {
        var prompts: [(key: String, text: String, range: SourceRange)] = []
        for key in Self.promptKeys {
            if let node = input(key), let text = node.scalar?.text { prompts.append((key, text, node.range)) }
        }
        if let node = step["run"], let text = node.scalar?.text { prompts.append(("run", text, node.range)) }
        if let node = input("claude_args"), let text = node.scalar?.text { prompts.append(("claude_args", text, node.range)) }
        for entry in env { if let text = entry.value.scalar?.text { prompts.append(("env.\(entry.name)", text, entry.value.range)) } }
        // The job's `permissions` replace the workflow's.
        let permissions = job["permissions"] ?? root["permissions"]
        var writes: [(scope: String, range: SourceRange)] = []
        if let permissions {
            if let all = permissions.string, all == "write-all" { writes.append(("write-all", permissions.range)) }
            for entry in ClientData.entries(permissions) where entry.value.string == "write" { writes.append((entry.name, entry.value.range)) }
        }
        let on = root["on"] ?? root["true"]
        let triggers: [String] = on.map { node in
            if let single = node.string { return [single] }
            if let list = node.sequence { return list.compactMap(\.string) }
            return ClientData.entries(node).map(\.name)
        } ?? []
        return WorkflowStepFacts(uses: uses, promptInputs: prompts, writePermissions: writes, triggers: triggers)
    }

    /// An input under `with:`.
    func input(_ key: String) -> DataNode? { step["with"]?[key] }

    /// The text of an input, nil when it is missing, null or not a scalar.
    func inputText(_ key: String) -> String? { input(key)?.scalar.flatMap { $0.value == .null ? nil : $0.text } }

    func map(_ node: DataNode) -> ClientTextMap { ClientTextMap.of(node, in: file.source) }

    /// The `uses:` reference, as written: the pinning of the action itself.
    var uses: (value: String, range: SourceRange)? {
        guard let node = step["uses"], let value = node.string else { return nil }
        return (value, node.range)
    }

    /// `timeout-minutes` of the step and of its job: GitHub stops the run there.
    var timeouts: [BudgetCap] {
        var caps: [BudgetCap] = []
        if let node = step["timeout-minutes"], let value = node.string {
            caps.append(BudgetCap(kind: .time, value: value, setting: "steps[\(index)].timeout-minutes", range: node.range))
        }
        if let node = job["timeout-minutes"], let value = node.string {
            caps.append(BudgetCap(kind: .time, value: value, setting: "jobs.\(jobID).timeout-minutes", range: node.range))
        }
        return caps
    }

    /// A list input (`allowed_tools: "Bash(git:*),Read"`, newline-separated domains): the items
    /// with their ranges in the file.
    func listInput(_ key: String) -> (node: DataNode, items: [(text: String, range: SourceRange)])? {
        guard let node = input(key) else { return nil }
        if node.sequence != nil { return (node, ClientData.strings(node)) }
        guard let scalar = node.scalar, scalar.value != .null else { return nil }
        let map = self.map(node)
        return (node, ClientData.splitList(scalar.text).map { ($0.text, map.range($0.range.lowerBound, $0.range.upperBound)) })
    }

    /// An embedded JSON input (`settings`, `mcp_config`); nil when it is a file path or not JSON.
    func jsonInput(_ key: String) -> DataNode? {
        guard let node = input(key), let text = node.scalar?.text, ClientData.trim(text).hasPrefix("{") else { return nil }
        return map(node).parseJSON(text)
    }

    /// An endpoint from a "who may trigger" input: `*` lets anyone (or any bot) start the agent.
    func endpoint(_ key: String) -> AgentEndpoint? {
        guard let node = input(key), let value = node.string.map(ClientData.trim), !value.isEmpty else { return nil }
        let open = value.split(separator: ",").contains { ClientData.trim(String($0)) == "*" }
        return AgentEndpoint(url: nil, authenticated: !open, evidence: open ? "\(key): \"*\"" : "\(key): \(value)", range: node.range)
    }
}
