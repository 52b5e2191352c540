import ParapetCore
import ParapetFacts
import ParapetGraph

extension RuleContext {
    /// Agent nodes with their profiles, in graph order, as the Facts stage decided them.
    var agents: [(node: GraphNode, profile: AgentProfile)] {
        agentFacts.map { (graph[$0.node], $0.profile) }
    }

    /// Every agent's facts, in graph order.
    var agentFacts: [AgentFacts] {
        facts.agents.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Workloads an agent runs in (through `runs-in` edges).
    func workloads(of agent: GraphNode) -> [GraphNode] {
        graph.edges(from: agent.id, label: .runsIn).map { graph[$0.to] }.filter { $0.kind == .workload }
    }
}

extension Rule {
    /// A finding about an agent's configuration. Outside a repository's shared settings the
    /// message says whose file it is: a personal file affects its owner only, managed settings
    /// every user.
    func agentFinding(_ message: String, at range: SourceRange, node: GraphNode? = nil, path: String? = nil,
                      related: [RelatedLocation] = []) -> Finding {
        let scope = ConfigScope.of(path: range.path)
        let suffix = scope == .shared ? "" : scope == .personal ? " (personal file)" : " (managed settings)"
        return finding(message + suffix, at: range, node: node, path: path, related: related)
    }
}

extension URLParts {
    /// `http://` to a host that is not this machine.
    var isPlaintextRemote: Bool {
        scheme == "http" && !["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "host.docker.internal"].contains(host)
            && !host.hasPrefix("127.") && !host.hasSuffix(".localhost")
    }
}

/// The scheme and host of a URL, without Foundation's URL (which rejects some inputs we see).
struct URLParts {
    var scheme: String
    var host: String

    init?(_ text: String) {
        guard let colon = text.range(of: "://") else { return nil }
        scheme = text[..<colon.lowerBound].lowercased()
        var rest = text[colon.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") , let close = rest.firstIndex(of: "]") {
            host = String(rest[...close]).lowercased()
        } else {
            host = String(rest.split(separator: ":").first ?? "").lowercased()
        }
    }
}
