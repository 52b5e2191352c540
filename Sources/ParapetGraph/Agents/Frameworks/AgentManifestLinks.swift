import Foundation
import ParapetCore
import ParapetSyntax

/// Links between agents and the rest of the graph that no single adapter can see, because they
/// join a manifest with another file of the scan:
///
/// - `runs-in`: a Kubernetes workload (from YAML or Terraform) runs an agent manifest of the scan
///   when a container's `command` or `args` name the manifest's file (`docker agent run
///   /config/agent.yaml`, `cagent run team.yaml`, `--config=/etc/codex/config.toml`, also inside
///   `sh -c "…"`), or when the workload or its pod template carries the annotation
///   `parapet.dev/agent: <path of the manifest>` (comma-separated for several). The manifest is
///   matched by file name and then by the longest common trailing path; a name that still fits
///   several manifests links none (the annotation settles it), and a generic name
///   (`config.yaml`, `settings.json`, …) needs its directory to match as well. Every agent of the manifest runs
///   there, so each gets the link; the range is the argument or annotation that named it.
/// - `assigned-to`: a crewAI task names its agent; the adapter links the `agents.yaml` next to
///   the tasks, and this pass links an agent of that name elsewhere in the scan when it is the
///   only one.
///
/// Adapters run before these links can be known (file adapters see one file, graph adapters
/// return profiles, not edges), so the pass runs on the finished graph and adds edges with
/// `apply(to:)`: `AgentAdapters.lower` calls it after `graph.linkAgents()`.
public enum AgentManifestLinks {
    public struct Link: Sendable {
        public var from: NodeID
        public var label: EdgeLabel
        public var to: NodeID
        public var range: SourceRange
    }

    public static let annotation = "parapet.dev/agent"

    /// Adds the links not already in the graph.
    public static func apply(to graph: inout Graph) {
        for link in links(in: graph) {
            graph.connect(link.from, link.to, label: link.label, range: link.range)
        }
    }

    public static func links(in graph: Graph) -> [Link] {
        var links = workloadLinks(in: graph) + taskLinks(in: graph)
        var seen: Set<String> = []
        links = links.filter { link in
            let key = "\(link.from.index) \(link.label) \(link.to.index)"
            guard !seen.contains(key), !graph.edges(from: link.from, label: link.label).contains(where: { $0.to == link.to }) else { return false }
            seen.insert(key)
            return true
        }
        return links
    }

    /// Agents read from a manifest file (not from Kubernetes objects or Terraform resources),
    /// grouped by that file's path.
    static func manifestAgents(in graph: Graph) -> [String: [NodeID]] {
        var byPath: [String: [NodeID]] = [:]
        for (id, profile) in graph.agents where profile.format.isAgentManifest && profile.format != .kagent {
            byPath[profile.range.path, default: []].append(id)
        }
        return byPath.mapValues { $0.sorted() }
    }

    static func components(_ path: String) -> [Substring] {
        path.split(separator: "/").filter { $0 != "." }
    }

    static func workloadLinks(in graph: Graph) -> [Link] {
        let agents = manifestAgents(in: graph)
        guard !agents.isEmpty else { return [] }
        var byName: [Substring: [String]] = [:]
        for path in agents.keys.sorted() {
            if let name = components(path).last { byName[name, default: []].append(path) }
        }
        var links: [Link] = []
        for workload in graph.nodes(.workload) {
            guard let template = PodTemplate(workload: workload) else { continue }
            var named: [(path: String, range: SourceRange)] = []
            for container in template.allContainers {
                for value in (container["command"]?.elements ?? []) + (container["args"]?.elements ?? []) {
                    guard let text = value.scalarString else { continue }
                    for token in tokens(text) {
                        if let path = manifest(named: token, byName: byName) { named.append((path, value.range)) }
                    }
                }
            }
            for annotations in [workload.attributes.at("metadata.annotations"), template.annotations] {
                guard let value = annotations?[annotation], let text = value.scalarString else { continue }
                for written in text.split(separator: ",") {
                    let wanted = components(written.trimmingCharacters(in: .whitespaces))
                    for path in agents.keys.sorted() where !wanted.isEmpty && components(path).reversed().starts(with: wanted.reversed()) {
                        named.append((path, value.range))
                    }
                }
            }
            for (path, range) in named {
                for agent in agents[path] ?? [] {
                    links.append(Link(from: agent, label: .runsIn, to: workload.id, range: range))
                }
            }
        }
        return links
    }

    /// Words of a command line that could be paths: split on blanks, quotes stripped,
    /// `--flag=value` reduced to its value.
    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { word in
            var token = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'`;"))
            if let equals = token.lastIndex(of: "=") { token = String(token[token.index(after: equals)...]) }
            return token
        }.filter { $0.contains(".") }
    }

    /// File names that many programs read (`--config /etc/app/config.yaml`): naming one is not
    /// enough to say which manifest runs, so the directory above it must match too.
    static let genericNames: Set<Substring> = [
        "config.yaml", "config.yml", "config.toml", "config.json", "settings.json", "mcp.json", "values.yaml",
    ]

    /// The manifest a command-line path names: same file name, then the longest common
    /// trailing path; nil when that leaves more than one.
    static func manifest(named token: String, byName: [Substring: [String]]) -> String? {
        let wanted = components(token)
        guard let name = wanted.last, let candidates = byName[name] else { return nil }
        let scored = candidates.map { path -> (String, Int) in
            let have = components(path)
            var count = 0
            while count < min(have.count, wanted.count) && have[have.count - 1 - count] == wanted[wanted.count - 1 - count] { count += 1 }
            return (path, count)
        }
        let best = scored.map(\.1).max() ?? 0
        if genericNames.contains(name) && best < 2 { return nil }
        let winners = scored.filter { $0.1 == best }
        return winners.count == 1 ? winners[0].0 : nil
    }

    static func taskLinks(in graph: Graph) -> [Link] {
        var agentsByName: [String: [NodeID]] = [:]
        for (id, profile) in graph.agents where profile.format == .crewaiAgents {
            agentsByName[profile.name, default: []].append(id)
        }
        var links: [Link] = []
        for (id, profile) in graph.agents.sorted(by: { $0.key < $1.key }) where profile.format == .crewaiTasks {
            for link in profile.links where link.label == .assignedTo && graph.node(link.address) == nil {
                guard let hash = link.address.lastIndex(of: "#") else { continue }
                let name = String(link.address[link.address.index(after: hash)...])
                if let candidates = agentsByName[name], candidates.count == 1 {
                    links.append(Link(from: id, label: .assignedTo, to: candidates[0], range: link.range))
                }
            }
        }
        return links
    }
}
