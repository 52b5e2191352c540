import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax
import ParapetTestSupport
import Testing
@testable import ParapetRules

/// The format table behind `parapet formats` and `docs/formats.md`: complete, true to the
/// classifier, shown by fixtures. Regenerate the page with `UPDATE_SNAPSHOTS=1 swift test --filter FormatListing`.
@Suite struct FormatListingTests {
    @Test func pageIsUpToDate() {
        assertSnapshot(FormatListing.markdown(), at: packageRoot.appendingPathComponent("docs/formats.md"))
    }

    @Test func everyAgentKindIsListedOnce() {
        let listed = AgentFormat.all.map(\.kind)
        #expect(Set(listed).count == listed.count)
        let agentKinds = FileKind.allCases.filter { $0.isAgentManifest }
        for kind in agentKinds { #expect(listed.contains(kind), "`\(kind.rawValue)` is read but not in AgentFormat.all") }
    }

    /// A format found by its name: its first file pattern (wildcards filled in) is read as its kind.
    @Test(arguments: AgentFormat.all.filter { !$0.sniffed })
    func filePatternIsReadAsTheKind(_ format: AgentFormat) throws {
        let pattern = try #require(format.files.first)
        let path = pattern.replacingOccurrences(of: "**/", with: "x/").replacingOccurrences(of: "*", with: "x")
        #expect(FileClassifier.classify(path: path) == .kind(format.kind), "\(path)")
    }

    /// Each fact a format claims is shown by one of its fixtures (`fixtures/agents/**/profiles.snap`).
    @Test func everyFactIsShownByAFixture() throws {
        let root = packageRoot.appendingPathComponent("fixtures/agents")
        var shown: [String: Set<String>] = [:]
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.lastPathComponent == "profiles.snap" {
            var current: String?
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init) {
                if line.hasPrefix("agent "), let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close {
                    current = String(line[line.index(after: open)..<close])
                    continue
                }
                if !line.hasPrefix("  ") { current = nil; continue }
                guard let kind = current else { continue }
                let body = line.dropFirst(2)
                if body.hasPrefix("fetches ") { shown[kind, default: []].insert("sources"); continue }
                let name = String(body.prefix { $0 != ":" && $0 != " " })
                if AgentFormat.Fact(rawValue: name) != nil, !body.hasSuffix(": not-expressible") { shown[kind, default: []].insert(name) }
            }
        }
        for format in AgentFormat.all {
            for fact in format.facts {
                #expect(shown[format.kind.rawValue, default: []].contains(fact.rawValue),
                        "`\(format.kind.rawValue)` claims \(fact.rawValue) but no fixture shows it")
            }
        }
    }
}
