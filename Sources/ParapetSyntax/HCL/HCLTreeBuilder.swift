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
    // Large payloads are boxed so that moving values around the stack stays cheap.
    indirect case item(HCLBody.Item)
    indirect case body(HCLBody)
    case objectItem(HCLObjectItem)
    case arguments([HCLExpression], expand: Bool)
    indirect case forIntro(key: String?, value: String, collection: HCLExpression)
    case forCond(HCLExpression)
    case part(HCLTemplatePart)
    indirect case tag(HCLTemplateTag)
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

/// The two tree-sitter cursors of a builder, behind pointers: a cursor passed `inout` from a
/// class property would pay a dynamic exclusivity check on every step of the walk.
final class HCLCursors {
    let main: UnsafeMutablePointer<TSTreeCursor>
    let scan: UnsafeMutablePointer<TSTreeCursor>

    init(root: TSNode) {
        main = .allocate(capacity: 1)
        main.initialize(to: ts_tree_cursor_new(root))
        scan = .allocate(capacity: 1)
        scan.initialize(to: ts_tree_cursor_new(root))
    }

    deinit {
        ts_tree_cursor_delete(main)
        ts_tree_cursor_delete(scan)
        main.deallocate()
        scan.deallocate()
    }
}

/// Turns tree-sitter nodes into the typed tree. The walk is iterative (a cursor and an explicit
/// stack), so a hostile nesting depth cannot overflow the thread's stack; nesting deeper than
/// `maxDepth` is replaced by `.invalid` and reported once. A struct, so that its stacks are
/// checked for exclusive access at compile time rather than at every push.
struct HCLTreeBuilder {
    struct Frame {
        var kind: HCLNodeKind
        var start: Int
        var end: Int
        var base: Int
        var depth: Int
    }

    let source: SourceFile
    let bytes: UnsafeBufferPointer<UInt8>
    private var lines: HCLLineTable
    let grammar: HCLGrammar
    let maxDepth: Int
    /// The first node dropped for nesting too deep, if any.
    private(set) var depthExceeded: (start: Int, end: Int)?
    /// The opening quote of the first quoted string of the last build whose text has a raw line
    /// break. HCL rejects those; the grammar accepts them, so an unterminated string swallows
    /// the following lines up to the next quote.
    private(set) var multilineString: Int?

    private let cursors: HCLCursors
    private var cursor: UnsafeMutablePointer<TSTreeCursor> { cursors.main }
    private var scanCursor: UnsafeMutablePointer<TSTreeCursor> { cursors.scan }
    private var values: [HCLBuilt] = []
    private var frames: [Frame] = []
    var templates: [HCLTemplateContext] = []
    /// Nodes that start at or after this offset are left out, and attributes that cross it (the
    /// part of a file after a syntax error that the parser resynchronizes past).
    private var cutoff = Int.max
    /// Comments met on the way (collected here rather than by a second walk of the tree), up to
    /// `commentLimit`: what lies after it is parsed again.
    private(set) var comments: [Comment] = []
    var commentLimit = Int.max

    init(source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, lines: HCLLineTable, grammar: HCLGrammar,
         maxDepth: Int, root: TSNode) {
        self.source = source
        self.bytes = bytes
        self.lines = lines
        self.grammar = grammar
        self.maxDepth = maxDepth
        cursors = HCLCursors(root: root)
    }

    /// Builds one top-level attribute or block (nil when nothing usable is left of it).
    mutating func build(_ node: TSNode, cutoff: Int = .max) -> HCLBody.Item? {
        if case .item(let item)? = run(node, cutoff: cutoff) { return item }
        return nil
    }

    /// Builds an expression, or a string label (a `string_lit`).
    mutating func buildExpression(_ node: TSNode) -> HCLExpression? {
        if case .expr(let expression)? = run(node, cutoff: .max) { return expression }
        return nil
    }

    private mutating func run(_ node: TSNode, cutoff: Int) -> HCLBuilt? {
        values.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        templates.removeAll(keepingCapacity: true)
        multilineString = nil
        self.cutoff = cutoff
        ts_tree_cursor_reset(cursor, node)
        walk: while true {
            if enter(ts_tree_cursor_current_node(cursor)) { continue }
            while true {
                guard !frames.isEmpty else { break walk }
                if ts_tree_cursor_goto_next_sibling(cursor) { continue walk }
                _ = ts_tree_cursor_goto_parent(cursor)
                finish(frames.removeLast())
            }
        }
        return values.last
    }

    /// Handles a node on the way down. Returns true when the cursor moved to its first child.
    private mutating func enter(_ node: TSNode) -> Bool {
        let kind = grammar.kind(node)
        let start = Int(ts_node_start_byte(node)), end = Int(ts_node_end_byte(node))
        if start >= cutoff || ts_node_is_missing(node) {
            collectComments(in: node)
            return false
        }
        switch kind {
        case .comment:
            recordComment(start, end)
            return false
        case .error:
            collectComments(in: node)
            return false
        case .attribute where end > cutoff:
            collectComments(in: node)
            return false
        case .identifier:
            values.append(.ident(start, end))
            return false
        case .numericLit, .boolLit, .nullLit, .variableExpr, .legacyIndex, .stringLit, .getAttr:
            if let value = quickValue(node, kind, start, end, wrappers: 0) {
                values.append(value)
                return false
            }
            return enterContainer(node, kind: kind, start: start, end: end)
        case .expression, .literalValue:
            // The usual `expression` > `literal_value` > leaf chain is read without walking it.
            if (frames.last?.depth ?? 0) < maxDepth, let value = quickValue(node, kind, start, end, wrappers: 0) {
                values.append(value)
                return false
            }
            return enterContainer(node, kind: kind, start: start, end: end)
        case .configFile, .body, .attribute, .block, .collectionValue,
             .tuple, .object, .objectElem, .index, .newIndex, .splat, .attrSplat, .fullSplat,
             .forExpr, .forTupleExpr, .forObjectExpr, .forIntro, .forCond, .functionCall, .functionArguments,
             .conditional, .operation, .unaryOperation, .binaryOperation, .templateExpr, .quotedTemplate,
             .heredocTemplate, .templateInterpolation, .templateDirective, .templateFor, .templateForStart,
             .templateForEnd, .templateIf, .templateIfIntro, .templateElseIntro, .templateIfEnd:
            return enterContainer(node, kind: kind, start: start, end: end)
        default:
            // Only the tokens that some node's value depends on are kept.
            if kind.isKeptToken { values.append(.token(kind, start, end)) }
            return false
        }
    }

    /// The value of a node that needs no walk: a literal, a name, an attribute step, a string
    /// without interpolation, or an `expression` / `literal_value` wrapping exactly one of those.
    private mutating func quickValue(_ node: TSNode, _ kind: HCLNodeKind, _ start: Int, _ end: Int, wrappers: Int) -> HCLBuilt? {
        switch kind {
        case .numericLit:
            return .expr(HCLExpression(.number(text(start, end)), range: range(start, end)))
        case .boolLit:
            let value = start < end && bytes[start] == UInt8(ascii: "t")
            return .expr(HCLExpression(.bool(value), range: range(start, end)))
        case .nullLit:
            return .expr(HCLExpression(.null, range: range(start, end)))
        case .variableExpr:
            return .expr(HCLExpression(.variable(text(start, end)), range: range(start, end)))
        case .legacyIndex:
            return .step(HCLTraversalStep(.legacyIndex(legacyIndex(start, end)), range: range(start, end)))
        case .stringLit:
            guard !ts_node_has_error(node) else { return nil }
            return quotedLiteral(start, end).map { .expr($0) }
        case .getAttr:
            // `.name`: the name is the identifier that ends the node.
            var nameStart = end
            while nameStart > start, HCLResync.isNameByte(bytes[nameStart - 1]) || bytes[nameStart - 1] >= 0x80 { nameStart -= 1 }
            guard nameStart < end, nameStart > start, ts_node_child_count(node) == 2 else { return nil }
            return .step(HCLTraversalStep(.attribute(text(nameStart, end)), range: range(start, end)))
        case .expression, .literalValue:
            guard wrappers < 2, ts_node_child_count(node) == 1 else { return nil }
            let child = ts_node_child(node, 0)
            guard !ts_node_is_missing(child) else { return nil }
            let childKind = grammar.kind(child)
            guard childKind == .literalValue || childKind == .numericLit || childKind == .boolLit || childKind == .nullLit
                || childKind == .variableExpr || childKind == .stringLit else { return nil }
            return quickValue(child, childKind, Int(ts_node_start_byte(child)), Int(ts_node_end_byte(child)),
                              wrappers: wrappers + 1)
        default:
            return nil
        }
    }

    private mutating func enterContainer(_ node: TSNode, kind: HCLNodeKind, start: Int, end: Int) -> Bool {
        let depth = (frames.last?.depth ?? 0) + (kind.nests ? 1 : 0)
        if depth > maxDepth {
            if depthExceeded == nil { depthExceeded = (start, end) }
            collectComments(in: node)
            if kind == .expression || kind == .operation {
                values.append(.expr(HCLExpression(.invalid, range: range(start, end))))
            }
            return false
        }
        if kind == .quotedTemplate || kind == .stringLit || kind == .heredocTemplate {
            templates.append(scanTemplate(node, kind: kind, start: start, end: end))
        }
        frames.append(Frame(kind: kind, start: start, end: end, base: values.count, depth: depth))
        if ts_tree_cursor_goto_first_child(cursor) { return true }
        finish(frames.removeLast())
        return false
    }

    /// Replaces a finished node's children values by the node's own value.
    private mutating func finish(_ frame: Frame) {
        // Most nodes wrap exactly one value (an `expression` around a literal, `literal_value`
        // around a number): it stays as it is.
        if frame.kind.passesThrough, values.count == frame.base + 1 {
            switch values[frame.base] {
            case .expr, .step, .steps, .part: return
            default: break
            }
        }
        let result: HCLBuilt?
        do {
            // Scoped, so the slice is released before the array is mutated (no copy).
            let children = values[frame.base...]
            result = reduce(frame, children)
        }
        values.removeSubrange(frame.base...)
        if let result { values.append(result) }
        if frame.kind == .quotedTemplate || frame.kind == .stringLit || frame.kind == .heredocTemplate {
            templates.removeLast()
        }
    }

    // MARK: - Source access

    mutating func range(_ start: Int, _ end: Int) -> SourceRange { lines.range(start, end) }

    // MARK: - Comments

    /// A comment's text without its marker (`#`, `//`, `/* */`), trimmed.
    mutating func recordComment(_ start: Int, _ end: Int) {
        // Long blank runs reach tree-sitter as comments (see `HCLParsePlan`): not real ones.
        guard start < commentLimit, start < end,
              bytes[start] == UInt8(ascii: "#") || bytes[start] == UInt8(ascii: "/") else { return }
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
        comments.append(Comment(text: text(s, e), range: range(start, end)))
    }

    /// The comments inside a node that the walk does not enter (an ERROR, a part cut off or
    /// nested too deep).
    mutating func collectComments(in node: TSNode) {
        guard ts_node_child_count(node) > 0, Int(ts_node_start_byte(node)) < commentLimit else { return }
        ts_tree_cursor_reset(scanCursor, node)
        walk: while true {
            let current = ts_tree_cursor_current_node(scanCursor)
            if grammar.kind(current) == .comment {
                recordComment(Int(ts_node_start_byte(current)), Int(ts_node_end_byte(current)))
            } else if ts_tree_cursor_goto_first_child(scanCursor) {
                continue
            }
            while !ts_tree_cursor_goto_next_sibling(scanCursor) {
                guard ts_tree_cursor_goto_parent(scanCursor) else { break walk }
            }
        }
    }

    /// Drops the comments recorded since `count` (before building an item again).
    mutating func dropComments(after count: Int) {
        comments.removeSubrange(min(count, comments.count)...)
    }

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

    /// A `"string"` with no interpolation, decoded without the template machinery (most strings).
    private mutating func quotedLiteral(_ start: Int, _ end: Int) -> HCLExpression? {
        guard end - start >= 2, bytes[start] == UInt8(ascii: "\""), bytes[end - 1] == UInt8(ascii: "\"") else { return nil }
        let contentStart = start + 1, contentEnd = end - 1
        var plain = true
        for i in contentStart..<contentEnd {
            let byte = bytes[i]
            if byte == 0x0A {
                if multilineString == nil { multilineString = start }
            } else if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") {
                plain = false
            }
        }
        let value = plain ? text(contentStart, contentEnd)
            : String(decoding: HCLTemplateText.decode(bytes, start: contentStart, end: contentEnd, quoted: true), as: UTF8.self)
        let parts = contentStart < contentEnd ? [HCLTemplatePart(.literal(value), range: range(contentStart, contentEnd))] : []
        return HCLExpression(.template(HCLTemplate(style: .quoted, parts: parts)), range: range(start, end))
    }

    /// Reads a template's content bounds and tags (without disturbing the main cursor) and
    /// decodes its literal text. Does not descend into interpolations: nested templates are
    /// scanned when the walk reaches them.
    private mutating func scanTemplate(_ node: TSNode, kind: HCLNodeKind, start: Int, end: Int) -> HCLTemplateContext {
        var contentStart = start, contentEnd = end
        var marker: String?, flush = false
        var tags: [HCLTemplateTagSpan] = []
        ts_tree_cursor_reset(scanCursor, node)
        var depth = 0
        if ts_tree_cursor_goto_first_child(scanCursor) {
            depth = 1
            scan: while true {
                let child = ts_tree_cursor_current_node(scanCursor)
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
                if descend, ts_tree_cursor_goto_first_child(scanCursor) {
                    depth += 1
                    continue
                }
                while !ts_tree_cursor_goto_next_sibling(scanCursor) {
                    guard depth > 1 else { break scan }
                    _ = ts_tree_cursor_goto_parent(scanCursor)
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
