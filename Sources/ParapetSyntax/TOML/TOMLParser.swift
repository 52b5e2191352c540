import ParapetCore

/// TOML 1.0 (Codex `config.toml`), read from the byte buffer into one mapping `DataNode` with the
/// range of every node and key. TOML 1.1's relaxations are accepted too (newlines, comments and a
/// trailing comma in inline tables; `\e` and `\xHH` escapes; times without seconds), since a
/// reader that is stricter than the tools it checks only produces noise. Checked against the
/// toml-test suite: every valid file of 1.0 and 1.1 is read with the expected values, every
/// invalid file of 1.1 is rejected (of 1.0, all but those that 1.1 made valid). A file that is not
/// UTF-8 is an error, as are control characters in strings and comments.
///
/// Ranges (byte offsets are half-open, as everywhere):
/// - the document mapping spans the whole file;
/// - a key node spans the key as written: for `a.b.c = 1` the nodes of `a`, `b` and `c` are the
///   three segments; for a table declared by `[a.b]` the key `b` is the `b` inside that header,
///   and the key of an implicit parent (`a`) points into the first header that mentioned it
///   until a header `[a]` declares it;
/// - a table's mapping spans its header (or the dotted key/value that created it) and all
///   of its contents, sub-tables included, so it may reach across other sections;
/// - an array of tables spans its elements, each element its `[[...]]` section;
/// - strings include their quotes; arrays and inline tables their brackets; other scalars their
///   text. Scalars keep their text as written (`.datetime` too), except `0b…` integers and
///   `±nan`, written as decimal and `nan` so that `Scalar.value` types them.
///
/// The first error stops the parse and the file yields no document (as in `JSONParser`); the
/// comments read so far are kept. Redefining a key or a table is an error at the second
/// definition that names the line of the first.
public enum TOMLParser {
    public static func parse(_ source: SourceFile, limits: ScanLimits = ScanLimits()) -> DataParseResult {
        source.bytes.withUnsafeBufferPointer { buffer in
            var reader = TOMLReader(source: source, bytes: buffer, maxDepth: limits.maxDepth)
            return reader.run()
        }
    }
}

struct TOMLReader {
    let source: SourceFile
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var i = 0
    var comments: [Comment] = []
    /// Counts table headers. Tables made by dotted keys close when their section ends.
    var section = 0

    init(source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.source = source
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func run() -> DataParseResult {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let root = TOMLTable(depth: 0, spanStart: 0, spanEnd: bytes.count)
        var current = root
        do throws(SyntaxFailure) {
            // TOML files must be UTF-8; checked once here so that strings and comments need not.
            if let bad = ByteText.firstInvalidUTF8(bytes, from: i) {
                let hex = String(bytes[bad], radix: 16, uppercase: true)
                throw fail("Invalid UTF-8 (byte 0x\(hex)): a TOML file must be UTF-8", from: bad, to: bad + 1)
            }
            while true {
                skipBlanks()
                guard i < bytes.count else { break }
                switch bytes[i] {
                case UInt8(ascii: "#"), 0x0A, 0x0D:
                    try endOfLine(after: "")
                case UInt8(ascii: "["):
                    current = try readHeader(root: root)
                    try endOfLine(after: "the table header")
                default:
                    try readKeyValue(into: current)
                    try endOfLine(after: "the value")
                }
            }
            var document = node(root)
            document.range = source.range(0, bytes.count)
            return DataParseResult(documents: [document], comments: comments)
        } catch {
            return DataParseResult(comments: comments, diagnostics: [error.diagnostic])
        }
    }

    /// `[a.b]` or `[[a.b]]`; returns the table that the following key/values go into.
    mutating func readHeader(root: TOMLTable) throws(SyntaxFailure) -> TOMLTable {
        let start = i
        let isArray = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "[")
        i += isArray ? 2 : 1
        let keys = try readKey()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "]") else {
            throw fail("Expected `\(isArray ? "]]" : "]")` to close the table header, found \(ByteText.describe(bytes, at: i))", at: i)
        }
        i += 1
        if isArray {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "]") else {
                throw fail("Expected `]]` to close the array-of-tables header", at: i)
            }
            i += 1
        }
        section += 1
        return try openTable(keys, isArray: isArray, root: root, headerStart: start, headerEnd: i)
    }

    /// `key = value`, the key maybe dotted, into `table`.
    mutating func readKeyValue(into table: TOMLTable) throws(SyntaxFailure) {
        let keys = try readKey()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
            throw fail("Expected `=` after the key, found \(ByteText.describe(bytes, at: i))", at: i)
        }
        i += 1
        skipBlanks()
        let value = try readValue(depth: table.depth + keys.count)
        try insert(keys, value, into: table)
    }

    /// A key: bare (`A-Za-z0-9_-`) or quoted segments joined by dots, with blanks around the
    /// dots. Leaves `i` after the blanks that follow the key.
    mutating func readKey() throws(SyntaxFailure) -> [TOMLTable.Key] {
        var keys: [TOMLTable.Key] = []
        while true {
            skipBlanks()
            let start = i
            guard i < bytes.count else { throw fail("Expected a key, found end of file", at: i) }
            let text: String
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                if startsTripleQuote(byte) { throw fail("A multi-line string cannot be a key", from: i, to: i + 3) }
                if byte == UInt8(ascii: "\"") {
                    text = try readBasicString()
                } else {
                    text = try readLiteralString()
                }
            } else if Self.isBareKeyByte(byte) {
                while i < bytes.count, Self.isBareKeyByte(bytes[i]) { i += 1 }
                text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            } else {
                throw fail("Expected a key, found \(ByteText.describe(bytes, at: i))", at: i)
            }
            keys.append(TOMLTable.Key(text: text, start: start, end: i))
            skipBlanks()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ".") else { return keys }
            i += 1
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    func startsTripleQuote(_ quote: UInt8) -> Bool {
        i + 2 < bytes.count && bytes[i] == quote && bytes[i + 1] == quote && bytes[i + 2] == quote
    }

    // MARK: Trivia

    mutating func skipBlanks() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    }

    /// After a header or key/value: blanks, an optional comment, then a line break or the end.
    mutating func endOfLine(after what: String) throws(SyntaxFailure) {
        skipBlanks()
        if i < bytes.count, bytes[i] == UInt8(ascii: "#") { try readComment() }
        guard i < bytes.count else { return }
        if bytes[i] == 0x0A {
            i += 1
        } else if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
            i += 2
        } else if bytes[i] == 0x0D {
            throw fail("A carriage return must be followed by a line feed", at: i)
        } else {
            throw fail("Expected a line break after \(what), found \(ByteText.describe(bytes, at: i))", at: i)
        }
    }

    /// Blanks, line breaks and comments, where a value may span lines (arrays, inline tables).
    mutating func skipTriviaAndNewlines() throws(SyntaxFailure) {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A: i += 1
            case 0x0D:
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else {
                    throw fail("A carriage return must be followed by a line feed", at: i)
                }
                i += 2
            case UInt8(ascii: "#"): try readComment()
            default: return
            }
        }
    }

    /// A `#` comment up to the end of the line (not included). Control characters other than
    /// tab are not allowed in comments either.
    mutating func readComment() throws(SyntaxFailure) {
        let start = i
        let end = ByteText.lineEnd(bytes, from: start)
        for k in start..<end where (bytes[k] < 0x20 && bytes[k] != 0x09) || bytes[k] == 0x7F {
            throw fail("Control character \(ByteText.describe(bytes, at: k)) is not allowed in a comment", at: k)
        }
        comments.append(Comment(text: ByteText.trimmed(bytes, start + 1, end), range: source.range(start, end)))
        i = end
    }

    // MARK: Errors

    func fail(_ message: String, at offset: Int) -> SyntaxFailure {
        let end = offset < bytes.count ? offset + ByteText.sequenceLength(bytes[offset]) : offset
        return fail(message, from: offset, to: end)
    }

    func fail(_ message: String, from start: Int, to end: Int) -> SyntaxFailure {
        SyntaxFailure(diagnostic: SyntaxDiagnostic(.parseError, message, at: source.range(start, end)))
    }

    func fail(_ message: String, key: TOMLTable.Key) -> SyntaxFailure {
        fail(message, from: key.start, to: key.end)
    }

    func depthLimit(at offset: Int) -> SyntaxFailure {
        SyntaxFailure(diagnostic: SyntaxDiagnostic(.limit(.depth), "Nesting is deeper than \(maxDepth) levels",
                                                   at: source.range(offset, offset + 1)))
    }

    func line(of offset: Int) -> Int { source.position(at: offset).line }
}
