import Foundation
import ParapetCore
import ParapetTestSupport
import Testing
@testable import ParapetGraph
@testable import ParapetSyntax

/// `fixtures/agents/<format>/<case>/`: every file of the case is loaded, the graph built, and the
/// agent profiles dumped to `profiles.snap` (`UPDATE_SNAPSHOTS=1` records).
struct AgentCase: CustomTestStringConvertible, Sendable {
    let directory: URL
    var testDescription: String { directory.path.replacingOccurrences(of: fixturesRoot.path + "/", with: "") }

    static func all() -> [AgentCase] {
        let root = fixturesRoot.appendingPathComponent("agents")
        let fm = FileManager.default
        var cases: [AgentCase] = []
        for format in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let formatURL = root.appendingPathComponent(format)
            for name in ((try? fm.contentsOfDirectory(atPath: formatURL.path)) ?? []).sorted() where !name.hasPrefix(".") {
                cases.append(AgentCase(directory: formatURL.appendingPathComponent(name)))
            }
        }
        return cases
    }
}

func loadCase(_ directory: URL) throws -> [ParsedFile] {
    let discovery = Discovery(workingDirectory: directory.path)
    let loader = Loader()
    return try discovery.files(under: ["."]).compactMap { loader.load($0) }
}

@Suite struct AgentAdapterSnapshotTests {
    @Test(arguments: AgentCase.all())
    func profilesMatchTheSnapshot(_ agentCase: AgentCase) throws {
        let files = try loadCase(agentCase.directory)
        let graph = GraphBuilder.build(files)
        let profiles = graph.agents.sorted { $0.key < $1.key }.map(\.value)
        var dump = files.map { "file \($0.source.path) \($0.kind.rawValue)\n" }.joined()
        dump += AgentProfileDump.render(profiles)
        for edge in graph.edges.sorted(by: { ($0.from, $0.to, $0.label) < ($1.from, $1.to, $1.label) }) where graph[edge.from].kind == .agent {
            dump += "edge \(graph[edge.from].address) -\(edge.label)-> \(graph[edge.to].address)\n"
        }
        assertSnapshot(dump, at: agentCase.directory.appendingPathComponent("profiles.snap"))
    }
}
