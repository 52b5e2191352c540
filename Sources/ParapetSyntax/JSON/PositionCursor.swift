import ParapetCore

/// Turns byte offsets into positions in one forward pass. A parser asks for positions in nearly
/// increasing order (a node's start, then its end), so walking forward from the last answer costs
/// O(file) in total, where `SourceFile.position(at:)` pays a binary search and a code-point count
/// for every call. Offsets behind the cursor (rare: error ranges) fall back to the source file.
struct PositionCursor {
    let source: SourceFile
    let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var column = 1

    init(source: SourceFile, bytes: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.bytes = bytes
    }

    mutating func position(at target: Int) -> SourcePosition {
        let target = Swift.min(Swift.max(0, target), bytes.count)
        guard target >= offset else { return source.position(at: target) }
        var k = offset
        while k < target {
            let byte = bytes[k]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Only the first byte of a UTF-8 sequence starts a code point.
                column += 1
            }
            k += 1
        }
        offset = target
        return SourcePosition(line: line, column: column, offset: target)
    }

    mutating func range(_ start: Int, _ end: Int) -> SourceRange {
        let startPosition = position(at: start)
        return SourceRange(path: source.path, start: startPosition, end: position(at: Swift.max(start, end)))
    }
}

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

    /// How an error message names the character at `offset`: `x` for printable ones, `U+0009`
    /// for controls, "end of file" past the end.
    static func describe(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let end = Swift.min(bytes.count, offset + sequenceLength(bytes[offset]))
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "end of file" }
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FFFD}" {
            let hex = String(bytes[offset], radix: 16, uppercase: true)
            return scalar == "\u{FFFD}" ? "byte 0x\(hex)" : "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return "`\(text)`"
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

    /// Appends the UTF-8 encoding of a code point, or of U+FFFD when it is not a Unicode scalar.
    static func appendScalar(_ value: UInt32, to buffer: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        UTF8.encode(scalar) { buffer.append($0) }
    }
}
