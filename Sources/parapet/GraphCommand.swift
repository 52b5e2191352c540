import ArgumentParser
import Foundation
import ParapetFacts
import ParapetGraph
import ParapetRules
import ParapetSyntax

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the unified graph of the scanned files: nodes, attributes and labeled edges.",
        discussion: """
            text shows every node with its evaluated attributes (and where a value came from, after \
            `<-`) and its outgoing edges; json lists nodes and edges; dot draws the graph with \
            Graphviz: `parapet graph infra --format dot | dot -Tsvg > graph.svg`.
            """)

    enum Format: String, ExpressibleByArgument { case text, json, dot }

    @Argument(help: "Files or directories to read.")
    var paths: [String] = ["."]

    @Option(name: .shortAndLong, help: "text, json or dot.")
    var format: Format = .text

    func run() throws {
        let options = ScanOptions(roots: paths)
        let built: BuiltScan
        do {
            built = try Scan.build(options)
        } catch let error as Discovery.DiscoveryError {
            throw RunError(error.description)
        }
        let graph = built.graph
        switch format {
        case .text: print(GraphDump.text(graph) + FactsDump.text(built.facts, graph: graph), terminator: "")
        case .json: print(GraphDump.json(graph), terminator: "")
        case .dot: print(GraphDump.dot(graph), terminator: "")
        }
    }
}
