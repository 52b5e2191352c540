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
    var multilineString: Int?

    private let cursors: HCLCursors
    private var cursor: UnsafeMutablePointer<TSTreeCursor> { cursors.main }
    var scanCursor: UnsafeMutablePointer<TSTreeCursor> { cursors.scan }
    private var values: [HCLBuilt] = []
    private var frames: [Frame] = []
    var templates: [HCLTemplateContext] = []
    /// Nodes that start at or after this offset are left out, and attributes that cross it (the
    /// part of a file after a syntax error that the parser resynchronizes past).
    private var cutoff = Int.max
    /// Comments met on the way (collected here rather than by a second walk of the tree), up to
    /// `commentLimit`: what lies after it is parsed again.
    var comments: [Comment] = []
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
}
