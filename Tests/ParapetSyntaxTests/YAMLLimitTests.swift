import Foundation
import ParapetCore
import ParapetSyntax
import Testing

@Suite struct YAMLLimitTests {
    @Test func billionLaughsStopsQuickly() throws {
        var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...20 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        var result = DataParseResult()
        let elapsed = clock.measure { result = yamlParse(text) }
        #expect(elapsed < .seconds(2))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.kind == .limit(.aliasExpansion))
        #expect(result.documents.isEmpty)
    }

    @Test func aliasBudgetIsConfigurable() {
        var limits = ScanLimits()
        limits.maxAliasExpansion = 3
        #expect(yamlParse("a: &a [1, 2]\nb: *a\n", limits: limits).diagnostics.isEmpty)
        let over = yamlParse("a: &a [1, 2]\nb: *a\nc: *a\n", limits: limits)
        #expect(over.diagnostics.map(\.kind) == [.limit(.aliasExpansion)])
    }

    @Test func deepFlowNestingStopsAtTheDepthLimit() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let result = yamlParse(text)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.kind == .limit(.depth))
        #expect(diagnostic.range.start.column == 257)
    }

    @Test func depthLimitIsExact() {
        var limits = ScanLimits()
        limits.maxDepth = 3
        #expect(yamlParse("a: {b: [1]}\n", limits: limits).diagnostics.isEmpty)
        #expect(yamlParse("a: {b: [[1]]}\n", limits: limits).diagnostics.map(\.kind) == [.limit(.depth)])
        // An alias cannot smuggle depth in.
        #expect(yamlParse("x: &x [[1]]\na: [*x]\n", limits: limits).diagnostics.map(\.kind) == [.limit(.depth)])
    }

    @Test func documentLimitKeepsTheFirstDocuments() {
        var limits = ScanLimits()
        limits.maxDocuments = 2
        let result = yamlParse("a\n---\nb\n---\nc\n", limits: limits)
        #expect(result.documents.count == 2)
        #expect(result.diagnostics.map(\.kind) == [.limit(.documents)])
        #expect(result.diagnostics.first?.range.start.line == 4)
    }

    @Test func manyDocumentsAreFine() {
        let text = String(repeating: "---\nk: v\n", count: 5_000)
        let result = yamlParse(text)
        #expect(result.documents.count == 5_000)
        #expect(result.diagnostics.isEmpty)
    }
}
