import ParapetCore
import ParapetSyntax

/// A step using `google-github-actions/run-gemini-cli`: `gemini_model`, `gemini_cli_version`
/// (`latest` when not written), and `settings`, a Gemini settings JSON written to
/// `.gemini/settings.json`. The action runs `gemini --yolo`: every tool call is auto-approved.
enum GeminiActionStep {
    static func profile(_ step: WorkflowAgentStep) -> AgentProfile {
        var facts = ClientFacts()
        if let node = step.input("gemini_model"), let id = ClientData.text(node).map(ClientData.trim), !id.isEmpty {
            facts.models.append(ClientData.model(id, provider: GeminiSettingsReader.provider, role: "main", range: node.range))
        }
        if let settings = step.jsonInput("settings") {
            facts.merge(GeminiSettingsReader.facts(settings, prefix: "settings."))
        }
        if let uses = step.uses {
            facts.setApproval(ApprovalMode(mode: .bypass, setting: "run-gemini-cli runs gemini --yolo", range: uses.range))
        }
        if let node = step.input("gemini_cli_version") {
            facts.version = (node.string.map(ClientData.trim) ?? "", node.range)
        } else if let uses = step.uses {
            // Not written: the action installs the latest release.
            facts.version = ("", uses.range)
        }
        facts.budgets += step.timeouts
        return facts.profile(name: step.name, format: step.file.kind, range: step.step.range,
                             expressible: [.models, .tools, .servers, .egress, .telemetry, .approval, .version], budgetKinds: [.turns, .time])
    }
}
