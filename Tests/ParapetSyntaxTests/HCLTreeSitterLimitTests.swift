import Foundation
import ParapetCore
import ParapetSyntax
import Testing

/// Inputs that crash tree-sitter 0.20.7 (a node's child count is 16 bits there: 65,536 children
/// corrupt the heap) or make tree-sitter-hcl quadratic (long blank runs). The parser must read
/// them safely and quickly. Each case would abort the test process if the guard failed.
@Suite struct HCLTreeSitterLimitTests {
    static let hostile: [String: String] = [
        "unclosed brackets": "a = " + String(repeating: "[", count: 70_000),
        "unclosed parentheses": "a = " + String(repeating: "(", count: 70_000),
        "unclosed blocks": String(repeating: "b {\n", count: 40_000),
        "unary chain": "a = " + String(repeating: "-", count: 70_000),
        "ternary chain in parentheses": "x = (" + String(repeating: "a ? b :\n", count: 20_000),
        "open interpolations": "x = \"" + String(repeating: "${\"", count: 30_000),
        "brackets with blank runs": "a = " + String(repeating: "[" + String(repeating: " ", count: 100), count: 700),
        "comments after a value": "a = 1 " + String(repeating: "/* c */ ", count: 70_000),
    ]

    @Test(arguments: hostile.keys.sorted())
    func hostileInputIsReadSafely(_ name: String) throws {
        let text = try #require(Self.hostile[name])
        let started = Date()
        let result = parseHCL(text)
        _ = HCLDump.render(result)
        #expect(!result.diagnostics.isEmpty)
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func longBlankRunAfterAValue() {
        let result = parseHCL("a = 1" + String(repeating: " ", count: 70_000) + "\nb = 2\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.file.body.attributes.map(\.name) == ["a", "b"])
    }

    @Test func blankLinesInsideBracketsStayLinear() throws {
        let started = Date()
        let result = parseHCL("a = [\n" + String(repeating: "\n", count: 70_000) + "  1, # one\n" + String(repeating: " ", count: 40_000) + "2]\n")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.file.body["a"]?.tupleElements?.map(\.numberValue) == [1, 2])
        // The blank runs reach tree-sitter as comments; they are not reported as such.
        #expect(result.comments.map(\.text) == ["one"])
        #expect(result.comments.first?.range.start.line == 70_002)
    }

    @Test func manyCommentLines() {
        let result = parseHCL(String(repeating: "# note\n", count: 70_000) + "a = 1\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.comments.count == 70_000)
        #expect(result.file.body["a"]?.numberValue == 1)
    }

    @Test func blankLinesAtTopLevel() {
        let result = parseHCL("a = 1\n" + String(repeating: "\n", count: 70_000) + "b = 2\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.file.body.attributes.map(\.name) == ["a", "b"])
    }

    @Test func randomBytesAreCheap() {
        var generator = HCLSplitMix(seed: 3)
        let bytes = (0..<1_000_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let started = Date()
        let result = HCLParser().parse(SourceFile(path: "noise.tf", bytes: bytes))
        #expect(!result.diagnostics.isEmpty)
        #expect(Date().timeIntervalSince(started) < 15)
    }

    /// Large files are parsed in windows cut at top-level lines; nothing is lost at the cuts.
    @Test func largeFileInWindows() throws {
        var text = ""
        for i in 0..<3_000 {
            text += """
            # resource \(i)
            resource "aws_s3_bucket" "b\(i)" {
              bucket = "bucket-\(i)"
              tags = {
                Name = "b\(i)"
              }
            }

            """
        }
        #expect(text.utf8.count > 200_000)
        let result = parseHCL(text)
        #expect(result.diagnostics.isEmpty)
        let blocks = result.file.body.blocks(type: "resource")
        #expect(blocks.count == 3_000)
        #expect(blocks.last?.labels.last?.value == "b2999")
        #expect(blocks.last?.body["bucket"]?.literalString == "bucket-2999")
        #expect(result.comments.count == 3_000)
    }

    /// A single item larger than a window is still read whole when its shape is ordinary.
    @Test func largeSingleBlock() throws {
        var text = "locals {\n"
        for i in 0..<4_000 { text += "  value_\(i) = var.enabled ? \"on-\(i)\" : \"off\"\n" }
        text += "}\n"
        #expect(text.utf8.count > 100_000)
        let result = parseHCL(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(3))")
        #expect(result.file.body.blocks(type: "locals").first?.body.attributes.count == 4_000)
    }

    /// A long comment block inside a large list is one run of extras: well under the limit.
    @Test func largeListWithACommentBlock() {
        let text = "allowed = [\n" + String(repeating: "  # \"10.0.0.0/8\",\n", count: 10_000) + "  \"10.1.0.0/16\",\n]\n"
        #expect(text.utf8.count > 32_000)
        let result = parseHCL(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.comments.count == 10_000)
        #expect(result.file.body["allowed"]?.tupleElements?.first?.literalString == "10.1.0.0/16")
    }

    /// One too deep to be read whole is read in part, with a limit diagnostic over it.
    @Test func oversizedNestingIsCut() throws {
        let text = "a = 1\nb = " + String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000) + "\nc = 3\n"
        let result = parseHCL(text)
        let limit = try #require(result.diagnostics.first { $0.kind == .limit(.depth) })
        #expect(limit.range.start.line == 2)
        #expect(result.file.body.attributes.map(\.name).contains("a"))
        #expect(result.file.body.attributes.map(\.name).contains("c"))
    }
}
