import ParapetCore
import ParapetSyntax

/// A2A agent cards (`.well-known/agent-card.json`, v0.2 `agent.json`, `agent_card.json`): one
/// profile per card, named by its `name`.
///
/// What it fills: the endpoint (v0.3 `url`, v1.0 `supportedInterfaces[0].url`, else the first
/// `additionalInterfaces` url), authenticated when the card declares a security scheme
/// (`securitySchemes`), with the requirements that apply them (`security`, v1.0
/// `securityRequirements`, per-skill requirements) in the evidence; the card's `version` as the
/// agent version. The card says nothing about models, tools, caps, sandbox or telemetry.
///
/// A JSON file without an agent's `url` or interfaces and without `skills` (look-alikes named
/// `agent.json`) is not a card and yields no profile.
struct A2ACardAdapter: AgentAdapter {
    static let kinds: Set<FileKind> = [.a2aCard]

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = Manifest.root(file), let name = Manifest.text(root["name"])?.value else { return [] }
        let interfaces = (root["supportedInterfaces"]?.sequence ?? []) + (root["additionalInterfaces"]?.sequence ?? [])
        let url = Manifest.text(root["url"]) ?? interfaces.lazy.compactMap { Manifest.text($0["url"]) }.first
        guard url != nil || root["skills"]?.sequence != nil else { return [] }

        var profile = AgentProfile(name: name, format: .a2aCard, range: root.range)
        let schemes = root["securitySchemes"]?.entries ?? []
        let requirements = (root["security"]?.sequence ?? []) + (root["securityRequirements"]?.sequence ?? [])
        let skillRequirements = (root["skills"]?.sequence ?? []).contains {
            ($0["security"]?.sequence?.isEmpty == false) || ($0["securityRequirements"]?.sequence?.isEmpty == false)
        }
        let evidence: String
        if schemes.isEmpty {
            evidence = "no securitySchemes"
        } else if requirements.isEmpty && !skillRequirements {
            evidence = "securitySchemes \(schemes.map(\.name).joined(separator: ", ")) declared but no security requirement applies them"
        } else {
            evidence = "securitySchemes \(schemes.map(\.name).joined(separator: ", "))"
        }
        let range = url?.range ?? root["securitySchemes"]?.range ?? root.range
        profile.endpoint = .present(AgentEndpoint(url: url?.value, authenticated: !schemes.isEmpty, evidence: evidence, range: range))
        profile.agentVersion = Manifest.text(root["version"]).map { .present((value: $0.value, range: $0.range)) } ?? .absent
        return [profile]
    }
}
