import ParapetCore
import ParapetSyntax

/// Maps offsets in the decoded text of a scalar (a `settings: |` block of JSON, a `claude_args`
/// string, a `run:` script) back to the file, so that facts read from embedded text point at
/// the line and column that wrote them.
///
/// The map is exact when every content line of the scalar, as it is written in the file (block
/// indentation removed, flow continuation indentation removed), is found in order in the decoded
/// text with only line breaks and blanks between them: block scalars (`|`, `>`, with or without
/// chomping), plain and quoted scalars without escapes. When that fails (escapes, `''`, odd
/// indentation), every offset maps to the scalar's own range (`fallback`), which starts on the
/// line of its key.
struct ClientTextMap {
    struct Segment {
        var text: Int
        var file: Int
        var length: Int
    }

    let source: SourceFile
    let fallback: SourceRange
    /// Sorted by `text`; nil when the text could not be matched line by line.
    let segments: [Segment]?
    /// For nested text (a shell word inside the scalar): offset in the nested text → offset in
    /// the scalar's text.
    var indirection: [Int]?

    /// The map of a scalar node of `source`.
    static func of(_ node: DataNode, in source: SourceFile) -> ClientTextMap {
        let segments = node.scalar.flatMap { segmentsOf($0, at: node.range, in: source) }
        return ClientTextMap(source: source, fallback: node.range, segments: segments, indirection: nil)
    }

    var isExact: Bool { segments != nil }

    /// The file offset of a byte of the text, nil when unknown.
    func fileOffset(_ offset: Int) -> Int? {
        var t = offset
        if let indirection {
            guard offset >= 0, offset < indirection.count else { return nil }
            t = indirection[offset]
        }
        guard let segments else { return nil }
        // Binary search for the last segment starting at or before `t`.
        var low = 0, high = segments.count - 1, found = -1
        while low <= high {
            let mid = (low + high) / 2
            if segments[mid].text <= t { found = mid; low = mid + 1 } else { high = mid - 1 }
        }
        guard found >= 0 else { return nil }
        let segment = segments[found]
        guard t < segment.text + segment.length else { return nil }
        return segment.file + (t - segment.text)
    }

    /// The file range of the text's bytes `start ..< end`; the scalar's range when unknown.
    func range(_ start: Int, _ end: Int) -> SourceRange {
        guard let first = fileOffset(start) else { return fallback }
        guard end > start + 1 else { return source.range(first, first + max(0, end - start)) }
        guard let last = fileOffset(end - 1), last >= first else { return fallback }
        return source.range(first, last + 1)
    }

    /// The map of a text nested in this one, whose byte `i` is this text's byte `offsets[i]`.
    func through(_ offsets: [Int]) -> ClientTextMap {
        var nested = self
        nested.indirection = indirection.map { outer in offsets.map { $0 >= 0 && $0 < outer.count ? outer[$0] : -1 } } ?? offsets
        return nested
    }

    /// A node parsed from the text (its ranges relative to the text) with every range, keys
    /// included, moved into the file.
    func remap(_ node: DataNode) -> DataNode {
        let range = self.range(node.range.start.offset, node.range.end.offset)
        switch node.content {
        case .scalar:
            return DataNode(node.content, range: range)
        case .sequence(let items):
            return DataNode(.sequence(items.map(remap)), range: range)
        case .mapping(let entries):
            return DataNode(.mapping(entries.map { DataEntry(key: remap($0.key), value: remap($0.value)) }), range: range)
        }
    }

    /// Parses the text as JSON (JSONC accepted) and moves the result into the file; nil when it
    /// is not JSON. Errors inside embedded JSON are not reported: the file itself parsed.
    func parseJSON(_ text: String) -> DataNode? {
        let embedded = SourceFile(path: source.path, text: text)
        guard let root = JSONParser.parse(embedded, allowComments: true).documents.first else { return nil }
        return remap(root)
    }

    /// Parses the text as YAML (`claude_env`) and moves the first document into the file.
    func parseYAML(_ text: String) -> DataNode? {
        let embedded = SourceFile(path: source.path, text: text)
        let result = YAMLParser.parse(embedded)
        guard result.diagnostics.isEmpty, let root = result.documents.first else { return nil }
        return remap(root)
    }

    // MARK: - Building the segments

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The content lines of the scalar in the file, matched in order against its decoded text.
    static func segmentsOf(_ scalar: Scalar, at range: SourceRange, in source: SourceFile) -> [Segment]? {
        let bytes = source.bytes
        let start = range.start.offset, end = range.end.offset
        guard range.path == source.path, start >= 0, start <= end, end <= bytes.count else { return nil }
        var pieces: [(file: Int, length: Int)] = []

        func trimmedEnd(_ from: Int, _ to: Int) -> Int {
            var e = to
            while e > from, isSeparator(bytes[e - 1]) { e -= 1 }
            return e
        }

        let oneLine = !bytes[start ..< end].contains(0x0A)
        switch scalar.style {
        case .literal, .folded:
            // The header line holds the indicator and its options; content starts on the next line.
            var i = start
            while i < end, bytes[i] != 0x0A { i += 1 }
            var lineStart = i + 1
            var indent: Int?
            while lineStart < end {
                var lineEnd = lineStart
                while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let contentEnd = trimmedEnd(lineStart, lineEnd)
                var lead = 0
                while lineStart + lead < contentEnd, bytes[lineStart + lead] == 0x20 { lead += 1 }
                if lineStart + lead < contentEnd {
                    let n = indent ?? lead
                    indent = n
                    guard lead >= n else { return nil }
                    pieces.append((lineStart + n, contentEnd - lineStart - n))
                }
                lineStart = lineEnd + 1
            }
        case .singleQuoted where oneLine, .doubleQuoted where oneLine:
            // One line: escapes (`\"`, `''`) are decoded here, each decoded byte mapped to its escape.
            return quotedLine(bytes, start + 1, max(start + 1, end - 1), double: scalar.style == .doubleQuoted,
                              text: Array(scalar.text.utf8))
        default:
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .string
            let s = start + (quoted ? 1 : 0), e = end - (quoted ? 1 : 0)
            guard s <= e else { return nil }
            var lineStart = s
            var first = true
            while true {
                var lineEnd = lineStart
                while lineEnd < e, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var contentStart = lineStart
                if !first { while contentStart < lineEnd, bytes[contentStart] == 0x20 || bytes[contentStart] == 0x09 { contentStart += 1 } }
                let contentEnd = trimmedEnd(contentStart, lineEnd)
                if contentStart < contentEnd { pieces.append((contentStart, contentEnd - contentStart)) }
                first = false
                if lineEnd >= e { break }
                lineStart = lineEnd + 1
            }
        }

        let text = Array(scalar.text.utf8)
        var position = 0
        var segments: [Segment] = []
        for piece in pieces {
            let written = bytes[piece.file ..< piece.file + piece.length]
            while true {
                if position + piece.length <= text.count, text[position ..< position + piece.length].elementsEqual(written) { break }
                guard position < text.count, isSeparator(text[position]) else { return nil }
                position += 1
            }
            segments.append(Segment(text: position, file: piece.file, length: piece.length))
            position += piece.length
        }
        guard text[position...].allSatisfy(isSeparator) else { return nil }
        return segments
    }
}

extension ClientTextMap {
    /// The segments of a one-line quoted YAML scalar whose content is `bytes[start ..< end]`:
    /// runs of literal bytes map one to one; the bytes an escape decodes to map to the escape.
    /// nil when the decoding does not give the scalar's text (an escape this does not know).
    static func quotedLine(_ bytes: [UInt8], _ start: Int, _ end: Int, double: Bool, text: [UInt8]) -> [Segment]? {
        var decoded: [UInt8] = []
        var segments: [Segment] = []
        var i = start
        let backslash = UInt8(ascii: "\\"), quote = UInt8(ascii: "'")
        while i < end {
            if double, bytes[i] == backslash, i + 1 < end {
                guard let (out, length) = escape(bytes, i + 1, end) else { return nil }
                for byte in out {
                    segments.append(Segment(text: decoded.count, file: i, length: 1))
                    decoded.append(byte)
                }
                i += length + 1
            } else if !double, bytes[i] == quote, i + 1 < end, bytes[i + 1] == quote {
                segments.append(Segment(text: decoded.count, file: i, length: 1))
                decoded.append(quote)
                i += 2
            } else {
                var j = i
                while j < end, !(double && bytes[j] == backslash), !(!double && bytes[j] == quote) { j += 1 }
                guard j > i else { return nil }
                segments.append(Segment(text: decoded.count, file: i, length: j - i))
                decoded += bytes[i ..< j]
                i = j
            }
        }
        return decoded == text ? segments : nil
    }

    /// A YAML double-quoted escape starting at `bytes[at]` (after the backslash): its bytes and
    /// how many source bytes it takes.
    private static func escape(_ bytes: [UInt8], _ at: Int, _ end: Int) -> ([UInt8], Int)? {
        let simple: [UInt8: [UInt8]] = [
            UInt8(ascii: "0"): [0], UInt8(ascii: "a"): [7], UInt8(ascii: "b"): [8], UInt8(ascii: "t"): [9], 0x09: [9],
            UInt8(ascii: "n"): [10], UInt8(ascii: "v"): [11], UInt8(ascii: "f"): [12], UInt8(ascii: "r"): [13],
            UInt8(ascii: "e"): [27], 0x20: [0x20], UInt8(ascii: "\""): [0x22], UInt8(ascii: "/"): [0x2F],
            UInt8(ascii: "\\"): [0x5C], UInt8(ascii: "N"): [0xC2, 0x85], UInt8(ascii: "_"): [0xC2, 0xA0],
            UInt8(ascii: "L"): [0xE2, 0x80, 0xA8], UInt8(ascii: "P"): [0xE2, 0x80, 0xA9],
        ]
        if let out = simple[bytes[at]] { return (out, 1) }
        let digits: Int
        switch bytes[at] {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: return nil
        }
        guard at + digits < end,
              let value = UInt32(String(decoding: bytes[(at + 1) ... (at + digits)], as: UTF8.self), radix: 16),
              let scalar = Unicode.Scalar(value) else { return nil }
        return (Array(String(Character(scalar)).utf8), digits + 1)
    }
}

/// Shell words of a command line or script (`claude_args`, `run:`), with the offset in the text
/// of every byte of every word, so that a flag's value can be pointed at. Quotes (`'…'`, `"…"`),
/// backslash escapes and line continuations are honoured; `#` starts a comment at the start of
/// a word. Nothing is expanded: `$VAR` and `$(…)` stay as written.
enum ClientShellWords {
    struct Word {
        var bytes: [UInt8] = []
        /// `offsets[i]` is the offset in the text of `bytes[i]`.
        var offsets: [Int] = []

        var text: String { String(decoding: bytes, as: UTF8.self) }
        var isEmpty: Bool { bytes.isEmpty }
    }

    /// The words of an argument string; line breaks and operators are blanks.
    static func words(_ text: String) -> [Word] {
        commands(text, splitting: false).flatMap { $0 }
    }

    /// The simple commands of a script: split at unquoted line breaks, `;`, `|`, `&` (and so
    /// `&&`, `||`).
    static func commands(_ text: String) -> [[Word]] {
        commands(text, splitting: true)
    }

    private static func commands(_ text: String, splitting: Bool) -> [[Word]] {
        let bytes = Array(text.utf8)
        var commands: [[Word]] = []
        var current: [Word] = []
        var word = Word()
        var inWord = false
        var i = 0

        func endWord() {
            if inWord { current.append(word) }
            word = Word()
            inWord = false
        }
        func endCommand() {
            endWord()
            if !current.isEmpty { commands.append(current) }
            current = []
        }
        func add(_ index: Int) {
            word.bytes.append(bytes[index])
            word.offsets.append(index)
            inWord = true
        }

        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x20, 0x09, 0x0D:
                endWord()
                i += 1
            case 0x0A:
                if splitting { endCommand() } else { endWord() }
                i += 1
            case UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "&"):
                if splitting { endCommand() } else { add(i) }
                i += 1
            case UInt8(ascii: "#") where !inWord:
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            case UInt8(ascii: "\\"):
                if i + 1 < bytes.count {
                    if bytes[i + 1] == 0x0A {
                        i += 2 // line continuation
                    } else {
                        add(i + 1)
                        i += 2
                    }
                } else {
                    add(i)
                    i += 1
                }
            case UInt8(ascii: "'"):
                inWord = true
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "'") { add(i); i += 1 }
                i += 1
            case UInt8(ascii: "\""):
                inWord = true
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count,
                       [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "`"), 0x0A].contains(bytes[i + 1]) {
                        if bytes[i + 1] != 0x0A { add(i + 1) }
                        i += 2
                        continue
                    }
                    add(i)
                    i += 1
                }
                i += 1
            case UInt8(ascii: "$") where i + 2 < bytes.count && bytes[i + 1] == UInt8(ascii: "{") && bytes[i + 2] == UInt8(ascii: "{"):
                // A GitHub expression is replaced before the shell sees it: one piece of the word.
                while i < bytes.count, !(bytes[i] == UInt8(ascii: "}") && i > 0 && bytes[i - 1] == UInt8(ascii: "}")) { add(i); i += 1 }
                if i < bytes.count { add(i); i += 1 }
            default:
                add(i)
                i += 1
            }
        }
        endCommand()
        return commands
    }
}
