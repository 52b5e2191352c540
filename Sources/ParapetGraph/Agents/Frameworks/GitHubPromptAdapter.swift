import ParapetCore
import ParapetSyntax

/// GitHub Models prompt files (`*.prompt.yml`, `*.prompt.yaml`): one profile per file, named by
/// its `name`.
///
/// What it fills: the model (`model`, `provider/model` as GitHub Models writes it) and the
/// output-token cap (`modelParameters.max_tokens`, or `maxTokens` as the `gh models` CLI reads
/// it). A prompt has no tools, servers, sandbox, telemetry or approvals: not expressible; tokens
/// are the only cap it can state.
///
/// A file named like a prompt file without `messages` (GitHub's one required key) is not one
/// and yields no profile.
struct GitHubPromptAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.githubPrompt]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file), root["messages"]?.sequence != nil else { return [] }
        let name = Manifest.text(root["name"])?.value ?? promptName(file.source.path)
        var profile = AgentProfile(name: name, format: .githubPrompt, range: root.range)
        profile.models = Manifest.model(root["model"], splitsProvider: true).map { .present([$0]) } ?? .absent
        profile.budgetKinds = [.tokens]
        let parameters = root["modelParameters"]
        profile.budgets = [
            Manifest.cap(.tokens, parameters?["max_tokens"], setting: "modelParameters.max_tokens")
                ?? Manifest.cap(.tokens, parameters?["maxTokens"], setting: "modelParameters.maxTokens"),
        ].compactMap { $0 }
        return [profile]
    }

    /// `summarize.prompt.yml` → `summarize`.
    static func promptName(_ path: String) -> String {
        var name = Manifest.stem(path)
        if name.hasSuffix(".prompt") { name.removeLast(".prompt".count) }
        return name
    }
}
