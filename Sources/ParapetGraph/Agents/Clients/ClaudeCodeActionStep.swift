import ParapetCore
import ParapetSyntax

/// The Claude Code CLI flags the rules care about, read from shell words (`claude_args`, a
/// `run:` line): `--model`, `--fallback-model`, `--allowedTools`, `--disallowedTools`,
/// `--max-turns`, `--permission-mode`, `--dangerously-skip-permissions`, and the JSON forms of
/// `--settings` and `--mcp-config` (file paths are not followed).
enum ClaudeCLI {
    struct Parsed {
        var facts = ClientFacts()
        var settings: [DataNode] = []
        var mcpConfigs: [DataNode] = []
    }

    typealias Word = ClientShellWords.Word

    /// `origin` names where the words were written, for messages (`claude_args`, `run`).
    static func parse(_ words: [Word], map: ClientTextMap, origin: String, provider: String) -> Parsed {
        var parsed = Parsed()
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            guard word.bytes.first == UInt8(ascii: "-") else { continue }
            var flag = word
            var inline: Word?
            if let equals = word.bytes.firstIndex(of: UInt8(ascii: "=")), word.bytes.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) {
                flag = Word(bytes: Array(word.bytes[..<equals]), offsets: Array(word.offsets[..<equals]))
                inline = Word(bytes: Array(word.bytes[(equals + 1)...]), offsets: Array(word.offsets[(equals + 1)...]))
            }
            /// The flag's value: `--flag=value`, or the next word unless it is another flag.
            func value() -> Word? {
                if let inline { return inline }
                guard i < words.count, !words[i].text.hasPrefix("--") else { return nil }
                i += 1
                return words[i - 1]
            }
            /// Every following word up to the next flag (`--allowedTools Read Write`).
            func values() -> [Word] {
                if let inline { return [inline] }
                var out: [Word] = []
                while i < words.count, words[i].bytes.first != UInt8(ascii: "-") {
                    out.append(words[i])
                    i += 1
                }
                return out
            }
            let name = flag.text
            switch name {
            case "--model", "--fallback-model":
                guard let v = value() else { continue }
                // `--model haiku` is Claude Code's alias, whichever provider serves it.
                let client = provider == "anthropic" && ClaudeCLI.isAlias(v.text) ? "claude-code" : provider
                parsed.facts.models.append(ClientData.model(v.text, provider: client, role: name == "--model" ? "main" : "fallback",
                                                            range: range(v, map: map)))
            case "--allowedTools", "--allowed-tools", "--disallowedTools", "--disallowed-tools":
                let allow = name.hasPrefix("--allowed")
                parsed.facts.toolsSaid = true
                for v in values() {
                    for item in ClientData.splitList(v.text) {
                        parsed.facts.grants.append(ToolGrant(pattern: item.text, kind: ClaudePermissions.kind(item.text),
                                                             approval: allow ? .auto : .denied, range: range(v, item.range, map: map),
                                                             source: "\(origin) \(name)", grammar: .claudeCode))
                    }
                }
            case "--max-turns":
                guard let v = value() else { continue }
                parsed.facts.budgets.append(BudgetCap(kind: .turns, value: v.text, setting: "\(origin) --max-turns", range: range(v, map: map)))
            case "--permission-mode":
                guard let v = value() else { continue }
                parsed.facts.setApproval(ApprovalMode(mode: ClaudePermissions.mode(v.text), setting: "\(origin) --permission-mode \(v.text)",
                                                      range: range(v, map: map)))
            case "--dangerously-skip-permissions":
                parsed.facts.setApproval(ApprovalMode(mode: .bypass, setting: "\(origin) --dangerously-skip-permissions",
                                                      range: range(flag, map: map)))
            case "--settings":
                if let v = value(), let root = json(v, map: map) { parsed.settings.append(root) }
            case "--mcp-config":
                parsed.mcpConfigs += values().compactMap { json($0, map: map) }
            default:
                continue
            }
        }
        return parsed
    }

    /// A word holding JSON, parsed with its ranges in the file.
    static func json(_ word: Word, map: ClientTextMap) -> DataNode? {
        guard ClientData.trim(word.text).hasPrefix("{") else { return nil }
        return map.through(word.offsets).parseJSON(word.text)
    }

    /// The file range of a word, or of bytes `part` of it.
    static func range(_ word: Word, _ part: Range<Int>? = nil, map: ClientTextMap) -> SourceRange {
        let part = part ?? 0 ..< word.offsets.count
        guard part.lowerBound < part.upperBound, part.upperBound <= word.offsets.count else { return map.fallback }
        return map.range(word.offsets[part.lowerBound], word.offsets[part.upperBound - 1] + 1)
    }

    /// The servers of `--mcp-config` / `mcp_config` JSON.
    static func servers(_ configs: [DataNode], into facts: inout ClientFacts) {
        for config in configs {
            guard let servers = config["mcpServers"] else { continue }
            facts.servers += MCPServersReader.read(servers, client: .claudeCode).servers
            facts.serversSaid = true
        }
    }

    /// Models default to the Anthropic API; Bedrock, Vertex or Foundry when the action or the
    /// environment switches the provider (known only once every source is read).
    /// Claude Code's model aliases (`sonnet`, `opus[1m]`, `opusplan`) have no `-` or `.`; model
    /// ids of every provider have.
    static func isAlias(_ id: String) -> Bool {
        !id.isEmpty && !id.contains("-") && !id.contains(".") && !Interpolation.contains(id)
    }

    static func setProvider(_ provider: String, in facts: inout ClientFacts) {
        for index in facts.models.indices where facts.models[index].provider == "anthropic" {
            facts.models[index].provider = provider
        }
    }

    static let expressible: ClientFacts.Expressible = [.models, .tools, .servers, .egress, .telemetry, .approval]
}

/// A step using `anthropics/claude-code-action` (or the base action). v1 takes `claude_args` and
/// `settings` (JSON, a `.claude/settings.json`); v0.x had one input per setting (`model`,
/// `allowed_tools`, `max_turns`, `timeout_minutes`, `claude_env`, `mcp_config`,
/// `experimental_allowed_domains`). Both are read; the action's own environment (`env:` of the
/// workflow, job and step, and `claude_env`) reaches Claude Code too.
enum ClaudeCodeActionStep {
    static func profile(_ step: WorkflowAgentStep) -> AgentProfile {
        var facts = ClientFacts()
        var env = step.env
        if let node = step.input("claude_env"), let text = node.scalar?.text, let root = step.map(node).parseYAML(text) {
            env += ClientEnvEntry.entries(root)
        }

        var cli = ClaudeCLI.Parsed()
        if let node = step.input("claude_args"), let text = node.scalar?.text {
            cli = ClaudeCLI.parse(ClientShellWords.words(text), map: step.map(node), origin: "claude_args", provider: "anthropic")
        }
        facts.merge(cli.facts)
        let settings = (step.jsonInput("settings").map { [$0] } ?? []) + cli.settings
        for root in settings {
            env += ClaudeSettingsReader.env(root)
            facts.merge(ClaudeSettingsReader.facts(root, provider: "anthropic", prefix: "settings."))
        }
        facts.merge(ClaudeEnvReader.facts(env, provider: "anthropic"))

        readV0Inputs(step, into: &facts)
        ClaudeCLI.servers(cli.mcpConfigs + (step.jsonInput("mcp_config").map { [$0] } ?? []), into: &facts)

        for key in ["allowed_bots", "allowed_non_write_users"] {
            if let endpoint = step.endpoint(key) { facts.setEndpoint(endpoint) }
        }
        facts.version = step.uses
        facts.budgets += step.timeouts

        var provider = ClaudeEnvReader.provider(env) ?? "anthropic"
        for (input, name) in [("use_bedrock", "bedrock"), ("use_vertex", "vertex"), ("use_foundry", "foundry")] {
            if let text = step.inputText(input), ClientData.truthy(text) { provider = name }
        }
        ClaudeCLI.setProvider(provider, in: &facts)
        return facts.profile(name: step.name, format: step.file.kind, range: step.step.range,
                             expressible: ClaudeCLI.expressible.union([.endpoint, .version]), budgetKinds: [.turns, .tokens, .time])
    }

    /// The v0.x inputs, each a setting of its own.
    private static func readV0Inputs(_ step: WorkflowAgentStep, into facts: inout ClientFacts) {
        for (key, role) in [("model", "main"), ("anthropic_model", "main"), ("fallback_model", "fallback")] {
            if let node = step.input(key), let id = ClientData.text(node).map(ClientData.trim), !id.isEmpty {
                facts.models.append(ClientData.model(id, provider: "anthropic", role: role, range: node.range))
            }
        }
        for (key, approval) in [("allowed_tools", Approval.auto), ("disallowed_tools", .denied)] {
            guard let list = step.listInput(key) else { continue }
            facts.toolsSaid = true
            for item in list.items {
                facts.grants.append(ToolGrant(pattern: item.text, kind: ClaudePermissions.kind(item.text), approval: approval,
                                              range: item.range, source: key, grammar: .claudeCode))
            }
        }
        for (key, kind) in [("max_turns", BudgetCap.Kind.turns), ("timeout_minutes", .time)] {
            if let node = step.input(key), let value = node.string.map(ClientData.trim), !value.isEmpty {
                facts.budgets.append(BudgetCap(kind: kind, value: value, setting: key, range: node.range))
            }
        }
        // "Restrict network access to these domains only (newline-separated)".
        if let list = step.listInput("experimental_allowed_domains"), !list.items.isEmpty {
            let domains = list.items.map(\.text)
            facts.setEgress(domains.contains("*")
                ? EgressPosture(network: .unrestricted, evidence: "experimental_allowed_domains contains \"*\"", range: list.node.range)
                : EgressPosture(network: .allowList(domains), evidence: "experimental_allowed_domains", range: list.node.range))
        }
    }
}

/// A `run:` step that calls the `claude` CLI (directly, or through `npx @anthropic-ai/claude-code`).
/// The flags of every such call in the script make the step's one profile.
enum ClaudeRunStep {
    typealias Word = ClientShellWords.Word

    static func profile(_ step: WorkflowAgentStep) -> AgentProfile? {
        guard let node = step.step["run"], let text = node.scalar?.text, text.contains("claude") else { return nil }
        let calls = ClientShellWords.commands(text).compactMap(call)
        guard !calls.isEmpty else { return nil }
        let map = step.map(node)
        let cli = ClaudeCLI.parse(calls.flatMap(\.arguments), map: map, origin: "run: claude", provider: "anthropic")
        var facts = cli.facts
        // `ANTHROPIC_MODEL=opus claude …`: assignments before the command are its environment.
        var env = step.env + calls.flatMap(\.assignments).compactMap { environment($0, map: map) }
        for root in cli.settings {
            env += ClaudeSettingsReader.env(root)
            facts.merge(ClaudeSettingsReader.facts(root, provider: "anthropic", prefix: "--settings "))
        }
        facts.merge(ClaudeEnvReader.facts(env, provider: "anthropic"))
        ClaudeCLI.servers(cli.mcpConfigs, into: &facts)
        facts.budgets += step.timeouts
        ClaudeCLI.setProvider(ClaudeEnvReader.provider(env) ?? "anthropic", in: &facts)
        return facts.profile(name: step.name, format: step.file.kind, range: step.step.range,
                             expressible: ClaudeCLI.expressible, budgetKinds: [.turns, .tokens, .time])
    }

    /// The `VAR=value` assignments and the arguments of a command that runs Claude Code; nil for
    /// any other command. Wrappers (`sudo`, `env`, `exec`, `time`, `nohup`) are skipped.
    static func call(_ command: [Word]) -> (assignments: [Word], arguments: [Word])? {
        var i = 0
        var assignments: [Word] = []
        while i < command.count {
            let word = command[i]
            if isAssignment(word.text) {
                assignments.append(word)
            } else if !["sudo", "env", "exec", "time", "nohup", "command"].contains(word.text) {
                break
            }
            i += 1
        }
        guard i < command.count else { return nil }
        let program = command[i].text.split(separator: "/").last.map(String.init) ?? ""
        if program == "claude" { return (assignments, Array(command[(i + 1)...])) }
        // Package runners: `npx -y @anthropic-ai/claude-code@1.0.0 …`, `pnpm dlx …`, `yarn dlx …`.
        guard ["npx", "bunx", "pnpx", "pnpm", "yarn"].contains(program) else { return nil }
        var j = i + 1
        while j < command.count, command[j].text.hasPrefix("-") || command[j].text == "dlx" { j += 1 }
        guard j < command.count, command[j].text.hasPrefix("@anthropic-ai/claude-code") else { return nil }
        return (assignments, Array(command[(j + 1)...]))
    }

    static func isAssignment(_ text: String) -> Bool {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return false }
        return text[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// `NAME=value` as an environment entry whose value points at the value's bytes.
    static func environment(_ word: Word, map: ClientTextMap) -> ClientEnvEntry? {
        guard let equals = word.bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let name = String(decoding: word.bytes[..<equals], as: UTF8.self)
        let value = String(decoding: word.bytes[(equals + 1)...], as: UTF8.self)
        let range = ClaudeCLI.range(word, (equals + 1) ..< word.bytes.count, map: map)
        return ClientEnvEntry(name: name, value: DataNode(.scalar(Scalar(value, style: .doubleQuoted)), range: range))
    }
}
