/// Turns libyaml marks into byte offsets. libyaml's `mark.index` counts characters (code points,
/// a CRLF being two) of the UTF-8 input, while Parapet's positions are byte offsets. The cursor
/// walks from the previous mark, which is cheap because marks arrive almost in source order.
struct YAMLMarkConverter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let isASCII: Bool
    private var character = 0
    private var byte = 0

    /// Whether libyaml's line and column agree with `SourceFile`'s: libyaml also breaks lines at
    /// a lone CR, NEL, LS and PS, which `SourceFile` does not.
    let linesMatch: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var ascii = true, lines = true
        var index = 0
        let count = bytes.count
        while index < count {
            let value = bytes[index]
            if value >= 0x80 {
                ascii = false
                let next = index + 1 < count ? bytes[index + 1] : 0
                if value == 0xC2 && next == 0x85 { lines = false }
                if value == 0xE2 && next == 0x80 && index + 2 < count && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) { lines = false }
            } else if value == 0x0D && (index + 1 == count || bytes[index + 1] != 0x0A) {
                lines = false
            }
            index += 1
        }
        self.isASCII = ascii
        self.linesMatch = lines
    }

    /// The byte offset of the character at `index`, clamped to the input.
    mutating func offset(ofCharacter index: Int) -> Int {
        if isASCII { return Swift.max(0, Swift.min(index, bytes.count)) }
        while character < index && byte < bytes.count {
            byte += 1
            while byte < bytes.count && bytes[byte] & 0xC0 == 0x80 { byte += 1 }
            character += 1
        }
        while character > index && byte > 0 {
            byte -= 1
            while byte > 0 && bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
            character -= 1
        }
        return byte
    }

    /// The end of the character that starts at `offset`, or `offset` itself at a line break or
    /// the end of the input: what a diagnostic underlines.
    func characterEnd(at offset: Int) -> Int {
        guard offset >= 0, offset < bytes.count, bytes[offset] != 0x0A, bytes[offset] != 0x0D else { return offset }
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }
}
