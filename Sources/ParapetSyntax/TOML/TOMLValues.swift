import ParapetCore

/// TOML values: strings (four kinds), arrays, inline tables, and the bare tokens (booleans,
/// numbers, dates and times) that `TOMLLiteral` classifies.
extension TOMLReader {
    /// The value at `i`; `depth` is its nesting level, checked when it opens a container.
    mutating func readValue(depth: Int) throws(SyntaxFailure) -> DataNode {
        let start = i
        guard i < bytes.count else { throw fail("Expected a value, found end of file", at: i) }
        let byte = bytes[i]
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let text: String
            if startsTripleQuote(byte) {
                text = try readMultilineString(quote: byte)
            } else if byte == UInt8(ascii: "\"") {
                text = try readBasicString()
            } else {
                text = try readLiteralString()
            }
            return DataNode(.scalar(Scalar(text, style: .string)), range: source.range(start, i))
        case UInt8(ascii: "["):
            guard depth <= maxDepth else { throw depthLimit(at: i) }
            return try readArray(depth: depth)
        case UInt8(ascii: "{"):
            guard depth <= maxDepth else { throw depthLimit(at: i) }
            return try readInlineTable(depth: depth)
        default:
            guard Self.isTokenByte(byte) else { throw fail("Expected a value, found \(ByteText.describe(bytes, at: i))", at: i) }
            return try readToken()
        }
    }

    private mutating func readArray(depth: Int) throws(SyntaxFailure) -> DataNode {
        let open = i
        i += 1
        var items: [DataNode] = []
        while true {
            try skipTriviaAndNewlines()
            guard i < bytes.count else { throw unclosed("[", at: open) }
            if bytes[i] == UInt8(ascii: "]") { break }
            items.append(try readValue(depth: depth + 1))
            try skipTriviaAndNewlines()
            guard i < bytes.count else { throw unclosed("[", at: open) }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
            } else if bytes[i] != UInt8(ascii: "]") {
                throw fail("Expected `,` or `]` after array element, found \(ByteText.describe(bytes, at: i))", at: i)
            }
        }
        i += 1
        return DataNode(.sequence(items), range: source.range(open, i))
    }

    /// `{ k = v, a.b = w }`. Keys go through the same table rules as the rest of the file, so a
    /// key defined twice in an inline table is an error too.
    private mutating func readInlineTable(depth: Int) throws(SyntaxFailure) -> DataNode {
        let open = i
        i += 1
        let table = TOMLTable(depth: depth, spanStart: open, spanEnd: open + 1)
        while true {
            try skipTriviaAndNewlines()
            guard i < bytes.count else { throw unclosed("{", at: open) }
            if bytes[i] == UInt8(ascii: "}") { break }
            let keys = try readKey()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
                throw fail("Expected `=` after the key, found \(ByteText.describe(bytes, at: i))", at: i)
            }
            i += 1
            skipBlanks()
            let value = try readValue(depth: depth + keys.count)
            try insert(keys, value, into: table)
            try skipTriviaAndNewlines()
            guard i < bytes.count else { throw unclosed("{", at: open) }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
            } else if bytes[i] != UInt8(ascii: "}") {
                throw fail("Expected `,` or `}` after inline table member, found \(ByteText.describe(bytes, at: i))", at: i)
            }
        }
        i += 1
        var result = node(table)
        result.range = source.range(open, i)
        return result
    }

    private func unclosed(_ bracket: String, at open: Int) -> SyntaxFailure {
        let position = source.position(at: open)
        return fail("Unexpected end of file: `\(bracket)` at line \(position.line), column \(position.column) is not closed", at: bytes.count)
    }

    /// A boolean, number, date or time: a run of token bytes (plus the space of `1979-05-27 07:32:00`).
    private mutating func readToken() throws(SyntaxFailure) -> DataNode {
        let start = i
        while i < bytes.count, Self.isTokenByte(bytes[i]) { i += 1 }
        if i - start == 10, i + 3 < bytes.count, bytes[i] == 0x20, bytes[start + 4] == UInt8(ascii: "-"),
           TOMLLiteral.isDigit(bytes[i + 1]), TOMLLiteral.isDigit(bytes[i + 2]), bytes[i + 3] == UInt8(ascii: ":") {
            i += 1
            while i < bytes.count, Self.isTokenByte(bytes[i]) { i += 1 }
        }
        let token = Array(bytes[start..<i])
        let text = String(decoding: token, as: UTF8.self)
        let scalar: Scalar
        switch TOMLLiteral.classify(token) {
        case .bool: scalar = Scalar(text, style: .bool)
        case .number(let canonical): scalar = Scalar(canonical ?? text, style: .number)
        case .datetime: scalar = Scalar(text, style: .datetime)
        case .outOfRange: throw fail("Integer `\(text)` does not fit in 64 bits", from: start, to: i)
        case .invalidDateTime: throw fail("Invalid date or time `\(text)`", from: start, to: i)
        case .invalidNumber: throw fail("Invalid number `\(text)`", from: start, to: i)
        case .unknown: throw fail("Expected a value, found `\(text)` (strings need quotes)", from: start, to: i)
        }
        return DataNode(.scalar(scalar), range: source.range(start, i))
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    // MARK: Strings

    /// `"…"` with escapes, on one line.
    mutating func readBasicString() throws(SyntaxFailure) -> String {
        let start = i
        i += 1
        var buffer: [UInt8] = []
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: buffer, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try readEscape(into: &buffer)
            } else if byte == 0x0A || byte == 0x0D {
                break
            } else {
                try checkControl(byte)
                buffer.append(byte)
                i += 1
            }
        }
        throw fail("Unterminated string", from: start, to: ByteText.lineEnd(bytes, from: start))
    }

    /// `'…'`, verbatim, on one line.
    mutating func readLiteralString() throws(SyntaxFailure) -> String {
        let start = i
        i += 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "'") {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                throw fail("Unterminated string", from: start, to: ByteText.lineEnd(bytes, from: start))
            }
            try checkControl(bytes[i])
            i += 1
        }
        guard i < bytes.count else { throw fail("Unterminated string", from: start, to: i) }
        i += 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(i - 1)]), as: UTF8.self)
    }

    /// `"""…"""` or `'''…'''`. A line break right after the opening quotes is dropped; line breaks
    /// become `\n`; up to two quotes may precede the closing three; in basic strings a backslash
    /// at the end of a line drops the break and the whitespace that follows.
    mutating func readMultilineString(quote: UInt8) throws(SyntaxFailure) -> String {
        let start = i
        let basic = quote == UInt8(ascii: "\"")
        i += 3
        if i < bytes.count, bytes[i] == 0x0A { i += 1 } else if i + 1 < bytes.count, bytes[i] == 0x0D, bytes[i + 1] == 0x0A { i += 2 }
        var buffer: [UInt8] = []
        while i < bytes.count {
            let byte = bytes[i]
            if byte == quote {
                var run = 0
                while i + run < bytes.count, bytes[i + run] == quote { run += 1 }
                if run >= 3 {
                    guard run <= 5 else { throw fail("Too many quotes at the end of a multi-line string", from: i, to: i + run) }
                    buffer.append(contentsOf: repeatElement(quote, count: run - 3))
                    i += run
                    return String(decoding: buffer, as: UTF8.self)
                }
                buffer.append(contentsOf: repeatElement(quote, count: run))
                i += run
            } else if basic, byte == UInt8(ascii: "\\") {
                var k = i + 1
                while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
                if k < bytes.count, bytes[k] == 0x0A || (bytes[k] == 0x0D && k + 1 < bytes.count && bytes[k + 1] == 0x0A) {
                    i = k
                    while i < bytes.count, ByteText.isSpace(bytes[i]) { i += 1 }
                } else {
                    try readEscape(into: &buffer)
                }
            } else if byte == 0x0D {
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else {
                    throw fail("A carriage return must be followed by a line feed", at: i)
                }
                buffer.append(0x0A)
                i += 2
            } else {
                if byte != 0x0A { try checkControl(byte) }
                buffer.append(byte)
                i += 1
            }
        }
        throw fail("Unterminated multi-line string", from: start, to: start + 3)
    }

    /// TOML forbids raw control characters other than tab in strings.
    private func checkControl(_ byte: UInt8) throws(SyntaxFailure) {
        if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
            throw fail("Control character \(ByteText.describe(bytes, at: i)) must be escaped in a string", at: i)
        }
    }

    /// One escape at `i` (the backslash).
    private mutating func readEscape(into buffer: inout [UInt8]) throws(SyntaxFailure) {
        let escape = i
        guard i + 1 < bytes.count else { throw fail("Unterminated string", from: escape, to: bytes.count) }
        let letter = bytes[i + 1]
        i += 2
        let simple: UInt8? = switch letter {
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "e"): 0x1B
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): letter
        default: nil
        }
        if let byte = simple {
            buffer.append(byte)
            return
        }
        let digits: Int
        switch letter {
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        case UInt8(ascii: "x"): digits = 2
        default:
            throw fail("Invalid escape \(ByteText.describeEscape(bytes, at: escape)) in string",
                       from: escape, to: escape + 1 + ByteText.sequenceLength(letter))
        }
        var value: UInt32 = 0
        for k in 0..<digits {
            guard i + k < bytes.count, let digit = ByteText.hexValue(bytes[i + k]) else {
                throw fail("Invalid escape: `\\\(String(decoding: [letter], as: UTF8.self))` needs \(digits) hex digits", from: escape, to: Swift.min(bytes.count, i + k + 1))
            }
            value = value << 4 | digit
        }
        i += digits
        guard Unicode.Scalar(value) != nil else {
            throw fail("Invalid escape: U+\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value", from: escape, to: i)
        }
        ByteText.appendScalar(value, to: &buffer)
    }
}
