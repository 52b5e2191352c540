import ParapetCore
import ParapetSyntax

/// Reads one agent-manifest format into agent profiles. One adapter per format (or family of
/// formats that share a shape); every adapter fills the same facets.
public protocol AgentAdapter: Sendable {
    /// The file kinds this adapter reads.
    static var kinds: Set<FileKind> { get }
    static func profiles(in file: ParsedFile) -> [AgentProfile]
}

/// Agent profiles that only the graph can produce (Terraform resources: Bedrock agents, Azure
/// OpenAI deployments, Vertex endpoints), read after Terraform lowering.
public protocol GraphAgentAdapter: Sendable {
    static func profiles(in graph: Graph) -> [AgentProfile]
}

public enum AgentAdapters {
    /// Every file adapter. Adding a format means adding an adapter here; the rules stay as they are.
    public static let fileAdapters: [any AgentAdapter.Type] = clientAdapters + frameworkAdapters
    public static let graphAdapters: [any GraphAgentAdapter.Type] = frameworkGraphAdapters

    static func adapter(for kind: FileKind) -> (any AgentAdapter.Type)? {
        fileAdapters.first { $0.kinds.contains(kind) }
    }

    /// Adds the agents of every agent manifest and of the Terraform resources, then links them.
    static func lower(_ files: [ParsedFile], into graph: inout Graph) {
        var profiles: [AgentProfile] = []
        for file in files where file.kind.isAgentManifest || file.kind == .kagent {
            guard let adapter = adapter(for: file.kind) else { continue }
            profiles += adapter.profiles(in: file)
        }
        // One agent per client per project: what Claude Code reads together becomes one agent.
        for profile in ClaudeProject.merge(profiles) {
            let id = graph.addAgent(profile)
            AgentNodes.add(profile, agent: id, to: &graph)
        }
        for adapter in graphAdapters {
            for profile in adapter.profiles(in: graph) {
                let id = graph.addAgent(profile)
                AgentNodes.add(profile, agent: id, to: &graph)
            }
        }
        graph.linkAgents()
        AgentManifestLinks.apply(to: &graph)
    }
}

/// Interpolations that are never literals: `${VAR}`, `${VAR:-default}`, `${input:id}`,
/// `${env:VAR}`, `${workspaceFolder}`, `${{ secrets.X }}`, `{{ var }}`.
public enum Interpolation {
    public static func contains(_ text: String) -> Bool {
        text.contains("${") || text.contains("{{") || text.contains("$(")
    }
}
