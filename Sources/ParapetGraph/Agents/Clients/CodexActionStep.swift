import ParapetCore
import ParapetSyntax

/// A step using `openai/codex-action`: `model`, `sandbox` (`workspace-write` by default,
/// `read-only`, `danger-full-access`), `safety-strategy` (`unsafe` drops every restriction on
/// the runner user), `codex-version` (empty installs the latest), `allow-users` (`*` lets anyone
/// trigger it) and `codex-args` (a JSON array when it starts with `[`, else shell words).
/// `codex exec` never stops to ask, so the sandbox is the only gate.
enum CodexActionStep {
    static let provider = "openai"

    static func profile(_ step: WorkflowAgentStep) -> AgentProfile {
        var facts = ClientFacts()
        if let node = step.input("model"), let id = ClientData.text(node).map(ClientData.trim), !id.isEmpty {
            facts.models.append(ClientData.model(id, provider: provider, role: "main", range: node.range))
        }
        if let node = step.input("sandbox"), let value = node.string.map(ClientData.trim), !value.isEmpty {
            sandbox(value, setting: "sandbox", range: node.range, into: &facts)
        }
        if let node = step.input("safety-strategy"), let value = node.string.map(ClientData.trim), value == "unsafe" {
            facts.setApproval(ApprovalMode(mode: .bypass, setting: "safety-strategy: unsafe", range: node.range))
        }
        readArguments(step, into: &facts)
        if let endpoint = step.endpoint("allow-users") { facts.setEndpoint(endpoint) }
        if let node = step.input("codex-version") {
            // Written but empty is the default: the latest release.
            facts.version = (node.string.map(ClientData.trim) ?? "", node.range)
        } else if let uses = step.uses {
            // Not written: the action installs the latest release.
            facts.version = ("", uses.range)
        }
        facts.budgets += step.timeouts
        return facts.profile(name: step.name, format: step.file.kind, range: step.step.range,
                             expressible: [.models, .egress, .approval, .endpoint, .version], budgetKinds: [.time])
    }

    /// `danger-full-access` has no sandbox: open network and nothing between the agent and the
    /// runner. `workspace-write` and `read-only` keep the network off.
    static func sandbox(_ value: String, setting: String, range: SourceRange, into facts: inout ClientFacts) {
        switch value {
        case "danger-full-access":
            facts.setEgress(EgressPosture(network: .unrestricted, evidence: "\(setting): danger-full-access", range: range))
            facts.setApproval(ApprovalMode(mode: .bypass, setting: "\(setting): danger-full-access", range: range))
        case "workspace-write", "read-only":
            facts.setEgress(EgressPosture(network: .denied, evidence: "\(setting): \(value)", range: range))
        default:
            facts.setEgress(EgressPosture(network: .unknown, evidence: "\(setting): \(value)", range: range))
        }
    }

    /// `codex-args`: `--model` / `-m`, `--sandbox` / `-s`, `--dangerously-bypass-approvals-and-sandbox`
    /// (`--yolo`), and `-c sandbox_workspace_write.network_access=true`.
    private static func readArguments(_ step: WorkflowAgentStep, into facts: inout ClientFacts) {
        guard let node = step.input("codex-args"), let text = node.scalar?.text else { return }
        let map = step.map(node)
        var args: [(text: String, range: SourceRange)] = []
        if ClientData.trim(text).hasPrefix("[") {
            let embedded = SourceFile(path: step.source.path, text: text)
            if let list = JSONParser.parse(embedded).documents.first.map(map.remap) {
                args = ClientData.strings(list)
            }
        } else {
            args = ClientShellWords.words(text).map { ($0.text, ClaudeCLI.range($0, map: map)) }
        }
        var i = 0
        while i < args.count {
            let (arg, range) = args[i]
            i += 1
            let next: (text: String, range: SourceRange)? = i < args.count ? args[i] : nil
            switch arg {
            case "--dangerously-bypass-approvals-and-sandbox", "--yolo":
                facts.setApproval(ApprovalMode(mode: .bypass, setting: "codex-args \(arg)", range: range))
                facts.setEgress(EgressPosture(network: .unrestricted, evidence: "codex-args \(arg)", range: range))
            case "--sandbox", "-s":
                if let next { sandbox(next.text, setting: "codex-args \(arg)", range: next.range, into: &facts); i += 1 }
            case "--model", "-m":
                if let next { facts.models.append(ClientData.model(next.text, provider: provider, role: "main", range: next.range)); i += 1 }
            case "-c", "--config":
                guard let next else { continue }
                i += 1
                let setting = String(next.text.filter { $0 != " " })
                if setting == "sandbox_workspace_write.network_access=true" {
                    facts.setEgress(EgressPosture(network: .unrestricted, evidence: "codex-args -c \(next.text)", range: next.range))
                }
            default:
                continue
            }
        }
    }
}
