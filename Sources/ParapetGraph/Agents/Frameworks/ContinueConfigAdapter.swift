import ParapetCore
import ParapetSyntax

/// Continue `config.yaml` (`.continue/config.yaml`, `.continue/agents/*.yaml`, hub assistants):
/// one profile per file, named by its `name`.
///
/// What it fills: models (`models[]`: `provider`, `model`, role from `roles`; `AUTODETECT` is kept
/// as written, for the pinning rule); servers (`mcpServers[]`, stdio or remote); token caps
/// (`defaultCompletionOptions.maxTokens`, per model); telemetry (`data[]` destinations, which is
/// how Continue ships its development data). Tool approval policies live in the IDE, not in the
/// file: tools, approval mode and egress are not expressible.
///
/// Hub blocks (`- uses: owner/block`) are defined elsewhere: a model block becomes an
/// interpolated reference (never judged as a literal), a data block a sink, an MCP block a server
/// of unknown transport. When a hub model block could carry the token cap, the cap cannot be
/// known here, so `tokens` is left out of `budgetKinds` unless a cap is written.
struct ContinueConfigAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.continueConfig]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file) else { return [] }
        let name = Manifest.text(root["name"])?.value ?? Manifest.stem(file.source.path)
        var profile = AgentProfile(name: name, format: .continueConfig, range: root.range)

        var models: [ModelReference] = []
        var caps: [BudgetCap] = []
        var hubModels = false
        for (index, item) in (root["models"]?.sequence ?? []).enumerated() where item.isMapping {
            if let uses = Manifest.text(item["uses"]) {
                hubModels = true
                models.append(ModelReference(provider: nil, id: uses.value, role: "main", range: uses.range, isInterpolated: true))
                if let cap = Manifest.cap(.tokens, item.at(["override", "defaultCompletionOptions", "maxTokens"]),
                                          setting: "models[\(index)].override.defaultCompletionOptions.maxTokens") {
                    caps.append(cap)
                }
                continue
            }
            let label = Manifest.text(item["name"])?.value ?? "models[\(index)]"
            if let model = Manifest.model(item["model"], provider: Manifest.text(item["provider"])?.value, role: role(item["roles"])) {
                models.append(model)
            }
            if let cap = Manifest.cap(.tokens, item.at(["defaultCompletionOptions", "maxTokens"]), setting: "\(label).defaultCompletionOptions.maxTokens") {
                caps.append(cap)
            }
        }
        profile.models = root["models"] == nil ? .absent : .present(models)
        profile.budgets = caps
        profile.budgetKinds = hubModels && caps.isEmpty ? [] : [.tokens]

        var servers: [ToolServer] = []
        for (index, item) in (root["mcpServers"]?.sequence ?? []).enumerated() where item.isMapping {
            if let uses = Manifest.text(item["uses"]) {
                servers.append(ToolServer(name: uses.value, transport: .unknown, range: uses.range))
                continue
            }
            let name = Manifest.text(item["name"])?.value ?? "mcpServers[\(index)]"
            let range = item["name"]?.range ?? item.range
            if let stdio = Manifest.stdioServer(name: name, command: item["command"], args: item["args"], range: range) {
                servers.append(stdio)
            } else {
                let type = Manifest.text(item["type"])?.value
                let transport: ToolServer.Transport = type == "sse" ? .sse : .http
                servers.append(Manifest.remoteServer(name: name, url: item["url"], transport: transport, range: range)
                               ?? ToolServer(name: name, transport: .unknown, range: range))
            }
        }
        profile.servers = Manifest.listed(servers)

        var sinks: [TelemetrySink] = []
        for item in root["data"]?.sequence ?? [] where item.isMapping {
            if let uses = Manifest.text(item["uses"]) {
                sinks.append(TelemetrySink(kind: .logs, destination: uses.value, range: uses.range))
            } else if let destination = Manifest.text(item["destination"]) {
                sinks.append(TelemetrySink(kind: .logs, destination: destination.value, range: destination.range))
            }
        }
        profile.telemetry = Manifest.listed(sinks)
        return [profile]
    }

    /// A model's role: `main` for chat models (and models with no `roles`, which Continue uses
    /// for chat), otherwise the first role written (`autocomplete`, `embed`, `rerank`, …).
    static func role(_ roles: DataNode?) -> String {
        let written = Manifest.strings(roles).map(\.value)
        if written.isEmpty || written.contains("chat") { return "main" }
        return written[0]
    }
}
