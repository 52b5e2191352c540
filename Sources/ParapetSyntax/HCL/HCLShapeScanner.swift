import ParapetCore

/// A top-level chunk of a file, and whether its shape makes a safe single parse.
struct HCLShapeChunk {
    var start: Int
    var end: Int
    var unsafeReason: LimitKind?
}

/// A light lexer, modelled on how tree-sitter-hcl tokenizes (quoted strings may span lines;
/// heredocs end at a line holding only their marker), that finds top-level boundaries and
/// measures, per chunk, what can pile up on a parse stack: open brackets, interpolations and
/// strings; runs of unary operators; conditionals not yet closed (right-associative, they nest);
/// and runs of blank space and comments (each blank character is a node of its own).
struct HCLShapeScanner {
    private enum Frame {
        case top(conditionals: Int)
        case bracket(UInt8, conditionals: Int)
        case interpolation(conditionals: Int)
        case string
        case heredoc(markerStart: Int, markerEnd: Int)

        var conditionals: Int {
            switch self {
            case .top(let n), .bracket(_, let n), .interpolation(let n): n
            case .string, .heredoc: 0
            }
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Runs of blank space in code worth handing to tree-sitter as one comment, line breaks at
    /// their ends left out (so that a heredoc's closing line is never touched).
    private(set) var blankRuns: [(start: Int, end: Int)] = []
    private var blankStart: Int?
    private var frames: [Frame] = [.top(conditionals: 0)]
    private var conditionals = 0
    private var maxOpen = 0
    private var maxConditionals = 0
    private var extrasRun = 0
    /// Lengths of the runs of extras longer than one in the current chunk, and how many runs
    /// of one there were.
    private var runs: [Int] = []
    private var singleRuns = 0
    private var unaryRun = 0
    private var maxUnaryRun = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func chunks() -> [HCLShapeChunk] {
        var chunks: [HCLShapeChunk] = []
        var chunkStart = 0
        var i = 0
        var atLineStart = true
        while i < bytes.count {
            if atLineStart, i > chunkStart, frames.count == 1, isBoundary(i) {
                // A window may start here: no rewritten run may span it.
                endBlankRun(at: i)
                chunks.append(finishChunk(chunkStart, i))
                chunkStart = i
            }
            let next = step(i)
            atLineStart = next > i && bytes[next - 1] == UInt8(ascii: "\n")
            i = max(next, i + 1)
        }
        endBlankRun(at: bytes.count)
        var last = finishChunk(chunkStart, bytes.count)
        // Every other chunk ends where all it opened is closed. This one does not: the lexer's
        // view of it (inside a string or heredoc, say) cannot be trusted to match tree-sitter's.
        if frames.count > 1, last.unsafeReason == nil { last.unsafeReason = .depth }
        chunks.append(last)
        return chunks
    }

    /// Records the long parts of a finished run: the blank space before its first line break
    /// (after a token), between its first and last line breaks, and after its last one. The
    /// breaks themselves stay: one may end a `#` comment, and the next may start a heredoc's
    /// closing line.
    private mutating func endBlankRun(at end: Int) {
        guard let start = blankStart else { return }
        blankStart = nil
        guard end - start >= HCLParseWindows.blankRun else { return }
        var parts: [(Int, Int)] = [(start, end)]
        if let first = (start..<end).first(where: { bytes[$0] == UInt8(ascii: "\n") }),
           let last = (start..<end).last(where: { bytes[$0] == UInt8(ascii: "\n") }) {
            parts = [(start, first), (first + 1, last), (last + 1, end)]
        }
        for (from, to) in parts where to - from >= HCLParseWindows.blankRun { blankRuns.append((from, to)) }
    }

    /// A top-level line where a window may start: a top-level attribute or block, or a blank or
    /// comment line (tree-sitter would only join across it what HCL rejects anyway).
    private func isBoundary(_ i: Int) -> Bool {
        var j = i
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
        if j >= bytes.count || bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "#") { return true }
        if bytes[j] == UInt8(ascii: "/"), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "/") || bytes[j + 1] == UInt8(ascii: "*") {
            return true
        }
        return HCLResync.looksTopLevel(i, lineEnd(i), bytes)
    }

    private mutating func finishChunk(_ start: Int, _ end: Int) -> HCLShapeChunk {
        endExtrasRun()
        var reason: LimitKind?
        // Only a chunk larger than a window needs its shape to bound the parse stack.
        if end - start > HCLParseWindows.maxBytes {
            // A handful of pending tokens per open construct, with a run of extras before each:
            // at worst the longest runs of the chunk.
            let tokens = 8 * (maxOpen + maxUnaryRun + maxConditionals + 16)
            runs.sort(by: >)
            let gaps = tokens + 1
            let extras = runs.prefix(gaps).reduce(0, +) + min(singleRuns, max(0, gaps - runs.count))
            if tokens + extras >= HCLParseWindows.maxStack {
                reason = (runs.first ?? 0) * 2 >= HCLParseWindows.maxStack ? .fileSize : .depth
            }
        }
        maxOpen = frames.count - 1
        maxConditionals = conditionals
        maxUnaryRun = 0
        runs.removeAll(keepingCapacity: true)
        singleRuns = 0
        return HCLShapeChunk(start: start, end: end, unsafeReason: reason)
    }

    private mutating func endExtrasRun() {
        if extrasRun > 1 { runs.append(extrasRun) } else if extrasRun == 1 { singleRuns += 1 }
        extrasRun = 0
    }

    private func lineEnd(_ i: Int) -> Int {
        var j = i
        while j < bytes.count, bytes[j] != UInt8(ascii: "\n") { j += 1 }
        return j
    }

    /// Consumes the token or character at `i`; returns the index after it.
    private mutating func step(_ i: Int) -> Int {
        switch frames[frames.count - 1] {
        case .top, .bracket, .interpolation: return code(i)
        case .string: return string(i)
        case .heredoc(let markerStart, let markerEnd): return heredoc(i, markerStart: markerStart, markerEnd: markerEnd)
        }
    }

    private mutating func push(_ frame: Frame) {
        frames.append(frame)
        maxOpen = max(maxOpen, frames.count - 1)
    }

    private mutating func pop() {
        guard frames.count > 1 else { return }
        conditionals -= frames.removeLast().conditionals
    }

    /// Conditionals of the innermost code frame end with its expression (`,`, `=`, or a line
    /// break where line breaks end expressions: a body or an object).
    private mutating func endExpression() {
        let top = frames[frames.count - 1]
        guard top.conditionals > 0 else { return }
        conditionals -= top.conditionals
        setConditionals(0)
    }

    private mutating func setConditionals(_ count: Int) {
        switch frames[frames.count - 1] {
        case .top: frames[frames.count - 1] = .top(conditionals: count)
        case .bracket(let kind, _): frames[frames.count - 1] = .bracket(kind, conditionals: count)
        case .interpolation: frames[frames.count - 1] = .interpolation(conditionals: count)
        case .string, .heredoc: break
        }
    }

    private mutating func code(_ i: Int) -> Int {
        let byte = bytes[i]
        let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
        switch byte {
        case 0x0A:
            switch frames[frames.count - 1] {
            case .top, .bracket(UInt8(ascii: "{"), _): endExpression()
            default: break
            }
            blank(i)
            return i + 1
        case 0x20, 0x09, 0x0D:
            blank(i)
            return i + 1
        case UInt8(ascii: "#"):
            endBlankRun(at: i)
            extra()
            return lineEnd(i)
        case UInt8(ascii: "/") where next == UInt8(ascii: "/"):
            endBlankRun(at: i)
            extra()
            return lineEnd(i)
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            endBlankRun(at: i)
            extra()
            var j = i + 2
            while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "*") && bytes[j + 1] == UInt8(ascii: "/")) { j += 1 }
            return min(j + 2, bytes.count)
        default:
            break
        }
        endBlankRun(at: i)
        endExtrasRun()
        if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "!")) && next != UInt8(ascii: "=") {
            unaryRun += 1
            maxUnaryRun = max(maxUnaryRun, unaryRun)
        } else {
            unaryRun = 0
        }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
            push(.bracket(byte, conditionals: 0))
        case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
            // Closes a bracket, or (`}`) an interpolation or directive.
            if case .bracket = frames[frames.count - 1] {
                pop()
            } else if case .interpolation = frames[frames.count - 1], byte == UInt8(ascii: "}") {
                pop()
            }
        case UInt8(ascii: "?"):
            conditionals += 1
            maxConditionals = max(maxConditionals, conditionals)
            setConditionals(frames[frames.count - 1].conditionals + 1)
        case UInt8(ascii: ","):
            endExpression()
        case UInt8(ascii: "=") where next != UInt8(ascii: "=") && next != UInt8(ascii: ">") && !isComparison(before: i):
            endExpression()
        case UInt8(ascii: "\""):
            push(.string)
        case UInt8(ascii: "<") where next == UInt8(ascii: "<"):
            var j = i + 2
            if j < bytes.count, bytes[j] == UInt8(ascii: "-") { j += 1 }
            let markerStart = j
            while j < bytes.count, HCLResync.isNameByte(bytes[j]) { j += 1 }
            if j > markerStart {
                push(.heredoc(markerStart: markerStart, markerEnd: j))
                return lineEnd(j)
            }
            return i + 2
        default:
            break
        }
        return i + 1
    }

    /// `==`, `!=`, `<=`, `>=` end in `=` too.
    private func isComparison(before i: Int) -> Bool {
        guard i > 0 else { return false }
        let previous = bytes[i - 1]
        return previous == UInt8(ascii: "=") || previous == UInt8(ascii: "!") || previous == UInt8(ascii: "<")
            || previous == UInt8(ascii: ">")
    }

    /// A blank character in code: one node each, until its run is long enough to be handed
    /// over as a single comment.
    private mutating func blank(_ i: Int) {
        if blankStart == nil { blankStart = i }
        let length = i - (blankStart ?? i) + 1
        if length < HCLParseWindows.blankRun {
            extra()
        } else if length == HCLParseWindows.blankRun {
            extrasRun -= HCLParseWindows.blankRun - 2
        }
    }

    private mutating func extra() {
        extrasRun += 1
    }

    /// Opens an interpolation or directive at `i` if there is one (`${`, `%{`, not `$${`).
    private mutating func template(_ i: Int) -> Int? {
        guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") else { return nil }
        let byte = bytes[i]
        guard byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") else { return nil }
        if i > 0, bytes[i - 1] == byte { return nil }
        push(.interpolation(conditionals: 0))
        return i + 2
    }

    private mutating func string(_ i: Int) -> Int {
        endExtrasRun()
        switch bytes[i] {
        case UInt8(ascii: "\\"): return min(i + 2, bytes.count)
        case UInt8(ascii: "\""):
            pop()
            return i + 1
        default: return template(i) ?? i + 1
        }
    }

    private mutating func heredoc(_ i: Int, markerStart: Int, markerEnd: Int) -> Int {
        endExtrasRun()
        if bytes[i] == UInt8(ascii: "\n") {
            // The closing marker: a line holding only it, after optional blank space.
            var j = i + 1
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            let length = markerEnd - markerStart
            if j + length <= bytes.count, (0..<length).allSatisfy({ bytes[j + $0] == bytes[markerStart + $0] }) {
                var k = j + length
                while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0D { k += 1 }
                if k >= bytes.count || bytes[k] == UInt8(ascii: "\n") {
                    pop()
                    return k
                }
            }
            return i + 1
        }
        return template(i) ?? i + 1
    }
}
