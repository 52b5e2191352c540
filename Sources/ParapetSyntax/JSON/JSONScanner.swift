import ParapetCore

/// Tokens of JSON: trivia (whitespace and JSONC comments), strings, numbers and literals.
extension JSONReader {
    /// Skips whitespace and, in JSONC, comments (collected for suppressions).
    mutating func skipTrivia() throws(SyntaxFailure) {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: "/"):
                guard allowComments else { throw fail("Comments are not allowed in JSON", at: i) }
                let start = i
                let next = i + 1 < bytes.count ? bytes[i + 1] : 0
                if next == UInt8(ascii: "/") {
                    let end = ByteText.lineEnd(bytes, from: start)
                    addComment(start, end, text: ByteText.trimmed(bytes, start + 2, end))
                    i = end
                } else if next == UInt8(ascii: "*") {
                    var k = start + 2
                    while k + 1 < bytes.count, !(bytes[k] == UInt8(ascii: "*") && bytes[k + 1] == UInt8(ascii: "/")) { k += 1 }
                    guard k + 1 < bytes.count else { throw fail("Unterminated comment", from: start, to: start + 2) }
                    addComment(start, k + 2, text: ByteText.trimmed(bytes, start + 2, k))
                    i = k + 2
                } else {
                    throw fail("Unexpected `/`: a comment starts with `//` or `/*`", at: i)
                }
            default:
                return
            }
        }
    }

    private mutating func addComment(_ start: Int, _ end: Int, text: String) {
        comments.append(Comment(text: text, range: cursor.range(start, end)))
    }

    /// A string, number, `true`, `false` or `null` at `i`.
    mutating func readScalar() throws(SyntaxFailure) -> DataNode {
        let start = i
        let startPosition = cursor.position(at: start)
        let byte = bytes[i]
        let scalar: Scalar
        if byte == UInt8(ascii: "\"") {
            scalar = Scalar(try readString(), style: .string)
        } else if byte == UInt8(ascii: "-") || isDigit(byte) {
            scalar = Scalar(try readNumber(), style: .number)
        } else if isWordByte(byte) {
            while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            switch word {
            case "true", "false": scalar = Scalar(word, style: .bool)
            case "null": scalar = Scalar(word, style: .null)
            default: throw fail("Unexpected `\(word)`, expected a value (strings need double quotes)", from: start, to: i)
            }
        } else if byte == UInt8(ascii: "'") {
            throw fail("Unexpected `'`, expected a value (JSON strings use double quotes)", at: i)
        } else {
            throw fail("Unexpected \(ByteText.describe(bytes, at: i)), expected a value", at: i)
        }
        return DataNode(.scalar(scalar), range: SourceRange(file: source.file, start: startPosition, end: cursor.position(at: i)))
    }

    /// A string at `i` (the opening quote); returns the decoded text and leaves `i` after the
    /// closing quote. Text without escapes is decoded straight from the buffer.
    mutating func readString() throws(SyntaxFailure) -> String {
        let start = i
        i += 1
        let contentStart = i
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<(i - 1)]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            i += 1
        }
        var buffer = Array(bytes[contentStart..<i])
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: buffer, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try readEscape(into: &buffer, stringStart: start)
            } else if byte == 0x0A || byte == 0x0D {
                break
            } else if byte < 0x20 {
                throw fail("Control character \(ByteText.describe(bytes, at: i)) must be escaped in a string", at: i)
            } else {
                buffer.append(byte)
                i += 1
            }
        }
        throw fail("Unterminated string", from: start, to: ByteText.lineEnd(bytes, from: start))
    }

    /// One escape at `i` (the backslash). A surrogate pair becomes one scalar; a lone or
    /// mismatched surrogate becomes U+FFFD, as browsers' JSON.parse keeps going too.
    private mutating func readEscape(into buffer: inout [UInt8], stringStart: Int) throws(SyntaxFailure) {
        let escape = i
        guard i + 1 < bytes.count else { throw fail("Unterminated string", from: stringStart, to: bytes.count) }
        let letter = bytes[i + 1]
        i += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(letter)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hex4(at: i) else {
                throw fail("Invalid unicode escape: `\\u` needs four hex digits", from: escape, to: Swift.min(bytes.count, escape + 6))
            }
            i += 4
            if (0xD800...0xDBFF).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
               bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(at: i + 2), (0xDC00...0xDFFF).contains(low) {
                i += 6
                ByteText.appendScalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), to: &buffer)
            } else {
                // A surrogate here is unpaired; appendScalar turns it into U+FFFD.
                ByteText.appendScalar(unit, to: &buffer)
            }
        default:
            throw fail("Invalid escape \(ByteText.describeEscape(bytes, at: escape)) in string",
                       from: escape, to: escape + 1 + ByteText.sequenceLength(letter))
        }
    }

    private func hex4(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for k in offset..<(offset + 4) {
            guard let digit = ByteText.hexValue(bytes[k]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// A number per RFC 8259 (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`); returns its text as written.
    private mutating func readNumber() throws(SyntaxFailure) -> String {
        let start = i
        var valid = true
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if i < bytes.count, isDigit(bytes[i]) {
            skipDigits()
        } else {
            valid = false
        }
        if valid, i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            valid = i < bytes.count && isDigit(bytes[i])
            skipDigits()
        }
        if valid, i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            valid = i < bytes.count && isDigit(bytes[i])
            skipDigits()
        }
        // `01`, `1.`, `1e`, `-x`, `0x1F`, `1.2.3`: take the whole run so the message shows it.
        if !valid || (i < bytes.count && (isWordByte(bytes[i]) || bytes[i] == UInt8(ascii: "."))) {
            while i < bytes.count, isWordByte(bytes[i]) || bytes[i] == UInt8(ascii: ".")
                    || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            throw fail("Invalid number `\(text)`", from: start, to: i)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    private mutating func skipDigits() {
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Letters, digits, `_` and `$`: the run an unquoted word or a malformed number spans.
    private func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }
}
