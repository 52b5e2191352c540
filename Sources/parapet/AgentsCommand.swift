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

    enum Format: String, ExpressibleByArgument { case text, json, markdown, mermaid }

    @Argument(help: "Files or directories to read.")
    var paths: [String] = ["."]

    @Option(name: .shortAndLong, help: "text, json, markdown (with a Mermaid picture per agent) or mermaid (every agent's reach in one flowchart).")
    var format: Format = .text

    @Option(name: .customLong("diff"), help: ArgumentHelp(
        "Compare with a base checkout: the agents, tools, servers, egress, caps and models the change adds or widens.",
        valueName: "BASE_DIR"))
    var base: String?

    func run() throws {
        if let base {
            guard paths.count == 1 else { throw RunError("--diff compares one directory with BASE_DIR; give one path") }
            let (old, new) = try (cards(root: base), cards(root: paths[0]))
            let diff = AgentDiff(base: old, head: new)
            print(format == .json ? diff.json(base: base) : diff.text(base: base), terminator: "")
            return
        }
        let cards = try cards(ScanOptions(roots: paths))
        switch format {
        case .text: print(AgentCardRenderer.text(cards), terminator: "")
        case .markdown: print(AgentCardRenderer.markdown(cards), terminator: "")
        case .json: print(AgentCardRenderer.json(cards), terminator: "")
        case .mermaid: print(AgentCardRenderer.mermaid(cards), terminator: "")
        }
    }

    /// The cards of a checkout scanned from its own root, so that paths match across checkouts.
    func cards(root: String) throws -> [AgentCard] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunError("`\(root)` is not a directory")
        }
        return try cards(ScanOptions(roots: ["."], workingDirectory: URL(fileURLWithPath: root).standardizedFileURL.path))
    }

    func cards(_ options: ScanOptions) throws -> [AgentCard] {
        let result: ScanResult
        do {
            result = try Scan.run(options)
        } catch let error as Discovery.DiscoveryError {
            throw RunError(error.description)
        }
        return AgentCard.cards(graph: result.graph, findings: result.findings, facts: result.facts, pinning: ModelPinningDescription.describe)
    }
}
