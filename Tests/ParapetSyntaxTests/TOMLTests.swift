import Foundation
import ParapetCore
@testable import ParapetSyntax
import ParapetTestSupport
import Testing

private func parse(_ text: String) -> DataParseResult {
    TOMLParser.parse(SourceFile(path: "t.toml", text: text))
}

private func span(_ node: DataNode?) -> String { node.map { DataDump.span($0.range) } ?? "nil" }

@Suite struct TOMLTests {
    @Test(arguments: fixtureFiles(in: "syntax/toml", extensions: [".toml"]))
    func snapshot(_ url: URL) {
        let result = TOMLParser.parse(dataFixtureSource(url))
        assertSnapshot(dataParseDump(result), at: url.appendingPathExtension("snap"))
    }

    @Test func rangesOfKeysAndTables() throws {
        let text = "a.b = 1\n[t.u]\nx = \"s\"\n\n[t]\ny = [1,\n  2]\n"
        let result = parse(text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first)
        #expect(span(root) == "1:1-8:1")
        #expect(span(root.entry("a")?.key) == "1:1-1:2")
        #expect(span(root["a"]) == "1:1-1:8")
        #expect(span(root["a"]?.entry("b")?.key) == "1:3-1:4")
        #expect(span(root["a"]?["b"]) == "1:7-1:8")
        // `t` is implied by `[t.u]` first, then declared by `[t]`: its key moves to that header.
        #expect(span(root.entry("t")?.key) == "5:2-5:3")
        #expect(span(root["t"]?.entry("u")?.key) == "2:4-2:5")
        #expect(span(root["t"]?["u"]) == "2:1-3:8")
        #expect(span(root["t"]) == "2:1-7:5")
        #expect(span(root["t"]?["y"]) == "6:5-7:5")
    }

    @Test func arrayOfTablesRanges() throws {
        let root = try #require(parse("[[s]]\nn = 1\n\n[[s]]\nn = 2\n").documents.first)
        #expect(span(root.entry("s")?.key) == "1:3-1:4")
        #expect(span(root["s"]) == "1:1-5:6")
        #expect(root["s"]?.sequence.map { $0.map { span($0) } } == ["1:1-2:6", "4:1-5:6"])
    }

    @Test func valuesAreTyped() throws {
        let root = try #require(TOMLParser.parse(dataFixtureSource(fixturesRoot.appendingPathComponent("syntax/toml/values.toml"))).documents.first)
        func value(_ key: String) -> ScalarValue? { root[key]?.scalar?.value }
        #expect(value("int") == .int(99))
        #expect(value("big") == .int(Int.max))
        #expect(value("hex") == .int(0xDEAD_BEEF))
        #expect(value("oct") == .int(0o755))
        #expect(value("bin") == .int(0b1101_0110))
        #expect(value("under") == .double(224_617.445_991))
        #expect(value("exp") == .double(-0.02))
        #expect(value("ninf") == .double(-.infinity))
        #expect(root["nan"]?.scalar?.text == "nan")
        #expect(value("yes") == .bool(true))
        #expect(root["hex"]?.scalar?.text == "0xDEAD_beef")
        for key in ["odt", "odt2", "ldt", "ld", "lt"] { #expect(root[key]?.scalar?.style == .datetime, "\(key)") }
        #expect(root["odt2"]?.scalar?.text == "1979-05-27 00:32:00.999999-07:00")
        #expect(root["fruits"]?.sequence?.count == 2)
        #expect(root.at(["fruits", 0, "varieties", 0, "name"])?.string == "red delicious")
        #expect(root.at(["dotted", "and spaced", "key"])?.scalar?.value == .bool(true))
        #expect(root[""]?.string == "empty key")
    }

    @Test func strings() throws {
        let root = try #require(TOMLParser.parse(dataFixtureSource(fixturesRoot.appendingPathComponent("syntax/toml/values.toml"))).documents.first)
        #expect(root["basic"]?.string == "tab\there \"quoted\" \\ é 😀")
        #expect(root["literal"]?.string == #"C:\Users\nobody"#)
        #expect(root["ml-basic"]?.string == "Roses are red\nViolets are \"\"blue\"\"")
        #expect(root["ml-literal"]?.string == "first line\n  'indented' line")
        #expect(root["trimmed"]?.string == "The quick brown fox.")
        let crlf = try #require(parse("s = \"\"\"\r\na\r\nb\\\r\n  c\"\"\"\r\n").documents.first)
        #expect(crlf["s"]?.string == "a\nbc")
    }

    @Test func validTableCombinations() {
        let text = """
        [a.b.c]
        [a]
        [fruit]
        apple.color = "red"
        apple.taste.sweet = true
        [fruit.apple.texture]
        smooth = true
        [[fruits]]
        [fruits.physical]
        [[fruits.varieties]]
        [[fruits]]
        [x]
        p.q = 1
        p.r = 2
        """
        let result = parse(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.documents.first?.at(["fruit", "apple", "texture", "smooth"])?.scalar?.value == .bool(true))
    }

    /// Each case marks with `↓` where the error must start.
    @Test(arguments: [
        ("a = 1\n↓a = 2", "Key `a` is already defined (line 1)"),
        ("a.b = 1\n↓a = 2", "Key `a` is already defined (line 1)"),
        ("a = 1\n↓a.b = 2", "Key `a` is already defined as a value (line 1)"),
        ("[a]\n[↓a]", "Table `a` is already defined (line 1)"),
        ("[a]\nb = 1\n[a.↓b]", "Key `a.b` is already defined as a value (line 2)"),
        ("[a.b]\nc = 1\n[a]\n↓b.d = 2", "Cannot add to table `b` with a dotted key: it is declared by a header (line 1)"),
        ("[fruit]\napple.color = 'red'\n[fruit.↓apple]", "Table `fruit.apple` is already defined by dotted keys (line 2)"),
        ("a = {b = 1}\n[↓a]", "Key `a` is already defined as a value (line 1)"),
        ("a = {b = 1}\n↓a.c = 2", "Key `a` is already defined as a value (line 1)"),
        ("a = [1]\n[[↓a]]", "Key `a` is already defined as a value (line 1)"),
        ("[[a]]\n[↓a]", "`a` is already defined as an array of tables (line 1)"),
        ("[a]\n[[↓a]]", "`a` is already defined as a table (line 1)"),
        ("[[t.a]]\n[t]\n↓a.b = 1", "Cannot add to array of tables `a` with a dotted key (line 1)"),
        ("x = {a = 1, ↓a = 2}", "Key `a` is already defined (line 1)"),
        ("\"a b\" = 1\n↓'a b' = 2", "Key `\"a b\"` is already defined (line 1)"),
        ("x = ↓012", "Invalid number `012`"),
        ("x = ↓1__0", "Invalid number `1__0`"),
        ("x = ↓0x", "Invalid number `0x`"),
        ("x = ↓-0x1", "Invalid number `-0x1`"),
        ("x = ↓1.e5", "Invalid number `1.e5`"),
        ("x = ↓9223372036854775808", "Integer `9223372036854775808` does not fit in 64 bits"),
        ("x = ↓1979-13-01", "Invalid date or time `1979-13-01`"),
        ("x = ↓1979-02-29T25:00:00", "Invalid date or time `1979-02-29T25:00:00`"),
        ("x = ↓never", "Expected a value, found `never` (strings need quotes)"),
        ("x = ↓\"abc\ny = 1", "Unterminated string"),
        ("x = ↓'abc", "Unterminated string"),
        ("x = \"a↓\\qb\"", "Invalid escape `\\q` in string"),
        ("x = \"↓\\uD800\"", "Invalid escape: U+D800 is not a Unicode scalar value"),
        ("x = \"↓\\u12\"", "Invalid escape: `\\u` needs 4 hex digits"),
        ("x = \"a↓\u{01}\"", "Control character U+0001 must be escaped in a string"),
        ("x = 1 ↓y = 2", "Expected a line break after the value, found `y`"),
        ("[a] ↓b = 1", "Expected a line break after the table header, found `b`"),
        ("x ↓1", "Expected `=` after the key, found `1`"),
        ("↓= 1", "Expected a key, found `=`"),
        ("[a↓", "Expected `]` to close the table header, found end of file"),
        ("[[a]↓ ", "Expected `]]` to close the array-of-tables header"),
        ("x = ↓", "Expected a value, found end of file"),
        ("x = [1, 2↓", "Unexpected end of file: `[` at line 1, column 5 is not closed"),
        ("x = [1 ↓2]", "Expected `,` or `]` after array element, found `2`"),
        ("x = [↓,]", "Expected a value, found `,`"),
        ("x = {a = 1 ↓b = 2}", "Expected `,` or `}` after inline table member, found `b`"),
        ("x = ↓\"\"\"abc", "Unterminated multi-line string"),
        ("x = \"\"\"abc↓\"\"\"\"\"\"", "Too many quotes at the end of a multi-line string"),
        ("x = 1↓\ry = 2", "A carriage return must be followed by a line feed"),
        ("↓\"\"\"k\"\"\" = 1", "A multi-line string cannot be a key"),
        ("x = 1 # a↓\u{7F}", "Control character U+007F is not allowed in a comment"),
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

    @Test func invalidUTF8IsAnError() throws {
        let bytes = Array("a = \"é".utf8) + [0xED, 0xA0, 0x80] + Array("\"\n".utf8)
        let diagnostic = try #require(TOMLParser.parse(SourceFile(path: "t.toml", bytes: bytes)).diagnostics.first)
        #expect(diagnostic.message == "Invalid UTF-8 (byte 0xED): a TOML file must be UTF-8")
        #expect(DataDump.span(diagnostic.range) == "1:7-1:8")
        for bad: [UInt8] in [[0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFF]] {
            #expect(!TOMLParser.parse(SourceFile(path: "t.toml", bytes: Array("# ".utf8) + bad)).diagnostics.isEmpty)
        }
        #expect(TOMLParser.parse(SourceFile(path: "t.toml", text: "# ok: é 日本 🚀 \u{10FFFF}")).diagnostics.isEmpty)
    }

    @Test func commentsAreCollected() {
        let result = parse("# top\nx = 1 # trailing\ny = [ # in array\n 1]\nz = {\n  a = 1, # inline\n}\n#end")
        #expect(result.diagnostics.isEmpty)
        #expect(result.comments.map(\.text) == ["top", "trailing", "in array", "inline", "end"])
        #expect(result.comments.map { DataDump.span($0.range) } == ["1:1-1:6", "2:7-2:17", "3:7-3:17", "6:10-6:18", "8:1-8:5"])
    }

    @Test func emptyFileIsAnEmptyTable() throws {
        let result = parse("")
        #expect(result.diagnostics.isEmpty)
        #expect(try #require(result.documents.first).entries?.isEmpty == true)
    }

    @Test func depthLimits() {
        let cases = [
            "x = " + String(repeating: "[", count: 100_000),
            "x = " + String(repeating: "{a=", count: 100_000),
            "a" + String(repeating: ".a", count: 1_000) + " = 1",
            "[a" + String(repeating: ".a", count: 1_000) + "]",
            "[[a" + String(repeating: ".a", count: 1_000) + "]]",
        ]
        for text in cases {
            #expect(parse(text).diagnostics.first?.kind == .limit(.depth), "\(text.prefix(12))")
        }
        let fine = "x = " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(parse(fine).diagnostics.isEmpty)
    }

    @Test func garbageNeverCrashes() {
        for bytes in dataGarbage(count: 3000, alphabet: "[]{}=.,\"'#\n abc123-_+:xoeTZ\\\r\t", seed: 11) {
            let result = TOMLParser.parse(SourceFile(path: "g.toml", bytes: bytes))
            #expect(isConsistentDataResult(result))
            #expect(result.documents.count + result.diagnostics.count == 1)
        }
    }

    @Test func everyPrefixOfAFixtureParsesOrFailsCleanly() {
        let source = dataFixtureSource(fixturesRoot.appendingPathComponent("syntax/toml/codex-config.toml"))
        for length in 0...source.bytes.count {
            let result = TOMLParser.parse(SourceFile(path: "p.toml", bytes: Array(source.bytes.prefix(length))))
            #expect(isConsistentDataResult(result) && result.documents.count + result.diagnostics.count == 1)
        }
        #expect(TOMLParser.parse(source).diagnostics.isEmpty)
    }
}
