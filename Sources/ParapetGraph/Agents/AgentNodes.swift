import ParapetCore
import ParapetSyntax

/// The parts of an agent as graph nodes, so that `parapet graph` draws what an agent can reach
/// and declarative rules can match agents through their edges:
/// - `model:<provider>/<id>` per model (shared by every agent that uses it), `uses-model`;
/// - `tool:<agent>/<pattern>` per tool grant, `calls-tool`, with `approval`, `kind` and `source`
///   as attributes; a grant of an MCP server's tools is `provided-by` that server's node.
/// MCP servers are added with the agent (`uses-server`).
enum AgentNodes {
    static func add(_ profile: AgentProfile, agent: NodeID, to graph: inout Graph) {
        let origin = profile.format
        for model in profile.models.value ?? [] where !model.id.isEmpty {
            let address = NodeAddress("model:\(model.provider ?? "unknown")/\(model.id)")
            let id = graph.node(at: address) { (.model, model.provider ?? "unknown", model.range, origin) }
            graph.connect(agent, id, label: .usesModel, range: model.range)
        }
        let agentLocal = graph[agent].address.local
        let servers = profile.servers.value ?? []
        for grant in profile.tools.value ?? [] {
            let address = NodeAddress("tool:\(agentLocal.dropFirst("agent:".count))/\(grant.pattern)")
            let id: NodeID
            if let existing = graph.node(address)?.id {
                id = existing
            } else {
                let attributes = Value(.object([
                    member("approval", grant.approval.rawValue, grant.range),
                    member("kind", grant.kind.rawValue, grant.range),
                    member("source", grant.source, grant.range),
                ]), range: grant.range)
                id = graph.add(address: address, kind: .tool, type: grant.kind.rawValue, range: grant.range, attributes: attributes, origin: origin)
            }
            graph.connect(agent, id, label: .callsTool, range: grant.range)
            if let server = serverName(of: grant), let match = servers.first(where: { $0.name == server }),
               let serverNode = graph.node(NodeAddress("mcp:\(match.range.path)#\(match.name)")) {
                graph.connect(id, serverNode.id, label: .providedBy, range: grant.range)
            }
        }
    }

    static func member(_ key: String, _ value: String, _ range: SourceRange) -> Value.Member {
        Value.Member(key: key, keyRange: range, value: Value(.string(value), range: range))
    }

    /// `mcp__github__create_issue` and `mcp__github` → `github`; Gemini `trust` grants name the server.
    static func serverName(of grant: ToolGrant) -> String? {
        if grant.pattern.hasPrefix("mcp__") {
            let rest = grant.pattern.dropFirst(5)
            let name = rest.range(of: "__").map { String(rest[..<$0.lowerBound]) } ?? String(rest)
            return name.isEmpty ? nil : name
        }
        return grant.kind == .toolset ? grant.pattern : nil
    }
}
