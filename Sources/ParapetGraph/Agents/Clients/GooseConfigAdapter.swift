import ParapetCore
import ParapetSyntax

/// goose `config.yaml` (block.github.io/goose/docs/guides/config-files, checked 2026-12-07):
/// `GOOSE_MODE` (`auto` runs every tool without asking; `approve`, `smart_approve` ask; `chat`
/// uses no tools), `GOOSE_PROVIDER` + `GOOSE_MODEL`, `GOOSE_MAX_TURNS`, and `extensions` (each a
/// toolset: `builtin`, `platform`, `stdio` with `cmd` / `args` / `envs`, `sse` and
/// `streamable_http` with `uri`; `enabled: false` turns one off).
enum GooseConfigAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.gooseConfig] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        var facts = ClientFacts()
        let provider = ClientData.text(root["GOOSE_PROVIDER"])
        if let model = root["GOOSE_MODEL"], let id = ClientData.text(model), !id.isEmpty {
            facts.models.append(ClientData.model(id, provider: provider, role: "main", range: model.range))
        }
        var approval = Approval.unknown
        if let node = root["GOOSE_MODE"], let mode = ClientData.text(node) {
            let bypass = mode == "auto"
            facts.setApproval(ApprovalMode(mode: bypass ? .bypass : .normal, setting: "GOOSE_MODE: \(mode)", range: node.range))
            approval = mode == "chat" ? .denied : .ask
        }
        var budgetKinds: Set<BudgetCap.Kind> = []
        if let turns = root["GOOSE_MAX_TURNS"], let value = ClientData.string(turns) {
            budgetKinds.insert(.turns)
            facts.budgets.append(BudgetCap(kind: .turns, value: value, setting: "GOOSE_MAX_TURNS", range: turns.range))
        }
        if root["extensions"] != nil {
            facts.toolsSaid = true
            facts.serversSaid = true
        }
        for entry in ClientData.entries(root["extensions"]) where entry.value.isMapping {
            let config = entry.value
            let disabled = ClientData.bool(config["enabled"], .loose) == false
            let type = ClientData.text(config["type"]) ?? "builtin"
            if !disabled {
                // The approval the mode gives; `auto` is GATE411's finding, at the mode.
                facts.grants.append(ToolGrant(pattern: entry.name, kind: .toolset, approval: approval, range: entry.key.range,
                                              source: "extensions (\(type))"))
            }
            guard type != "builtin" && type != "platform" else { continue }
            var server = ToolServer(name: entry.name, transport: type == "stdio" ? .stdio : type == "sse" ? .sse : .http,
                                    range: ClientData.span(entry), disabled: disabled)
            if let cmd = config["cmd"], let text = ClientData.text(cmd) {
                server.command = text
                server.commandRange = cmd.range
                let args = ClientData.strings(config["args"], typed: true)
                server.arguments = args.map(\.text)
                server.argumentRanges = args.map(\.range)
            }
            if let uri = config["uri"], let text = ClientData.text(uri) {
                server.url = text
                server.urlRange = uri.range
            }
            server.settings = ClientData.entries(config["envs"]).compactMap { env in
                ClientData.text(env.value).map { (env.name, $0, env.value.range) }
            }
            facts.servers.append(server)
        }
        return [facts.profile(name: "goose", format: file.kind, range: root.range, expressible: [.models, .tools, .servers, .approval],
                              budgetKinds: budgetKinds)]
    }
}
