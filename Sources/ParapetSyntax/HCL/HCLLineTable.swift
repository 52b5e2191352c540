import ParapetCore

/// Byte offsets to positions for one parse. Nodes are visited in source order, so a lookup
/// starts from the line of the previous one instead of a binary search over all lines.
struct HCLLineTable {
    let source: SourceFile
    private let starts: [Int]
    private let ascii: Bool
    private var hint = 0

    init(source: SourceFile) {
        self.source = source
        var starts = [0]
        var high: UInt8 = 0
        source.bytes.withUnsafeBufferPointer { bytes in
            for i in bytes.indices {
                high |= bytes[i]
                if bytes[i] == 0x0A { starts.append(i + 1) }
            }
        }
        self.starts = starts
        ascii = high < 0x80
    }

    mutating func position(_ offset: Int) -> SourcePosition {
        // Columns count code points: only ASCII files take the shortcut.
        guard ascii else { return source.position(at: offset) }
        let offset = max(0, min(offset, source.bytes.count))
        var line = min(hint, starts.count - 1)
        if starts[line] > offset || (line + 1 < starts.count && starts[line + 1] <= offset) {
            var steps = 0
            while steps < 4, starts[line] > offset {
                line -= 1
                steps += 1
            }
            while steps < 4, line + 1 < starts.count, starts[line + 1] <= offset {
                line += 1
                steps += 1
            }
            if starts[line] > offset || (line + 1 < starts.count && starts[line + 1] <= offset) {
                var low = 0, high = starts.count - 1
                while low < high {
                    let mid = (low + high + 1) / 2
                    if starts[mid] <= offset { low = mid } else { high = mid - 1 }
                }
                line = low
            }
        }
        hint = line
        return SourcePosition(line: line + 1, column: offset - starts[line] + 1, offset: offset)
    }

    mutating func range(_ start: Int, _ end: Int) -> SourceRange {
        let from = position(start)
        return SourceRange(file: source.file, start: from, end: position(max(start, end)))
    }
}
