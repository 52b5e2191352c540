import CTreeSitter
import ParapetCore

/// What the walk builds for one tree-sitter node. A parent reads the values of its children in
/// source order (tokens included), so that shapes the grammar flattens (`(` expr `)` followed by
/// traversal steps, the operands of a binary operation) are read from one list.
enum HCLBuilt {
    case token(HCLNodeKind, Int, Int)
    case ident(Int, Int)
    case expr(HCLExpression)
    case step(HCLTraversalStep)
    case steps([HCLTraversalStep])
    case item(HCLBody.Item)
    case body(HCLBody)
    case objectItem(HCLObjectItem)
    case arguments([HCLExpression], expand: Bool)
    case forIntro(key: String?, value: String, collection: HCLExpression)
    case forCond(HCLExpression)
    case part(HCLTemplatePart)
    case tag(HCLTemplateTag)
}

/// A template directive tag, built before the directive that it opens, splits or closes.
struct HCLTemplateTag {
    enum Kind {
        case ifIntro(HCLExpression), elseIntro, ifEnd
        case forStart(key: String?, value: String, collection: HCLExpression), forEnd
    }

    var kind: Kind
    var strip: HCLStrip
    var start: Int
    var end: Int
}

/// Turns tree-sitter nodes into the typed tree. The walk is iterative (a cursor and an explicit
/// stack), so a hostile nesting depth cannot overflow the thread's stack; nesting deeper than
/// `maxDepth` is replaced by `.invalid` and reported once.
final class HCLTreeBuilder {
    struct Frame {
        var kind: HCLNodeKind
        var start: Int
        var end: Int
        var base: Int
        var depth: Int
    }

    let source: SourceFile
    let bytes: UnsafeBufferPointer<UInt8>
    let grammar: HCLGrammar
    let maxDepth: Int
    /// The first node dropped for nesting too deep, if any.
    private(set) var depthExceeded: (start: Int, end: Int)?
    /// The opening quote of the first quoted string of the last build whose text has a raw line
    /// break. HCL rejects those; the grammar accepts them, so an unterminated string swallows
    /// the following lines up to the next quote.
    private(set) var multilineString: Int?

    private var cursor: TSTreeCursor
    private var scanCursor: TSTreeCursor
    private var values: [HCLBuilt] = []
    private var frames: [Frame] = []
    var templates: [HCLTemplateContext] = []
    /// Nodes that start at or after this offset are left out, and attributes that cross it (the
    /// part of a file after a syntax error that the parser resynchronizes past).
    private var cutoff = Int.max

    init(source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, grammar: HCLGrammar, maxDepth: Int, root: TSNode) {
        self.source = source
        self.bytes = bytes
        self.grammar = grammar
        self.maxDepth = maxDepth
        cursor = ts_tree_cursor_new(root)
        scanCursor = ts_tree_cursor_new(root)
    }

    deinit {
        ts_tree_cursor_delete(&cursor)
        ts_tree_cursor_delete(&scanCursor)
    }

    /// Builds one top-level attribute or block (nil when nothing usable is left of it).
    func build(_ node: TSNode, cutoff: Int = .max) -> HCLBody.Item? {
        if case .item(let item)? = run(node, cutoff: cutoff) { return item }
        return nil
    }

    /// Builds an expression, or a string label (a `string_lit`).
    func buildExpression(_ node: TSNode) -> HCLExpression? {
        if case .expr(let expression)? = run(node, cutoff: .max) { return expression }
        return nil
    }

    private func run(_ node: TSNode, cutoff: Int) -> HCLBuilt? {
        values.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        templates.removeAll(keepingCapacity: true)
        multilineString = nil
        self.cutoff = cutoff
        ts_tree_cursor_reset(&cursor, node)
        walk: while true {
            if enter(ts_tree_cursor_current_node(&cursor)) { continue }
            while true {
                guard !frames.isEmpty else { break walk }
                if ts_tree_cursor_goto_next_sibling(&cursor) { continue walk }
                _ = ts_tree_cursor_goto_parent(&cursor)
                finish(frames.removeLast())
            }
        }
        return values.last
    }

    /// Handles a node on the way down. Returns true when the cursor moved to its first child.
    private func enter(_ node: TSNode) -> Bool {
        let kind = grammar.kind(node)
        let start = Int(ts_node_start_byte(node)), end = Int(ts_node_end_byte(node))
        if start >= cutoff || ts_node_is_missing(node) { return false }
        switch kind {
        case .comment, .templateLiteral, .error, .other:
            return false
        case .identifier:
            values.append(.ident(start, end))
            return false
        case .numericLit:
            values.append(.expr(HCLExpression(.number(text(start, end)), range: range(start, end))))
            return false
        case .boolLit:
            let value = start < end && bytes[start] == UInt8(ascii: "t")
            values.append(.expr(HCLExpression(.bool(value), range: range(start, end))))
            return false
        case .nullLit:
            values.append(.expr(HCLExpression(.null, range: range(start, end))))
            return false
        case .variableExpr:
            values.append(.expr(HCLExpression(.variable(text(start, end)), range: range(start, end))))
            return false
        case .legacyIndex:
            values.append(.step(HCLTraversalStep(.legacyIndex(legacyIndex(start, end)), range: range(start, end))))
            return false
        case .attribute where end > cutoff:
            return false
        case .configFile, .body, .attribute, .block, .expression, .literalValue, .stringLit, .collectionValue,
             .tuple, .object, .objectElem, .index, .newIndex, .getAttr, .splat, .attrSplat, .fullSplat,
             .forExpr, .forTupleExpr, .forObjectExpr, .forIntro, .forCond, .functionCall, .functionArguments,
             .conditional, .operation, .unaryOperation, .binaryOperation, .templateExpr, .quotedTemplate,
             .heredocTemplate, .templateInterpolation, .templateDirective, .templateFor, .templateForStart,
             .templateForEnd, .templateIf, .templateIfIntro, .templateElseIntro, .templateIfEnd:
            return enterContainer(node, kind: kind, start: start, end: end)
        default:
            // Tokens, and named leaves that wrap one token (`{` in block_start, `<<-` in heredoc_start).
            values.append(.token(kind, start, end))
            return false
        }
    }

    private func enterContainer(_ node: TSNode, kind: HCLNodeKind, start: Int, end: Int) -> Bool {
        let depth = (frames.last?.depth ?? 0) + (kind.nests ? 1 : 0)
        if depth > maxDepth {
            if depthExceeded == nil { depthExceeded = (start, end) }
            if kind == .expression || kind == .operation {
                values.append(.expr(HCLExpression(.invalid, range: range(start, end))))
            }
            return false
        }
        if kind == .quotedTemplate || kind == .stringLit || kind == .heredocTemplate {
            templates.append(scanTemplate(node, kind: kind, start: start, end: end))
        }
        frames.append(Frame(kind: kind, start: start, end: end, base: values.count, depth: depth))
        if ts_tree_cursor_goto_first_child(&cursor) { return true }
        finish(frames.removeLast())
        return false
    }

    /// Replaces a finished node's children values by the node's own value.
    private func finish(_ frame: Frame) {
        // One statement, so the slice is released before the array is mutated (no copy).
        let result = reduce(frame, values[frame.base...])
        values.removeSubrange(frame.base...)
        if let result { values.append(result) }
        if frame.kind == .quotedTemplate || frame.kind == .stringLit || frame.kind == .heredocTemplate {
            templates.removeLast()
        }
    }

    // MARK: - Source access

    func range(_ start: Int, _ end: Int) -> SourceRange { source.range(start, end) }

    func text(_ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, bytes.count)), e = max(s, min(end, bytes.count))
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
    }

    private func legacyIndex(_ start: Int, _ end: Int) -> Int {
        var value = 0
        for i in start..<min(end, bytes.count) where bytes[i] >= 0x30 && bytes[i] <= 0x39 {
            let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(Int(bytes[i] - 0x30))
            if overflow1 || overflow2 { return .max }
            value = sum
        }
        return value
    }

    // MARK: - Templates

    /// Reads a template's content bounds and tags (without disturbing the main cursor) and
    /// decodes its literal text. Does not descend into interpolations: nested templates are
    /// scanned when the walk reaches them.
    private func scanTemplate(_ node: TSNode, kind: HCLNodeKind, start: Int, end: Int) -> HCLTemplateContext {
        var contentStart = start, contentEnd = end
        var marker: String?, flush = false
        var tags: [HCLTemplateTagSpan] = []
        ts_tree_cursor_reset(&scanCursor, node)
        var depth = 0
        if ts_tree_cursor_goto_first_child(&scanCursor) {
            depth = 1
            scan: while true {
                let child = ts_tree_cursor_current_node(&scanCursor)
                let s = Int(ts_node_start_byte(child)), e = Int(ts_node_end_byte(child))
                let missing = ts_node_is_missing(child)
                var descend = false
                switch grammar.kind(child) {
                case .quotedTemplateStart where !missing: contentStart = e
                case .quotedTemplateEnd where !missing: contentEnd = s
                case .heredocStart: flush = e - s == 3
                case .heredocIdentifier where marker == nil:
                    marker = text(s, e)
                    contentStart = lineEnd(from: e, limit: end)
                case .heredocIdentifier where !missing: contentEnd = lineStart(of: s, floor: contentStart)
                case .templateInterpolation, .templateIfIntro, .templateElseIntro, .templateIfEnd,
                     .templateForStart, .templateForEnd:
                    tags.append(HCLTemplateTagSpan(start: s, end: e, strip: stripMarkers(s, e)))
                case .error:
                    tags.append(HCLTemplateTagSpan(start: s, end: e, strip: .none))
                case .templateDirective, .templateIf, .templateFor:
                    descend = true
                default:
                    break
                }
                if descend, ts_tree_cursor_goto_first_child(&scanCursor) {
                    depth += 1
                    continue
                }
                while !ts_tree_cursor_goto_next_sibling(&scanCursor) {
                    guard depth > 1 else { break scan }
                    _ = ts_tree_cursor_goto_parent(&scanCursor)
                    depth -= 1
                }
            }
        }
        contentEnd = max(contentStart, contentEnd)
        let style: HCLTemplate.Style = kind == .heredocTemplate ? .heredoc(marker: marker ?? "", flush: flush) : .quoted
        let gaps = HCLTemplateText.gaps(bytes, contentStart: contentStart, contentEnd: contentEnd, tags: tags,
                                        quoted: kind != .heredocTemplate, flush: flush)
        if kind != .heredocTemplate, multilineString == nil,
           gaps.contains(where: { gap in UnsafeBufferPointer(rebasing: bytes[gap.start..<gap.end]).contains(0x0A) }) {
            multilineString = start
        }
        return HCLTemplateContext(style: style, contentStart: contentStart, contentEnd: contentEnd, gaps: gaps)
    }

    /// Strip markers sit right after `${` / `%{` and right before `}`.
    func stripMarkers(_ start: Int, _ end: Int) -> HCLStrip {
        let tilde = UInt8(ascii: "~")
        let left = start + 2 < end && bytes[start + 2] == tilde
        let right = end - 2 > start + 2 && bytes[end - 1] == UInt8(ascii: "}") && bytes[end - 2] == tilde
        return HCLStrip(left: left, right: right)
    }

    /// The offset after the line break at or after `offset` (a heredoc's first content line).
    private func lineEnd(from offset: Int, limit: Int) -> Int {
        var i = offset
        while i < limit, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return min(i + 1, limit)
    }

    /// The start of the line holding `offset`, not before `floor` (a heredoc's closing line).
    private func lineStart(of offset: Int, floor: Int) -> Int {
        var i = offset
        while i > floor, bytes[i - 1] != UInt8(ascii: "\n") { i -= 1 }
        return i
    }
}
