import CTreeSitter
import ParapetCore

/// What the HCL front-end returns: the tree (what could be read), the comments (for
/// suppressions) and what could not be read. Never throws, never traps on input.
public struct HCLParseResult: Sendable {
    public var file: HCLFile
    public var comments: [Comment]
    public var diagnostics: [SyntaxDiagnostic]

    public init(file: HCLFile, comments: [Comment] = [], diagnostics: [SyntaxDiagnostic] = []) {
        self.file = file
        self.comments = comments
        self.diagnostics = diagnostics
    }
}

/// Parses `.tf` and `.tfvars` files with tree-sitter-hcl. Owns one tree-sitter parser, so it is
/// not thread-safe: each worker owns its own (see `Loader`).
public final class HCLParser {
    public let limits: ScanLimits
    private let grammar: HCLGrammar
    private let parser: OpaquePointer
    private let ready: Bool

    public init(limits: ScanLimits = ScanLimits()) {
        self.limits = limits
        grammar = HCLGrammar()
        parser = ts_parser_new()
        // Fails only when the installed grammar's ABI does not match the library's.
        ready = ts_parser_set_language(parser, grammar.language)
    }

    deinit {
        ts_parser_delete(parser)
    }

    public func parse(_ source: SourceFile) -> HCLParseResult {
        let empty = HCLFile(body: HCLBody(items: [], range: source.range(0, source.bytes.count)))
        guard ready else {
            let message = "The HCL grammar could not be loaded (tree-sitter ABI mismatch); reinstall it with `make deps`"
            return HCLParseResult(file: empty, diagnostics: [SyntaxDiagnostic(.parseError, message, at: .fileStart(source.path))])
        }
        // tree-sitter counts bytes in 32 bits.
        guard source.bytes.count < Int(UInt32.max / 2) else {
            let message = "File is \(source.bytes.count) bytes, too large to parse"
            return HCLParseResult(file: empty, diagnostics: [SyntaxDiagnostic(.limit(.fileSize), message, at: .fileStart(source.path))])
        }
        if source.bytes.isEmpty { return HCLParseResult(file: empty) }
        // The grammar only sees a heredoc's closing marker when a line break follows it, so a
        // file that ends without one is parsed with one added (ranges stay within the file).
        if source.bytes.last != UInt8(ascii: "\n") {
            return (source.bytes + [UInt8(ascii: "\n")]).withUnsafeBufferPointer { run(source, $0) }
        }
        return source.bytes.withUnsafeBufferPointer { run(source, $0) }
    }

    private func run(_ source: SourceFile, _ bytes: UnsafeBufferPointer<UInt8>) -> HCLParseResult {
        var session = HCLParseSession(parser: parser, source: source, bytes: bytes, grammar: grammar, limits: limits)
        return session.run()
    }
}

/// One parse of one file: the first tree-sitter pass, and further passes from resynchronization
/// points when a syntax error derailed the parse of what follows it.
struct HCLParseSession {
    static let maxParseErrors = 100
    static let maxReparses = 100

    let parser: OpaquePointer
    let source: SourceFile
    let bytes: UnsafeBufferPointer<UInt8>
    let grammar: HCLGrammar
    let limits: ScanLimits
    private var items: [HCLBody.Item] = []
    private var comments: [Comment] = []
    private var diagnostics: [SyntaxDiagnostic] = []
    private var parseErrors = 0
    private var depthReported = false

    init(parser: OpaquePointer, source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, grammar: HCLGrammar, limits: ScanLimits) {
        self.parser = parser
        self.source = source
        self.bytes = bytes
        self.grammar = grammar
        self.limits = limits
    }

    mutating func run() -> HCLParseResult {
        var start = 0, reparses = 0, parsedBytes = 0
        // Reparsing after each derailing error costs at most a few times the file.
        let budget = 4 * bytes.count + 65_536
        while true {
            guard let tree = parseTree(from: start) else {
                addParseError(HCLErrorEvent(start: start, end: start, message: "The file could not be parsed", derails: true))
                break
            }
            parsedBytes += bytes.count - start
            let root = ts_tree_root_node(tree)
            let resume: Int?
            do {
                let builder = HCLTreeBuilder(source: source, bytes: bytes, grammar: grammar, maxDepth: limits.maxDepth, root: root)
                let (next, processedEnd) = process(root, from: start, builder: builder)
                collectComments(root, from: start, to: processedEnd)
                if let (s, e) = builder.depthExceeded, !depthReported {
                    depthReported = true
                    diagnostics.append(SyntaxDiagnostic(.limit(.depth), "Nesting deeper than \(limits.maxDepth) levels; the deeper part was skipped",
                                                        at: source.range(s, e)))
                }
                resume = next
            }
            ts_tree_delete(tree)
            guard let resume else { break }
            reparses += 1
            if reparses > Self.maxReparses || parsedBytes + (bytes.count - resume) > budget {
                addParseError(HCLErrorEvent(start: resume, end: resume,
                                            message: "Too many syntax errors; the rest of the file was not read", derails: true))
                break
            }
            start = resume
        }
        // Stable: diagnostics found in one pass are already in source order.
        let ordered = diagnostics.enumerated().sorted { ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset) }
        let body = HCLBody(items: items, range: source.range(0, bytes.count))
        return HCLParseResult(file: HCLFile(body: body), comments: comments, diagnostics: ordered.map(\.element))
    }

    private func parseTree(from start: Int) -> OpaquePointer? {
        if start == 0 {
            _ = ts_parser_set_included_ranges(parser, nil, 0)
        } else {
            var lineStart = start
            while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            let row = source.position(at: start).line - 1
            var range = TSRange(start_point: TSPoint(row: UInt32(row), column: UInt32(start - lineStart)),
                                end_point: TSPoint(row: .max, column: .max),
                                start_byte: UInt32(start), end_byte: .max)
            _ = ts_parser_set_included_ranges(parser, &range, 1)
        }
        guard let base = bytes.baseAddress else { return nil }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
            ts_parser_parse_string(parser, nil, text, UInt32(bytes.count))
        }
    }

    /// Builds the top-level items of one tree. Returns where to parse again (nil when done) and
    /// how far this tree was used.
    private mutating func process(_ root: TSNode, from start: Int, builder: HCLTreeBuilder) -> (Int?, Int) {
        let tops = topLevelNodes(root)
        let scanner = HCLErrorScanner(source: source, bytes: bytes, grammar: grammar)
        var skipUntil = start
        for (index, node) in tops.enumerated() {
            let kind = grammar.kind(node)
            if kind == .comment || Int(ts_node_start_byte(node)) < skipUntil { continue }
            var events = ts_node_has_error(node) ? scanner.scan(node, topLevel: kind == .error) : []
            var derailing = events.first(where: \.derails)
            var item: HCLBody.Item?
            if kind == .error {
                items += builder.salvage(node, before: derailing?.start ?? Int(ts_node_start_byte(node)))
            } else {
                item = builder.build(node, cutoff: derailing?.start ?? .max)
                // A quoted string with a line break is an error the grammar does not report.
                if let quote = builder.multilineString {
                    let event = HCLErrorEvent(start: quote, end: quote + 1,
                                              message: "Unterminated string: a quoted string cannot span lines (use a heredoc)",
                                              derails: true)
                    events = events.filter { $0.start < quote } + [event]
                    derailing = event
                    item = builder.build(node, cutoff: quote)
                }
            }
            for event in events {
                addParseError(event)
                if event.derails { break }
            }
            if let item { items.append(item) }
            guard let derailing else { continue }
            // What follows the error is dropped up to the next line that looks like a top-level
            // attribute or block; if a node of this tree runs past that line, parse again from it.
            guard let resume = HCLResync.point(after: derailing.start, in: bytes) else { return (nil, bytes.count) }
            let crossed = tops[index...].contains { top in
                Int(ts_node_start_byte(top)) < resume && Int(ts_node_end_byte(top)) > resume
            }
            if crossed { return (resume, resume) }
            skipUntil = resume
        }
        return (nil, bytes.count)
    }

    /// The attributes, blocks, comments and ERROR nodes at the top of a tree (or the tree itself
    /// when it is one ERROR).
    private func topLevelNodes(_ root: TSNode) -> [TSNode] {
        guard grammar.kind(root) == .configFile else { return [root] }
        var tops: [TSNode] = []
        var cursor = ts_tree_cursor_new(root)
        defer { ts_tree_cursor_delete(&cursor) }
        guard ts_tree_cursor_goto_first_child(&cursor) else { return [] }
        repeat {
            let node = ts_tree_cursor_current_node(&cursor)
            if grammar.kind(node) == .body {
                if ts_tree_cursor_goto_first_child(&cursor) {
                    repeat { tops.append(ts_tree_cursor_current_node(&cursor)) } while ts_tree_cursor_goto_next_sibling(&cursor)
                    _ = ts_tree_cursor_goto_parent(&cursor)
                }
            } else {
                tops.append(node)
            }
        } while ts_tree_cursor_goto_next_sibling(&cursor)
        return tops
    }

    /// Comments of `[from, to)`, in source order, with the text after the marker, trimmed.
    private mutating func collectComments(_ root: TSNode, from lower: Int, to upper: Int) {
        var cursor = ts_tree_cursor_new(root)
        defer { ts_tree_cursor_delete(&cursor) }
        walk: while true {
            let node = ts_tree_cursor_current_node(&cursor)
            let start = Int(ts_node_start_byte(node)), end = Int(ts_node_end_byte(node))
            var descend = false
            if end > lower, start < upper {
                if grammar.kind(node) == .comment {
                    if start >= lower { comments.append(comment(start, end)) }
                } else {
                    descend = true
                }
            }
            if descend, ts_tree_cursor_goto_first_child(&cursor) { continue }
            while !ts_tree_cursor_goto_next_sibling(&cursor) {
                guard ts_tree_cursor_goto_parent(&cursor) else { break walk }
            }
        }
    }

    private func comment(_ start: Int, _ end: Int) -> Comment {
        var s = start, e = end
        if s < e, bytes[s] == UInt8(ascii: "#") {
            s += 1
        } else if s + 1 < e, bytes[s] == UInt8(ascii: "/"), bytes[s + 1] == UInt8(ascii: "*") {
            s += 2
            if e - 2 >= s, bytes[e - 2] == UInt8(ascii: "*"), bytes[e - 1] == UInt8(ascii: "/") { e -= 2 }
        } else if s + 1 < e, bytes[s] == UInt8(ascii: "/") {
            s += 2
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while s < e, isSpace(bytes[s]) { s += 1 }
        while e > s, isSpace(bytes[e - 1]) { e -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
        return Comment(text: text, range: source.range(start, end))
    }

    private mutating func addParseError(_ event: HCLErrorEvent) {
        parseErrors += 1
        if parseErrors <= Self.maxParseErrors {
            diagnostics.append(SyntaxDiagnostic(.parseError, event.message, at: source.range(event.start, event.end)))
        } else if parseErrors == Self.maxParseErrors + 1 {
            diagnostics.append(SyntaxDiagnostic(.parseError, "Too many syntax errors; later ones are not reported",
                                                at: source.range(event.start, event.end)))
        }
    }
}
