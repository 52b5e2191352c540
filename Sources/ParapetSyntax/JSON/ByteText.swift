/// Byte helpers shared by the JSON and TOML readers.
enum ByteText {
    /// The UTF-8 length of the sequence that starts with `byte` (1 for stray continuation bytes,
    /// so that a scan always moves forward).
    static func sequenceLength(_ byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }

    /// How an error message names the character at `offset`: `x` for visible ones, `U+0009`
    /// for controls and invisible ones, `byte 0xFF` for bytes that are not UTF-8, "end of file"
    /// past the end.
    static func describe(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let end = Swift.min(bytes.count, offset + sequenceLength(bytes[offset]))
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<end])
        let text = String(decoding: slice, as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "end of file" }
        // A replacement character that was not written as one: the byte is not UTF-8.
        if scalar == "\u{FFFD}", !slice.elementsEqual([0xEF, 0xBF, 0xBD]) {
            return "byte 0x" + String(bytes[offset], radix: 16, uppercase: true)
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
        default:
            return "`\(text)`"
        }
    }

    /// How a message names the escape whose backslash is at `offset`: "`\q`", or "`\` followed
    /// by U+0000" when the character after the backslash is not visible.
    static func describeEscape(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        let next = describe(bytes, at: offset + 1)
        return next.hasPrefix("`") ? "`\\" + next.dropFirst() : "`\\` followed by \(next)"
    }

    /// The end of the line that contains `offset` (before `\r\n` or `\n`).
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        var k = offset
        while k < bytes.count, bytes[k] != 0x0A { k += 1 }
        if k > offset, bytes[k - 1] == 0x0D { k -= 1 }
        return k
    }

    /// Text of a byte range with surrounding whitespace (spaces, tabs, line breaks) removed.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var s = start, e = end
        while s < e, isSpace(bytes[s]) { s += 1 }
        while e > s, isSpace(bytes[e - 1]) { e -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    /// The offset of the first byte that does not belong to well-formed UTF-8 (overlong forms,
    /// surrogates and code points past U+10FFFF included), or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var k = start
        while k < bytes.count {
            let byte = bytes[k]
            if byte < 0x80 {
                k += 1
                continue
            }
            // The continuation count, and the range allowed for the second byte (RFC 3629).
            let (count, low, high): (Int, UInt8, UInt8)
            switch byte {
            case 0xC2...0xDF: (count, low, high) = (1, 0x80, 0xBF)
            case 0xE0: (count, low, high) = (2, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (count, low, high) = (2, 0x80, 0xBF)
            case 0xED: (count, low, high) = (2, 0x80, 0x9F)
            case 0xF0: (count, low, high) = (3, 0x90, 0xBF)
            case 0xF1...0xF3: (count, low, high) = (3, 0x80, 0xBF)
            case 0xF4: (count, low, high) = (3, 0x80, 0x8F)
            default: return k
            }
            guard k + count < bytes.count, bytes[k + 1] >= low, bytes[k + 1] <= high else { return k }
            for j in 1...count where bytes[k + j] & 0xC0 != 0x80 { return k }
            k += count + 1
        }
        return nil
    }

    /// Appends the UTF-8 encoding of a code point, or of U+FFFD when it is not a Unicode scalar.
    static func appendScalar(_ value: UInt32, to buffer: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        UTF8.encode(scalar) { buffer.append($0) }
    }
}
