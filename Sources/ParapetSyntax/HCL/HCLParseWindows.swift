import ParapetCore

/// The ranges of a file that tree-sitter parses one at a time.
///
/// tree-sitter 0.20.7 (the runtime in Debian 12) keeps a node's child count in 16 bits: a node
/// with 65,536 children corrupts the heap (fixed upstream in 0.20.8). Such nodes come from long
/// runs of blank space or comments (each blank character is a child) and from error recovery,
/// which wraps the whole parse stack into one ERROR node. Both are bounded by the bytes one parse
/// sees, so large files are parsed in windows of at most `maxBytes`, cut where a top-level
/// attribute or block starts. A single top-level item larger than that is parsed whole only when
/// its shape bounds the parse stack well below the limit; otherwise only a prefix of it is read.
struct HCLParseWindow: Equatable {
    var start: Int
    var end: Int
    /// Set when the window stops short of the item it belongs to: the item ends at `itemEnd`.
    var itemEnd: Int?
    var limit: LimitKind?
}

/// How to parse a file: its windows, and the long runs of blank space that tree-sitter is given
/// as block comments of the same length instead. tree-sitter-hcl's scanner skips a whole run of
/// blank space each time it is called in code, and then the run is lexed one character at a
/// time: runs cost quadratic time (32 KB of blank lines inside brackets: six seconds).
struct HCLParsePlan {
    var windows: [HCLParseWindow]
    var blankRuns: [(start: Int, end: Int)]
}

enum HCLParseWindows {
    /// At most one child per byte (plus zero-width tokens): comfortably under 65,536.
    static let maxBytes = 32_000
    /// The bound on a parse stack that the shape of a large item must stay under.
    static let maxStack = 60_000
    /// Shorter runs of blank space cost little and are left alone.
    static let blankRun = 64

    static func plan(_ bytes: UnsafeBufferPointer<UInt8>) -> HCLParsePlan {
        var scanner = HCLShapeScanner(bytes)
        let chunks = scanner.chunks()
        return HCLParsePlan(windows: windows(chunks, bytes), blankRuns: scanner.blankRuns)
    }

    private static func windows(_ chunks: [HCLShapeChunk], _ bytes: UnsafeBufferPointer<UInt8>) -> [HCLParseWindow] {
        guard bytes.count > maxBytes else { return [HCLParseWindow(start: 0, end: bytes.count)] }
        var windows: [HCLParseWindow] = []
        var index = 0
        while index < chunks.count {
            var window = HCLParseWindow(start: chunks[index].start, end: chunks[index].end)
            if chunks[index].end - chunks[index].start > maxBytes {
                if let limit = chunks[index].unsafeReason {
                    // Read what fits; the rest of this item is skipped.
                    window.end = lineStart(before: window.start + maxBytes, after: window.start, bytes)
                    window.itemEnd = chunks[index].end
                    window.limit = limit
                }
                index += 1
            } else {
                index += 1
                while index < chunks.count, chunks[index].end - window.start <= maxBytes {
                    window.end = chunks[index].end
                    index += 1
                }
            }
            windows.append(window)
        }
        return windows
    }

    /// The start of the line holding `offset`, unless that is `floor` itself.
    private static func lineStart(before offset: Int, after floor: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = offset
        while i > floor + 1, bytes[i - 1] != UInt8(ascii: "\n") { i -= 1 }
        return i > floor + 1 ? i : offset
    }
}
