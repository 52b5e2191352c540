import ParapetCore
import ParapetTestSupport
import Testing
@testable import ParapetRules

extension RuleMetadata: CustomTestStringConvertible {
    public var testDescription: String { "\(code) \(name)" }
}

private func ruleType(_ code: String) -> (any RuleCheck)? {
    shippedRules.first { $0.metadata.code == code }
}

private func findings(_ example: RuleExample, source: String, rule: any RuleCheck) -> [Finding] {
    var sources = [SourceFile(path: example.fileName, text: source)]
    sources += example.companions.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) }
    return Scan.analyze(sources, checks: [rule]).filter { $0.code == rule.metadata.code }
}

/// A comment line in the example's syntax, or nil where a leading comment would change the file
/// (front matter must start the file).
private func commentLine(_ text: String, for fileName: String) -> String? {
    if fileName.hasSuffix(".md") || fileName.hasSuffix(".prompty") { return nil }
    if fileName.hasSuffix(".json") { return "// \(text)" }
    return "# \(text)"
}

@Suite struct RuleExamplesTests {
    @Test(arguments: shippedRules.map { $0.metadata })
    func metadataIsWellFormed(_ meta: RuleMetadata) {
        #expect(meta.code.hasPrefix(meta.family.prefix))
        #expect(meta.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        #expect(meta.summary.hasSuffix(".") && meta.remediation.hasSuffix("."))
        #expect(meta.examples.contains { $0.expectation == .triggers })
        #expect(meta.examples.contains { $0.expectation == .passes })
        for example in meta.examples where example.expectation == .triggers {
            #expect(example.source.contains("↓"), "triggering example needs a ↓ marker")
        }
    }

    @Test func codesAndNamesAreUnique() {
        let all = RuleCatalog.all
        #expect(Set(all.map(\.code)).count == all.count)
        #expect(Set(all.map(\.name)).count == all.count)
    }

    @Test(arguments: shippedRules.map { $0.metadata })
    func examplesFindWhatTheyMark(_ meta: RuleMetadata) throws {
        let rule = try #require(ruleType(meta.code))
        for example in meta.examples {
            let (source, expected) = stripMarkers(example.source)
            let found = findings(example, source: source, rule: rule)
            let positions = found.map { [$0.range.start.line, $0.range.start.column] }
            #expect(positions == expected.map { [$0.line, $0.column] }, "\(example.expectation) example in \(example.fileName)")
            for finding in found {
                #expect(finding.range.path == example.fileName || example.companions[finding.range.path] != nil)
                #expect(finding.range.start.line >= 1 && finding.range.end >= finding.range.start)
            }
        }
    }

    @Test(arguments: shippedRules.map { $0.metadata })
    func findingsMoveDownOneLineBelowAMultibyteComment(_ meta: RuleMetadata) throws {
        let rule = try #require(ruleType(meta.code))
        for example in meta.examples where example.expectation == .triggers {
            guard let comment = commentLine("ünïcödé ✓ \(meta.code)", for: example.fileName) else { continue }
            let (source, expected) = stripMarkers(example.source)
            let shifted = findings(example, source: comment + "\n" + source, rule: rule)
            #expect(shifted.map { [$0.range.start.line, $0.range.start.column] } == expected.map { [$0.line + 1, $0.column] })
        }
    }

    @Test(arguments: shippedRules.map { $0.metadata })
    func crlfLineEndingsKeepPositions(_ meta: RuleMetadata) throws {
        let rule = try #require(ruleType(meta.code))
        for example in meta.examples where example.expectation == .triggers {
            let (source, expected) = stripMarkers(example.source)
            let crlf = findings(example, source: source.replacingOccurrences(of: "\n", with: "\r\n"), rule: rule)
            #expect(crlf.map { [$0.range.start.line, $0.range.start.column] } == expected.map { [$0.line, $0.column] })
        }
    }
}

extension RuleExamplesTests {
    @Test(arguments: shippedRules.map { $0.metadata })
    func aSuppressionCommentSilencesTheFindingWithoutBeingUnused(_ meta: RuleMetadata) throws {
        let rule = try #require(ruleType(meta.code))
        for example in meta.examples where example.expectation == .triggers {
            guard let comment = commentLine("parapet:ignore-file \(meta.code) -- accepted in this example", for: example.fileName) else { continue }
            let (source, _) = stripMarkers(example.source)
            var sources = [SourceFile(path: example.fileName, text: comment + "\n" + source)]
            sources += example.companions.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, text: $0.value) }
            let found = Scan.analyze(sources, checks: [rule])
            #expect(found.filter { $0.code == meta.code }.isEmpty)
            #expect(found.filter { $0.code == "PAR002" }.isEmpty, "the suppression should count as used")
        }
    }
}
