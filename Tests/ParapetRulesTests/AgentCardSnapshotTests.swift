import Foundation
import ParapetCore
import ParapetTestSupport
import Testing
@testable import ParapetRules

/// `fixtures/agents/<format>/<case>/cards.snap`: where a case has one, the whole scan runs on the
/// case and its agent cards (text, as `parapet agents` prints them) are compared with it.
struct AgentCardCase: CustomTestStringConvertible, Sendable {
    let directory: URL
    var testDescription: String { directory.path.replacingOccurrences(of: fixturesRoot.path + "/", with: "") }

    static func all() -> [AgentCardCase] {
        let root = fixturesRoot.appendingPathComponent("agents")
        let fm = FileManager.default
        var cases: [AgentCardCase] = []
        for format in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let formatURL = root.appendingPathComponent(format)
            for name in ((try? fm.contentsOfDirectory(atPath: formatURL.path)) ?? []).sorted() where !name.hasPrefix(".") {
                let directory = formatURL.appendingPathComponent(name)
                if fm.fileExists(atPath: directory.appendingPathComponent("cards.snap").path) { cases.append(AgentCardCase(directory: directory)) }
            }
        }
        return cases
    }
}

@Suite struct AgentCardSnapshotTests {
    @Test(arguments: AgentCardCase.all())
    func cardsMatchTheSnapshot(_ cardCase: AgentCardCase) throws {
        var options = ScanOptions(roots: ["."], workingDirectory: cardCase.directory.path, workers: 2)
        options.configSearchCeiling = cardCase.directory.path
        let result = try Scan.run(options)
        let cards = AgentCard.cards(graph: result.graph, findings: result.findings, facts: result.facts, pinning: ModelPinningDescription.describe)
        assertSnapshot(AgentCardRenderer.text(cards), at: cardCase.directory.appendingPathComponent("cards.snap"))
    }

    @Test func someCasesHaveCards() {
        #expect(AgentCardCase.all().count >= 1)
    }
}
