import ArgumentParser
import Foundation
import ParapetCore
import ParapetGraph
import ParapetRules
import ParapetSyntax

struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "Show a card for every agent: its model, tools, servers, egress, budgets, telemetry and findings.",
        discussion: """
            This is the view for reviewing an agent before it goes to production: where it is \
            defined, whether its model is pinned, which tools it may run and with what approval, \
            which MCP servers it starts (pinned or not), what it can reach, what caps its spending, \
            what records its actions, and the findings that concern it.
            """)

    enum Format: String, ExpressibleByArgument { case text, json, markdown }

    @Argument(help: "Files or directories to read.")
    var paths: [String] = ["."]

    @Option(name: .shortAndLong, help: "text, json or markdown.")
    var format: Format = .text

    func run() throws {
        let options = ScanOptions(roots: paths)
        let result: ScanResult
        do {
            result = try Scan.run(options)
        } catch let error as Discovery.DiscoveryError {
            throw RunError(error.description)
        }
        let cards = AgentCard.cards(graph: result.graph, findings: result.findings, facts: result.facts, pinning: ModelPinningDescription.describe)
        switch format {
        case .text: print(AgentCardRenderer.text(cards), terminator: "")
        case .markdown: print(AgentCardRenderer.markdown(cards), terminator: "")
        case .json: print(AgentCardRenderer.json(cards), terminator: "")
        }
    }
}
