import ParapetCore

/// A tag of a template (`${…}`, `%{ if … }`, `%{ endfor }`, or an unparsable piece): what
/// splits the literal text, and whether it strips the whitespace next to it.
struct HCLTemplateTagSpan {
    var start: Int
    var end: Int
    var strip: HCLStrip
}

/// A run of literal text between tags, with its decoded value.
struct HCLTemplateGap {
    var start: Int
    var end: Int
    var value: String
}

/// The literal text of one template, computed before its parts are built: the grammar splits
/// literal text at whitespace and does not decode it, and indentation removal (`<<-`) and strip
/// markers (`~`) reach across directive boundaries, so all gaps are decoded together here.
struct HCLTemplateContext {
    var style: HCLTemplate.Style
    var contentStart: Int
    var contentEnd: Int
    var gaps: [HCLTemplateGap]

    /// The literal parts whose text lies within `[from, to)`, skipping any that decode to "".
    func literals(from: Int, to: Int, range: (Int, Int) -> SourceRange) -> [HCLTemplatePart] {
        var low = 0, high = gaps.count
        while low < high {
            let mid = (low + high) / 2
            if gaps[mid].start < from { low = mid + 1 } else { high = mid }
        }
        var parts: [HCLTemplatePart] = []
        var index = low
        while index < gaps.count, gaps[index].end <= to {
            let gap = gaps[index]
            if !gap.value.isEmpty {
                parts.append(HCLTemplatePart(.literal(gap.value), range: range(gap.start, gap.end)))
            }
            index += 1
        }
        return parts
    }
}

/// Literal text processing, as HashiCorp's HCL does it: a heredoc's literal text is tokenized
/// per line, `~` strip markers trim the single literal token next to them, and only then does
/// `<<-` remove the indentation common to the lines (so a stripped line can count as unindented).
enum HCLTemplateText {
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// A literal token (a whole run in a quoted string, one line of a run in a heredoc) or a tag.
    private enum Entry {
        case literal(run: Int, value: [UInt8])
        case tag(HCLStrip)
    }

    /// Splits `[contentStart, contentEnd)` at the tags and decodes each literal run.
    static func gaps(_ bytes: UnsafeBufferPointer<UInt8>, contentStart: Int, contentEnd: Int,
                     tags: [HCLTemplateTagSpan], quoted: Bool, flush: Bool) -> [HCLTemplateGap] {
        var runs: [(start: Int, end: Int)] = []
        var entries: [Entry] = []
        func addRun(_ start: Int, _ end: Int) {
            let run = runs.count
            runs.append((start, end))
            var p = start
            while p < end {
                var q = end
                if !quoted {
                    q = p
                    while q < end, bytes[q] != newline { q += 1 }
                    q = min(q + 1, end)
                }
                entries.append(.literal(run: run, value: decode(bytes, start: p, end: q, quoted: quoted)))
                p = q
            }
        }
        var position = contentStart
        for tag in tags {
            let tagStart = min(max(tag.start, position), contentEnd)
            if tagStart > position { addRun(position, tagStart) }
            entries.append(.tag(tag.strip))
            position = max(position, min(tag.end, contentEnd))
        }
        if position < contentEnd { addRun(position, contentEnd) }

        applyStrip(&entries)
        if flush { removeIndent(&entries) }
        var values = [[UInt8]](repeating: [], count: runs.count)
        for case .literal(let run, let value) in entries { values[run] += value }
        return runs.indices.map { HCLTemplateGap(start: runs[$0].start, end: runs[$0].end,
                                                 value: String(decoding: values[$0], as: UTF8.self)) }
    }

    /// `~` strips all whitespace, newlines included, from the literal token right before (`${~`)
    /// or right after (`~}`) the tag.
    private static func applyStrip(_ entries: inout [Entry]) {
        for index in entries.indices {
            guard case .tag(let strip) = entries[index] else { continue }
            if strip.left, index > 0, case .literal(let run, var value) = entries[index - 1] {
                while let last = value.last, isSpace(last) { value.removeLast() }
                entries[index - 1] = .literal(run: run, value: value)
            }
            if strip.right, index + 1 < entries.count, case .literal(let run, var value) = entries[index + 1] {
                value.removeFirst(value.firstIndex(where: { !isSpace($0) }) ?? value.count)
                entries[index + 1] = .literal(run: run, value: value)
            }
        }
    }

    /// `<<-`: the fewest leading spaces of any line is removed from every line, where a line
    /// that starts with a tag counts as 0 and a blank line neither counts nor changes.
    private static func removeIndent(_ entries: inout [Entry]) {
        var minimum = Int.max
        var adjust: [Int] = []
        var atLineStart = true
        for index in entries.indices {
            switch entries[index] {
            case .tag:
                if atLineStart { minimum = 0 }
                atLineStart = false
            case .literal(_, let value):
                if atLineStart {
                    let blank = value.last == newline && value.allSatisfy(isSpace)
                    if !blank {
                        minimum = min(minimum, leadingSpaces(value))
                        adjust.append(index)
                    }
                }
                atLineStart = value.last == newline
            }
        }
        guard minimum != Int.max, minimum > 0 else { return }
        for index in adjust {
            guard case .literal(let run, var value) = entries[index] else { continue }
            value.removeFirst(min(minimum, leadingSpaces(value)))
            entries[index] = .literal(run: run, value: value)
        }
    }

    private static func leadingSpaces(_ value: [UInt8]) -> Int {
        value.firstIndex(where: { $0 != space && $0 != tab }) ?? value.count
    }

    /// Decodes one literal token: escapes (quoted strings only), `$${` and `%%{`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, quoted: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%"), i + 2 < end, bytes[i + 1] == byte,
               bytes[i + 2] == UInt8(ascii: "{") {
                out.append(byte)
                out.append(UInt8(ascii: "{"))
                i += 3
                continue
            }
            if quoted, byte == UInt8(ascii: "\\"), i + 1 < end {
                i = decodeEscape(bytes, at: i, end: end, into: &out)
                continue
            }
            out.append(byte)
            i += 1
        }
        return out
    }

    /// Decodes the escape at `i` (a backslash) and returns the index after it; an unknown escape
    /// is kept as written.
    private static func decodeEscape(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int,
                                     into out: inout [UInt8]) -> Int {
        switch bytes[i + 1] {
        case UInt8(ascii: "n"): out.append(newline)
        case UInt8(ascii: "r"): out.append(carriageReturn)
        case UInt8(ascii: "t"): out.append(tab)
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = bytes[i + 1] == UInt8(ascii: "u") ? 4 : 8
            guard i + 2 + digits <= end, let value = hexValue(bytes, from: i + 2, count: digits) else {
                out.append(bytes[i])
                return i + 1
            }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            Unicode.UTF8.encode(scalar) { out.append($0) }
            return i + 2 + digits
        default:
            out.append(bytes[i])
            return i + 1
        }
        return i + 2
    }

    private static func hexValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> UInt32? {
        var value: UInt32 = 0
        for i in start..<(start + count) {
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }
}
