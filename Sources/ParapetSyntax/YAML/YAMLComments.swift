import ParapetCore

/// libyaml drops comments, but suppressions (`# parapet:ignore ...`) live in them, so they are
/// recovered from the bytes: a `#` at the start of a line or after a blank starts a comment,
/// unless it lies inside a quoted or block scalar (the `protected` ranges the parse found).
/// Plain scalars cannot contain ` #`, so they need no protection.
enum YAMLCommentScanner {
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, upTo limit: Int,
                     protected: [Range<Int>], source: SourceFile) -> [Comment] {
        let ranges = protected.isSorted { $0.lowerBound < $1.lowerBound } ? protected : protected.sorted { $0.lowerBound < $1.lowerBound }
        let limit = Swift.min(limit, bytes.count)
        let bomEnd = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var comments: [Comment] = []
        var next = 0
        var i = 0
        while i < limit {
            guard bytes[i] == UInt8(ascii: "#") else { i += 1; continue }
            let previous: UInt8 = i > bomEnd ? bytes[i - 1] : 0x0A
            guard previous == 0x20 || previous == 0x09 || previous == 0x0A || previous == 0x0D else { i += 1; continue }
            while next < ranges.count && ranges[next].upperBound <= i { next += 1 }
            if next < ranges.count && ranges[next].contains(i) {
                i = ranges[next].upperBound
                continue
            }
            var end = i + 1
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            var textStart = i + 1, textEnd = end
            while textStart < textEnd, bytes[textStart] == 0x20 || bytes[textStart] == 0x09 { textStart += 1 }
            while textEnd > textStart, bytes[textEnd - 1] == 0x20 || bytes[textEnd - 1] == 0x09 { textEnd -= 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[textStart..<textEnd]), as: UTF8.self)
            comments.append(Comment(text: text, range: source.range(base + i, base + end)))
            i = end
        }
        return comments
    }
}

private extension Array {
    func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        guard count > 1 else { return true }
        for index in 1..<count where areInIncreasingOrder(self[index], self[index - 1]) { return false }
        return true
    }
}
