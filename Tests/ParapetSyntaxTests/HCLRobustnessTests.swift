import Foundation
import ParapetCore
import ParapetSyntax
import ParapetTestSupport
import Testing

/// Hostile and broken input: the parser must never trap, never overflow the stack, and keep
/// what it can read.
@Suite struct HCLRobustnessTests {
    @Test func emptyAndBlankFiles() {
        for text in ["", " ", "\n\n", "# only a comment", "\u{FEFF}"] {
            let result = parseHCL(text)
            #expect(result.file.body.items.isEmpty)
            #expect(result.parseErrors.isEmpty, "\(text.debugDescription): \(result.diagnostics)")
        }
    }

    @Test func garbageBytes() {
        var generator = HCLSplitMix(seed: 42)
        for _ in 0..<40 {
            let bytes = (0..<2_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = HCLParser().parse(SourceFile(path: "garbage.tf", bytes: bytes))
            #expect(!result.parseErrors.isEmpty)
            #expect(result.diagnostics.count <= 102)
            _ = HCLDump.render(result)
        }
    }

    /// HCL-shaped noise reaches much deeper into the grammar than random bytes do.
    @Test func tokenSoup() {
        var generator = HCLSplitMix(seed: 7)
        let tokens = ["a", "=", "{", "}", "[", "]", "(", ")", "\"", "${", "%{", "}", "<<EOF\n", "EOF\n", "\n", " ",
                      ",", ".", "*", "...", "?", ":", "for", "in", "if", "=>", "~", "#", "//", "/*", "*/", "1", "-"]
        for _ in 0..<300 {
            let text = (0..<60).map { _ in tokens.randomElement(using: &generator) ?? "" }.joined()
            let result = parseHCL(text)
            _ = HCLDump.render(result)
        }
    }

    @Test func invalidUTF8() throws {
        let bytes: [UInt8] = Array("a = \"".utf8) + [0xFF, 0xFE, 0xC3] + Array("\"\nb".utf8) + [0x80] + Array(" = 1\nc = 2\n".utf8)
        let result = HCLParser().parse(SourceFile(path: "bad.tf", bytes: bytes))
        #expect(result.file.body["a"]?.literalString == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(result.file.body["c"]?.numberValue == 2)
        _ = HCLDump.render(result)
    }

    @Test func nulBytes() {
        let bytes: [UInt8] = Array("a = 1\n".utf8) + [0, 0, 0] + Array("\nb = 2\n".utf8)
        let result = HCLParser().parse(SourceFile(path: "nul.tf", bytes: bytes))
        #expect(result.file.body["a"]?.numberValue == 1)
        _ = HCLDump.render(result)
    }

    @Test func unclosedHeredocAndString() {
        for text in ["a = <<EOF\nhello\n", "a = <<-EOF", "a = <<", "a = \"abc", "a = \"${", "a = \"%{ if x }",
                     "a = \"${\"${\"${"] {
            let result = parseHCL(text)
            #expect(!result.parseErrors.isEmpty, "\(text.debugDescription)")
            _ = HCLDump.render(result)
        }
    }

    @Test func everyPrefixOfAFixture() throws {
        let url = fixturesRoot.appendingPathComponent("syntax/hcl/heredocs.tf")
        let bytes = try [UInt8](Data(contentsOf: url))
        let parser = HCLParser()
        for length in stride(from: 0, through: bytes.count, by: 3) {
            let result = parser.parse(SourceFile(path: "prefix.tf", bytes: Array(bytes[0..<length])))
            _ = HCLDump.render(result)
        }
    }

    @Test func deepUnclosedBrackets() {
        let result = parseHCL("a = " + String(repeating: "[", count: 10_000))
        #expect(!result.parseErrors.isEmpty)
    }

    @Test func deepBalancedNestingHitsTheDepthLimit() throws {
        let cases = [
            "a = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
            "a = " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000),
            "a = " + String(repeating: "{b = ", count: 3_000) + "1" + String(repeating: "}", count: 3_000),
            "a = " + String(repeating: "1 + ", count: 10_000) + "1",
            "a = " + String(repeating: "-", count: 10_000) + "1",
            "a = " + String(repeating: "f(", count: 5_000) + String(repeating: ")", count: 5_000),
            String(repeating: "b {\n", count: 5_000) + String(repeating: "}\n", count: 5_000),
            "a = \"" + String(repeating: "%{ if x }", count: 2_000) + String(repeating: "%{ endif }", count: 2_000) + "\"",
        ]
        for text in cases {
            let result = parseHCL(text)
            let limit = result.diagnostics.first { $0.kind == .limit(.depth) }
            #expect(limit != nil, "\(text.prefix(20))")
            #expect(result.parseErrors.isEmpty, "\(text.prefix(20)): \(result.parseErrors)")
            _ = HCLDump.render(result)
            _ = result.file.body["a"]?.references
        }
    }

    /// The grammar's scanner keeps at most 127 nested template contexts; deeper ones may parse
    /// with errors, but must not crash.
    @Test func deepTemplates() {
        let text = "a = " + String(repeating: "\"${", count: 1_000) + "1" + String(repeating: "}\"", count: 1_000)
        let result = parseHCL(text)
        #expect(!result.diagnostics.isEmpty)
        _ = HCLDump.render(result)
    }

    @Test func depthLimitDropsOnlyTheDeepPart() throws {
        var limits = ScanLimits()
        limits.maxDepth = 3
        let result = parseHCL("a = [[[[1]]]]\nb = [[1]]\n", limits: limits)
        let limit = try #require(result.diagnostics.first { $0.kind == .limit(.depth) })
        #expect(hclSpan(limit.range) == "1:8-1:11")
        let a = try #require(result.file.body["a"])
        let innermost = a.tupleElements?.first?.tupleElements?.first?.tupleElements?.first
        guard case .invalid? = innermost?.kind else {
            Issue.record("expected the deep part dropped, got \(String(describing: innermost))")
            return
        }
        #expect(result.file.body["b"]?.tupleElements?.first?.tupleElements?.first?.numberValue == 1)
    }

    @Test func manyErrorsAreBounded() {
        let text = String(repeating: "a = = 1\n", count: 5_000)
        let started = Date()
        let result = parseHCL(text)
        #expect(result.parseErrors.count <= 102)
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func parsingIsDeterministic() throws {
        for url in fixtureFiles(in: "syntax/hcl", extensions: [".tf", ".tfvars"]) {
            let source = SourceFile(path: url.lastPathComponent, bytes: try [UInt8](Data(contentsOf: url)))
            let first = HCLParser().parse(source), second = HCLParser().parse(source)
            #expect(first.file == second.file, "\(url.lastPathComponent)")
            #expect(first.comments == second.comments && first.diagnostics == second.diagnostics)
        }
    }

    @Test func oneParserParsesManyFiles() {
        let parser = HCLParser()
        let broken = parser.parse(SourceFile(path: "a.tf", text: "a = 1\n}\nb = 2\n"))
        #expect(broken.parseErrors.count == 1)
        // A parse that resynchronized must not leave its included range behind.
        let clean = parser.parse(SourceFile(path: "b.tf", text: "x = 1\ny = 2\n"))
        #expect(clean.diagnostics.isEmpty)
        #expect(clean.file.body.attributes.map(\.name) == ["x", "y"])
    }
}

/// A small deterministic generator (SplitMix64), so that failures reproduce.
struct HCLSplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
