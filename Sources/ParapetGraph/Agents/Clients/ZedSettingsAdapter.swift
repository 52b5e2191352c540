import ParapetCore
import ParapetSyntax

/// Zed `settings.json` (zed.dev/docs/ai/tool-permissions and /ai/agent-settings, checked
/// 2026-12-07): `agent.default_model` `{provider, model}`, and the tool approval switch: since
/// v0.224 `agent.tool_permissions.default` (`allow` runs every tool without asking), before it
/// `agent.always_allow_tool_actions: true`.
enum ZedSettingsAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.zedSettings] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, let agent = root["agent"], agent.isMapping else { return [] }
        var facts = ClientFacts()
        if let model = agent["default_model"]?["model"], let id = ClientData.text(model), !id.isEmpty {
            facts.models.append(ClientData.model(id, provider: ClientData.text(agent["default_model"]?["provider"]), role: "main", range: model.range))
        }
        if let node = agent["tool_permissions"]?["default"], let value = ClientData.text(node) {
            facts.setApproval(ApprovalMode(mode: value == "allow" ? .bypass : .normal, setting: "agent.tool_permissions.default: \(value)", range: node.range))
        }
        if let node = agent["always_allow_tool_actions"], let on = ClientData.bool(node) {
            facts.setApproval(ApprovalMode(mode: on ? .bypass : .normal, setting: "agent.always_allow_tool_actions: \(on)", range: node.range))
        }
        return [facts.profile(name: "zed", format: file.kind, range: root.range, expressible: [.models, .approval], budgetKinds: [])]
    }
}
