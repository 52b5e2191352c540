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
        return SourceRange(file: source.file, start: startPosition, end: position(at: Swift.max(start, end)))
    }
}
