import Foundation
import ParapetCore
@testable import ParapetSyntax
import ParapetTestSupport
import Testing

private func parse(_ text: String, allowComments: Bool = true) -> DataParseResult {
    JSONParser.parse(SourceFile(path: "t.json", text: text), allowComments: allowComments)
}

private func span(_ node: DataNode?) -> String { node.map { DataDump.span($0.range) } ?? "nil" }

@Suite struct JSONTests {
    @Test(arguments: fixtureFiles(in: "syntax/json", extensions: [".json", ".jsonc"]))
    func snapshot(_ url: URL) {
        let result = JSONParser.parse(dataFixtureSource(url))
        assertSnapshot(dataParseDump(result), at: url.appendingPathExtension("snap"))
    }

    @Test func rangesOfNodesAndKeys() throws {
        let result = parse(#"{"a": [1, "x"], "b" : {}}"#)
        let root = try #require(result.documents.first)
        #expect(span(root) == "1:1-1:26")
        let entries = try #require(root.entries)
        #expect(span(entries[0].key) == "1:2-1:5")
        #expect(span(entries[0].value) == "1:7-1:15")
        #expect(span(entries[0].value.sequence?[0]) == "1:8-1:9")
        #expect(span(entries[0].value.sequence?[1]) == "1:11-1:14")
        #expect(span(entries[1].key) == "1:17-1:20")
        #expect(span(entries[1].value) == "1:23-1:25")
        #expect(root.range.end.offset == 25)
    }

    @Test func columnsCountCodePoints() throws {
        let root = try #require(parse("{\"é\": \"日本\", \"🚀\": 1,\n \"k\": true}").documents.first)
        let entries = try #require(root.entries)
        #expect(span(entries[0].value) == "1:7-1:11")
        #expect(span(entries[1].key) == "1:13-1:16")
        #expect(entries[1].key.range.start.offset == 17)
        #expect(span(entries[2].key) == "2:2-2:5")
    }

    @Test func escapesAndSurrogates() throws {
        let root = try #require(parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u65E5", "\ud83d\ude00", "\ud800x", "\udc00", "\ud83d\u0041", "\ude00\ud83d", "a\u0000b"]"#).documents.first)
        let texts = try #require(root.sequence).map { $0.scalar?.text }
        #expect(texts == ["\"\\/\u{8}\u{C}\n\r\t", "é日", "😀", "\u{FFFD}x", "\u{FFFD}", "\u{FFFD}A", "\u{FFFD}\u{FFFD}", "a\u{0}b"])
    }

    @Test func numbersKeepTheirText() throws {
        let root = try #require(parse("[-0, 1E+2, 2.50, 12345678901234567890, 7]").documents.first)
        let scalars = try #require(root.sequence).compactMap(\.scalar)
        #expect(scalars.map(\.text) == ["-0", "1E+2", "2.50", "12345678901234567890", "7"])
        #expect(scalars.allSatisfy { $0.style == .number })
        #expect(scalars[1].value == .double(100))
        #expect(scalars[4].value == .int(7))
    }

    @Test func literalsAreTyped() throws {
        let root = try #require(parse("[true, false, null]").documents.first)
        let values = try #require(root.sequence).compactMap { $0.scalar?.value }
        #expect(values == [.bool(true), .bool(false), .null])
    }

    @Test func duplicateKeysAreKeptAndTheLastWins() throws {
        let root = try #require(parse(#"{"a": 1, "a": 2}"#).documents.first)
        #expect(root.entries?.count == 2)
        #expect(root["a"]?.scalar?.text == "2")
    }

    @Test func commentsAndTrailingCommas() throws {
        let result = parse("// one\r\n{\"a\": [1, 2,], /* two\n lines */ \"b\": 1,} // end")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 1)
        #expect(result.comments.map(\.text) == ["one", "two\n lines", "end"])
        #expect(result.comments.map { DataDump.span($0.range) } == ["1:1-1:7", "2:16-3:10", "3:20-3:26"])
    }

    @Test func strictJSONRejectsCommentsAndTrailingCommas() {
        #expect(parse("[1,]", allowComments: false).diagnostics.first?.message == "Trailing comma is not allowed in JSON")
        #expect(parse(#"{"a": 1,}"#, allowComments: false).diagnostics.first.map { DataDump.span($0.range) } == "1:8-1:9")
        #expect(parse("// x\n1", allowComments: false).diagnostics.first?.message == "Comments are not allowed in JSON")
        #expect(parse("[1, 2]", allowComments: false).documents.count == 1)
    }

    @Test func emptyFilesHaveNoDocumentAndNoError() {
        for text in ["", "  \n\t", "// only a comment\n", "\u{FEFF}"] {
            let result = parse(text)
            #expect(result.documents.isEmpty && result.diagnostics.isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let root = try #require(parse("\u{FEFF}{\"a\": 1}").documents.first)
        #expect(root["a"]?.scalar?.text == "1")
        #expect(root.range.start.offset == 3)
    }

    /// Each case marks with `↓` where the error must start.
    @Test(arguments: [
        (#"{"a": 1 ↓"b": 2}"#, "Expected `,` or `}` after object member"),
        ("[1 ↓2]", "Expected `,` or `]` after array element"),
        ("{\"a\": ↓\"abc\n}", "Unterminated string"),
        (#"{"a": ↓"abc"#, "Unterminated string"),
        ("{↓'a': 1}", "Expected a property name in double quotes, found `'` (single quotes are not JSON)"),
        (#"{"a" ↓1}"#, "Expected `:` after property name"),
        ("[1, 2↓", "Unexpected end of file: `[` at line 1, column 1 is not closed"),
        ("{\n  \"a\": {\"b\": 1}↓", "Unexpected end of file: `{` at line 1, column 1 is not closed"),
        ("↓01", "Invalid number `01`"),
        ("[↓1.]", "Invalid number `1.`"),
        ("[↓-]", "Invalid number `-`"),
        (#"["a↓\x"]"#, "Invalid escape `\\x` in string"),
        (#"["↓\u12G4"]"#, "Invalid unicode escape: `\\u` needs four hex digits"),
        ("[↓tru]", "Unexpected `tru`, expected a value (strings need double quotes)"),
        ("[↓'x']", "Unexpected `'`, expected a value (JSON strings use double quotes)"),
        ("{} ↓x", "Unexpected `x` after the end of the JSON value"),
        ("[1, ↓}", "Unexpected `}`, expected a value"),
        ("[↓,]", "Unexpected `,`, expected a value"),
        ("[\"a↓\tb\"]", "Control character U+0009 must be escaped in a string"),
        ("[1] ↓/* open", "Unterminated comment"),
        ("[↓/x]", "Unexpected `/`: a comment starts with `//` or `/*`"),
        ("{\"é\": ↓§}", "Unexpected `§`, expected a value"),
        ("[↓\u{01}]", "Unexpected U+0001, expected a value"),
        ("[↓\u{2060}1]", "Unexpected U+2060, expected a value"),
        ("[\"a↓\\🐀\"]", "Invalid escape `\\🐀` in string"),
        ("[\"↓\\\u{0}\"]", "Invalid escape `\\` followed by U+0000 in string"),
        ("{\"a\":↓", "Unexpected end of file: `{` at line 1, column 1 is not closed"),
    ])
    func errorsHaveExactPositions(_ marked: String, _ message: String) throws {
        let (text, expected) = stripMarkers(marked)
        let result = parse(text)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.documents.isEmpty)
        #expect(diagnostic.kind == .parseError)
        #expect(diagnostic.message == message)
        #expect(diagnostic.range.start.line == expected.first?.line)
        #expect(diagnostic.range.start.column == expected.first?.column)
    }

    @Test func invalidUTF8IsReplacedNotFatal() throws {
        let bytes: [UInt8] = Array(#"{"k": "a"#.utf8) + [0xFF, 0xC3] + Array(#"b"}"#.utf8)
        let root = try #require(JSONParser.parse(SourceFile(path: "t.json", bytes: bytes)).documents.first)
        #expect(root["k"]?.scalar?.text == "a\u{FFFD}\u{FFFD}b")
    }

    @Test func depthLimit() {
        let limits = ScanLimits()
        let atLimit = String(repeating: "[", count: limits.maxDepth) + String(repeating: "]", count: limits.maxDepth)
        #expect(parse(atLimit).diagnostics.isEmpty)
        let over = String(repeating: "[", count: limits.maxDepth + 1) + String(repeating: "]", count: limits.maxDepth + 1)
        let diagnostic = parse(over).diagnostics.first
        #expect(diagnostic?.kind == .limit(.depth))
        #expect(diagnostic?.range.start.column == limits.maxDepth + 1)
    }

    @Test func hostileNestingDoesNotOverflowTheStack() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(parse(deep).diagnostics.first?.kind == .limit(.depth))
        let objects = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(parse(objects).diagnostics.first?.kind == .limit(.depth))
    }

    @Test func garbageNeverCrashes() {
        for bytes in dataGarbage(count: 3000, alphabet: #"{}[]:,"\/*-+.0123456789eEtrufalsn x\u"#, seed: 7) {
            let result = JSONParser.parse(SourceFile(path: "g.json", bytes: bytes))
            #expect(isConsistentDataResult(result))
            for diagnostic in result.diagnostics { #expect(diagnostic.range.end.offset <= bytes.count) }
        }
    }

    @Test func everyPrefixOfAFixtureParsesOrFailsCleanly() throws {
        let source = dataFixtureSource(fixturesRoot.appendingPathComponent("syntax/json/vscode-mcp.jsonc"))
        for length in 0...source.bytes.count {
            let prefix = SourceFile(path: "p.jsonc", bytes: Array(source.bytes.prefix(length)))
            let result = JSONParser.parse(prefix)
            #expect(isConsistentDataResult(result))
            if length == source.bytes.count { #expect(result.documents.count == 1) }
        }
    }

    @Test func largeFileParses() throws {
        let item = #"{"address": "aws_s3_bucket.b", "values": [1, 2.5, true, null, "text \u00e9"], "nested": {"k": "v"}}"#
        let text = "[" + Array(repeating: item, count: 20_000).joined(separator: ",\n") + "]"
        let root = try #require(parse(text).documents.first)
        #expect(root.sequence?.count == 20_000)
        #expect(root.sequence?.last?.range.start.line == 20_000)
    }
}
