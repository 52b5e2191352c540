import ParapetCore
import ParapetSyntax

/// VS Code `.vscode/settings.json`, where it configures the chat agent:
/// - `chat.tools.global.autoApprove` (older `chat.tools.autoApprove`) `true`: every tool call
///   runs without asking;
/// - `chat.tools.terminal.autoApprove`: command prefixes (or `/regex/`) mapped to `true` (runs
///   unasked), `false` (always asks), or `{ "approve": …, "matchCommandLine": … }`; ignored when
///   `chat.tools.terminal.enableAutoApprove` is `false`;
/// - `chat.agent.maxRequests`: requests per agent session, a turn cap (VS Code has a default
///   one, so leaving it out is no missing cap: the kind is expressible only when written);
/// - `mcp.servers`: servers, in `.vscode/mcp.json`'s shape (the older place for them).
/// Keys from code.visualstudio.com/docs (agents: approvals; MCP configuration) and the settings
/// seen in the corpus, checked 2026-12-07. Models are picked in the chat view, not here.
enum VSCodeSettingsAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.vscodeSettings] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        var facts = ClientFacts()
        for key in ["chat.tools.global.autoApprove", "chat.tools.autoApprove"] {
            guard let node = root[key], let on = ClientData.bool(node) else { continue }
            facts.setApproval(ApprovalMode(mode: on ? .bypass : .normal, setting: "\(key): \(on)", range: node.range))
        }
        readTerminal(root, into: &facts)
        var budgetKinds: Set<BudgetCap.Kind> = []
        if let node = root["chat.agent.maxRequests"], let value = node.string {
            facts.budgets.append(BudgetCap(kind: .turns, value: value, setting: "chat.agent.maxRequests", range: node.range))
            budgetKinds.insert(.turns)
        }
        // The network is said only by a sandboxed server (the chat's own sandbox keys are not verified).
        var expressible: ClientFacts.Expressible = [.tools, .servers, .approval]
        if let servers = root["mcp"]?["servers"] {
            let read = MCPServersReader.read(servers, client: .vscodeSettings)
            facts.servers = read.servers
            facts.serversSaid = true
            facts.grants += read.grants
            facts.toolsSaid = facts.toolsSaid || read.approvalKeysSeen
            read.applySandboxes(to: &facts, client: .vscodeSettings)
            if !read.sandboxes.isEmpty { expressible.insert(.egress) }
        }
        return [facts.profile(name: "vscode", format: file.kind, range: root.range, expressible: expressible,
                              budgetKinds: budgetKinds)]
    }

    /// Terminal commands: a prefix runs every command line that starts with it, so it is read as
    /// `terminal(<prefix> *)`; a `/regex/` is read by its shape (`CommandRegex`): each literal
    /// prefix it is anchored to becomes such an entry (`^git (status|log)$` two exact ones); one
    /// that matches everything, matches anywhere, or cannot be read is kept as written, and the
    /// rules say what it admits.
    static func readTerminal(_ root: DataNode, into facts: inout ClientFacts) {
        guard let rules = root["chat.tools.terminal.autoApprove"], rules.isMapping else { return }
        facts.toolsSaid = true
        if let enabled = root["chat.tools.terminal.enableAutoApprove"], ClientData.bool(enabled) == false { return }
        for entry in ClientData.entries(rules) {
            let decision = ClientData.bool(entry.value) ?? ClientData.bool(entry.value["approve"])
            guard let decision else { continue }
            let command = ClientData.trim(entry.name)
            guard !command.isEmpty else { continue }
            // A key that matches every command approves the whole terminal: an approval bypass.
            if decision, CommandRegex.read(command) == .any {
                facts.approvalBypasses.append(ApprovalMode(mode: .bypass, setting: "chat.tools.terminal.autoApprove: \"\(command)\": true",
                                                           range: entry.key.range))
            }
            let wholeLine = ClientData.bool(entry.value["matchCommandLine"]) == true
            for pattern in patterns(command, wholeLine: wholeLine) {
                facts.grants.append(ToolGrant(pattern: pattern, kind: .builtin, approval: decision ? .auto : .required, range: entry.key.range,
                                              source: "chat.tools.terminal.autoApprove"))
            }
        }
    }

    /// The entries one key stands for. VS Code checks each command of a line on its own unless
    /// `matchCommandLine` is true; then the key is matched against the whole line, so a prefix
    /// that leaves the line open admits whatever is chained after it (`cd x && rm -rf ~`), read
    /// as `terminal(<prefix> * && *)`.
    static func patterns(_ command: String, wholeLine: Bool = false) -> [String] {
        let chained = wholeLine ? " && *" : ""
        guard let reading = CommandRegex.read(command) else { return ["terminal(\(command) *\(chained))"] }
        switch reading {
        case .prefixes(let prefixes, let exact): return prefixes.map { exact ? "terminal(\($0))" : "terminal(\($0) *\(chained))" }
        case .any, .unanchored, .unknown: return ["terminal(\(command))"]
        }
    }
}
