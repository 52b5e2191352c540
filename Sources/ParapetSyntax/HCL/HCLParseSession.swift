import CTreeSitter
import ParapetCore

/// Where reading goes on after a tree: the next window, again from an offset (after a syntax
/// error that derailed the parse), or nowhere (the rest of the file cannot be read).
enum HCLNext {
    case windowDone, restart(Int), stop
}

/// One parse of one file: the first tree-sitter pass, and further passes from resynchronization
/// points when a syntax error derailed the parse of what follows it.
struct HCLParseSession {
    static let maxParseErrors = 100
    static let maxReparses = 100

    let parser: OpaquePointer
    let source: SourceFile
    /// The file (with a final line break); what tree-sitter reads may differ in blank runs only.
    let bytes: UnsafeBufferPointer<UInt8>
    let parseBytes: UnsafeBufferPointer<UInt8>
    let windows: [HCLParseWindow]
    let grammar: HCLGrammar
    let limits: ScanLimits
    private var items: [HCLBody.Item] = []
    private var comments: [Comment] = []
    private var diagnostics: [SyntaxDiagnostic] = []
    private var parseErrors = 0
    private var depthReported = false
    private var suppressErrorsFrom = Int.max

    init(parser: OpaquePointer, source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, parseBytes: UnsafeBufferPointer<UInt8>,
         windows: [HCLParseWindow], grammar: HCLGrammar, limits: ScanLimits) {
        self.parser = parser
        self.source = source
        self.bytes = bytes
        self.parseBytes = parseBytes
        self.windows = windows
        self.grammar = grammar
        self.limits = limits
    }

    mutating func run() -> HCLParseResult {
        let lines = HCLLineTable(source: source)
        var index = 0, start = 0, reparses = 0, parsedBytes = 0
        // Parsing again after derailing errors costs at most about twice the file.
        let budget = 2 * bytes.count + 65_536
        while index < windows.count {
            let window = windows[index]
            start = max(start, window.start)
            guard start < window.end else {
                index += 1
                continue
            }
            if let limit = window.limit, start == window.start, let itemEnd = window.itemEnd {
                let read = "only the first \(window.end - window.start) bytes of this part were read"
                let message = limit == .depth ? "Too deeply nested or unbalanced to parse safely; \(read)"
                    : "Too long a run of blank space or comments to parse safely; \(read)"
                diagnostics.append(SyntaxDiagnostic(.limit(limit), message, at: source.range(window.start, itemEnd)))
            }
            // The syntax errors of a window cut short are mostly artifacts of the cut; the limit
            // diagnostic stands for them.
            suppressErrorsFrom = window.itemEnd == nil ? .max : window.start
            guard let tree = parseTree(from: start, to: window.end) else {
                addParseError(HCLErrorEvent(start: start, end: start, message: "The file could not be parsed", derails: true))
                break
            }
            parsedBytes += window.end - start
            let root = ts_tree_root_node(tree)
            let next: HCLNext
            do {
                var builder = HCLTreeBuilder(source: source, bytes: bytes, lines: lines, grammar: grammar,
                                             maxDepth: limits.maxDepth, root: root)
                next = process(root, from: start, windowEnd: window.end, builder: &builder)
                comments += builder.comments
                if let (s, e) = builder.depthExceeded, !depthReported {
                    depthReported = true
                    let message = "Nesting deeper than \(limits.maxDepth) levels; the deeper part was skipped"
                    diagnostics.append(SyntaxDiagnostic(.limit(.depth), message, at: source.range(s, e)))
                }
            }
            ts_tree_delete(tree)
            switch next {
            case .stop:
                index = windows.count
            case .windowDone:
                start = window.itemEnd ?? window.end
                index += 1
            case .restart(let resume):
                reparses += 1
                if reparses > Self.maxReparses || parsedBytes + (window.end - resume) > budget {
                    addParseError(HCLErrorEvent(start: resume, end: resume,
                                                message: "Too many syntax errors; the rest of the file was not read", derails: true))
                    index = windows.count
                }
                start = max(resume, window.itemEnd ?? 0)
            }
        }
        // Stable: diagnostics found in one pass are already in source order.
        let ordered = diagnostics.enumerated().sorted {
            ($0.element.range.start.offset, $0.offset) < ($1.element.range.start.offset, $1.offset)
        }
        // Comments come from the walk and from nodes it skipped, some twice (ERROR nodes).
        comments.sort { $0.range.start.offset < $1.range.start.offset }
        var unique: [Comment] = []
        unique.reserveCapacity(comments.count)
        for comment in comments where unique.last?.range.start.offset != comment.range.start.offset { unique.append(comment) }
        let body = HCLBody(items: items, range: source.range(0, bytes.count))
        return HCLParseResult(file: HCLFile(body: body), comments: unique, diagnostics: ordered.map(\.element))
    }

    private func parseTree(from start: Int, to end: Int) -> OpaquePointer? {
        if start == 0 && end == bytes.count {
            _ = ts_parser_set_included_ranges(parser, nil, 0)
        } else {
            var range = TSRange(start_point: point(start), end_point: point(end),
                                start_byte: UInt32(start), end_byte: UInt32(end))
            _ = ts_parser_set_included_ranges(parser, &range, 1)
        }
        guard let base = parseBytes.baseAddress else { return nil }
        return base.withMemoryRebound(to: CChar.self, capacity: parseBytes.count) { text in
            ts_parser_parse_string(parser, nil, text, UInt32(parseBytes.count))
        }
    }

    /// tree-sitter's point (row, byte column) of an offset.
    private func point(_ offset: Int) -> TSPoint {
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        return TSPoint(row: UInt32(source.position(at: offset).line - 1), column: UInt32(offset - lineStart))
    }

    /// Builds the top-level items of one tree, and says where reading goes on.
    private mutating func process(_ root: TSNode, from start: Int, windowEnd: Int, builder: inout HCLTreeBuilder) -> HCLNext {
        let tops = topLevelNodes(root)
        let scanner = HCLErrorScanner(source: source, bytes: bytes, grammar: grammar)
        var skipUntil = start
        for (index, node) in tops.enumerated() {
            let kind = grammar.kind(node)
            let nodeStart = Int(ts_node_start_byte(node))
            if kind == .comment {
                builder.recordComment(nodeStart, Int(ts_node_end_byte(node)))
                continue
            }
            if nodeStart < skipUntil {
                builder.collectComments(in: node)
                continue
            }
            if !ts_node_has_error(node) && kind != .error {
                builder.commentLimit = .max
                let commentCount = builder.comments.count
                if let item = builder.build(node) {
                    if builder.multilineString == nil {
                        items.append(item)
                        continue
                    }
                }
                if builder.multilineString == nil { continue }
                builder.dropComments(after: commentCount)
                if let resume = derail(node, index: index, tops: tops, events: [], builder: &builder, skipUntil: &skipUntil) {
                    return .restart(resume)
                }
            } else {
                let events = scanner.scan(node, topLevel: kind == .error)
                if let resume = derail(node, index: index, tops: tops, events: events, builder: &builder, skipUntil: &skipUntil) {
                    return .restart(resume)
                }
            }
            if skipUntil == .max { return .stop }
            // Reading resumes in a later window.
            if skipUntil >= windowEnd { return .restart(skipUntil) }
        }
        return .windowDone
    }

    /// Handles a top-level node with syntax errors: reports them, keeps what precedes the first
    /// one that derails the parse, and decides where reading goes on. Returns where to parse
    /// again, or nil to go on with this tree from `skipUntil` (`.max` when nothing is left).
    private mutating func derail(_ node: TSNode, index: Int, tops: [TSNode], events: [HCLErrorEvent],
                                 builder: inout HCLTreeBuilder, skipUntil: inout Int) -> Int? {
        let kind = grammar.kind(node)
        var events = events
        var derailing = events.first(where: \.derails)
        var item: HCLBody.Item?
        let commentCount = builder.comments.count
        builder.commentLimit = derailing.flatMap { HCLResync.point(after: $0.start, in: bytes) } ?? .max
        if kind == .error {
            items += builder.salvage(node, before: derailing?.start ?? Int(ts_node_start_byte(node)))
            builder.collectComments(in: node)
        } else {
            item = builder.build(node, cutoff: derailing?.start ?? .max)
            // A quoted string with a line break is an error the grammar does not report.
            if let quote = builder.multilineString {
                let event = HCLErrorEvent(start: quote, end: quote + 1,
                                          message: "Unterminated string: a quoted string cannot span lines (use a heredoc)",
                                          derails: true)
                events = events.filter { $0.start < quote } + [event]
                derailing = event
                builder.dropComments(after: commentCount)
                builder.commentLimit = HCLResync.point(after: quote, in: bytes) ?? .max
                item = builder.build(node, cutoff: quote)
            }
        }
        for event in events {
            addParseError(event)
            if event.derails { break }
        }
        if let item { items.append(item) }
        guard let derailing else { return nil }
        // What follows the error is dropped up to the next line that looks like a top-level
        // attribute or block; if a node of this tree runs past that line, parse again from it.
        guard let resume = HCLResync.point(after: derailing.start, in: bytes) else {
            skipUntil = .max
            return nil
        }
        let crossed = tops[index...].contains { top in
            Int(ts_node_start_byte(top)) < resume && Int(ts_node_end_byte(top)) > resume
        }
        if crossed {
            for top in tops[(index + 1)...] where Int(ts_node_start_byte(top)) < resume { builder.collectComments(in: top) }
            return resume
        }
        skipUntil = resume
        builder.commentLimit = .max
        return nil
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

    private mutating func addParseError(_ event: HCLErrorEvent) {
        guard event.start < suppressErrorsFrom else { return }
        parseErrors += 1
        if parseErrors <= Self.maxParseErrors {
            diagnostics.append(SyntaxDiagnostic(.parseError, event.message, at: source.range(event.start, event.end)))
        } else if parseErrors == Self.maxParseErrors + 1 {
            diagnostics.append(SyntaxDiagnostic(.parseError, "Too many syntax errors; later ones are not reported",
                                                at: source.range(event.start, event.end)))
        }
    }
}
