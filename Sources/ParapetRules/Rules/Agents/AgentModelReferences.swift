import ParapetCore
import ParapetGraph
import ParapetSyntax

/// PIN501 over agent manifests: every model an agent names, decided by the model registry.
/// Terraform-declared agents are left to the resource pass, which reads the same attribute.
enum AgentModelReferences {
    static func findings<R: Rule>(_ rule: R, _ context: RuleContext, registry: ModelRegistry = .builtIn) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<String> = []
        let agents = context.agents
        for (node, profile) in agents where profile.format != .terraform {
            for model in profile.models.value ?? [] where !model.isInterpolated {
                guard seen.insert("\(model.range.path):\(model.range.start.offset)").inserted else { continue }
                if model.id == "inherit" {
                    if let parent = parentModel(of: profile, among: agents.map(\.profile)),
                       case .floating(let reason) = registry.classify(parent.id, provider: provider(of: parent, in: .claudeSettings)) {
                        findings.append(rule.agentFinding("Model `inherit` takes `\(parent.id)`, which \(reason)", at: model.range, node: node,
                                                     path: "models.\(model.role)",
                                                     related: [RelatedLocation(range: parent.range, message: "the parent's model")]))
                    }
                    continue
                }
                guard case .floating(let reason) = registry.classify(model.id, provider: provider(of: model, in: profile.format)) else { continue }
                findings.append(rule.agentFinding("Model `\(model.id)` \(reason)", at: model.range, node: node, path: "models.\(model.role)"))
            }
        }
        return findings
    }

    /// The registry provider to classify a model with. Claude Code settings and subagents take
    /// the client's aliases (`sonnet`, `opus[1m]`) besides Anthropic ids; Codex means OpenAI ids
    /// and Gemini CLI Google ids when the manifest names no provider.
    static func provider(of model: ModelReference, in format: FileKind) -> String? {
        switch (format, model.provider) {
        case (.claudeSettings, nil), (.claudeSettings, "anthropic"), (.claudeSubagent, nil), (.claudeSubagent, "anthropic"): "claude-code"
        case (.codexConfig, nil): "openai"
        case (.geminiSettings, nil): "google"
        default: model.provider
        }
    }

    /// A subagent's `inherit` means the main model of the Claude Code settings of the same project
    /// (the `.claude` folder the subagent lives under).
    static func parentModel(of subagent: AgentProfile, among profiles: [AgentProfile]) -> ModelReference? {
        guard let range = subagent.range.path.range(of: ".claude/") else { return nil }
        let project = String(subagent.range.path[..<range.upperBound])
        let settings = profiles.filter { $0.format == .claudeSettings && $0.range.path.hasPrefix(project) }
            .sorted { $0.range.path < $1.range.path }
        // `settings.local.json` sorts after `settings.json` and overrides it (when not merged).
        // A merged project's models come in file order, so the last main model is the one that wins.
        return settings.reversed().lazy.compactMap { $0.models.value?.last { $0.role == "main" } }.first
    }
}
