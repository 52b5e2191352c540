import CTreeSitter
import ParapetCore

extension HCLTreeBuilder {
    /// What can be kept of a top-level ERROR node before the error at `anchor`. tree-sitter puts
    /// its parse stack into the ERROR: complete attributes and blocks, and the pieces of block
    /// headers (`type`, labels, `{`) whose bodies were still open. Those are rebuilt; blocks still
    /// open at the error are closed there, as if the rest of their body had been cut.
    mutating func salvage(_ error: TSNode, before anchor: Int) -> [HCLBody.Item] {
        struct OpenBlock {
            var type: String
            var typeRange: SourceRange
            var labels: [HCLLabel]
            var start: Int
            var openEnd: Int
            var items: [HCLBody.Item] = []
        }
        var top: [HCLBody.Item] = []
        var open: [OpenBlock] = []
        var header: (start: Int, end: Int, labels: [HCLLabel])?

        func add(_ item: HCLBody.Item) {
            if open.isEmpty { top.append(item) } else { open[open.count - 1].items.append(item) }
        }
        func close(bodyEnd: Int?, end: Int?) {
            let block = open.removeLast()
            let last = max(block.openEnd, block.items.last?.range.end.offset ?? block.openEnd)
            let body = HCLBody(items: block.items, range: range(block.openEnd, max(block.openEnd, bodyEnd ?? last)))
            add(.block(HCLBlock(type: block.type, typeRange: block.typeRange, labels: block.labels, body: body,
                                range: range(block.start, end ?? last))))
        }

        var cursor = ts_tree_cursor_new(error)
        defer { ts_tree_cursor_delete(&cursor) }
        guard ts_tree_cursor_goto_first_child(&cursor) else { return [] }
        children: repeat {
            let node = ts_tree_cursor_current_node(&cursor)
            let kind = grammar.kind(node)
            let start = Int(ts_node_start_byte(node)), end = Int(ts_node_end_byte(node))
            if start >= anchor { break }
            switch kind {
            case .comment:
                continue
            case .body:
                guard ts_tree_cursor_goto_first_child(&cursor) else { continue }
                repeat {
                    let item = ts_tree_cursor_current_node(&cursor)
                    if Int(ts_node_start_byte(item)) < anchor, let built = build(item, cutoff: anchor) { add(built) }
                } while ts_tree_cursor_goto_next_sibling(&cursor)
                _ = ts_tree_cursor_goto_parent(&cursor)
                header = nil
            case .attribute, .block:
                if let item = build(node, cutoff: anchor) { add(item) }
                header = nil
            case .identifier where header == nil:
                header = (start, end, [])
            case .identifier:
                header?.labels.append(HCLLabel(value: text(start, end), range: range(start, end), quoted: false))
            case .stringLit where header != nil:
                if let label = buildExpression(node) {
                    header?.labels.append(HCLLabel(value: label.literalString ?? "", range: label.range, quoted: true))
                }
            case .blockStart:
                // Bounded like any nesting: the rebuilt blocks are nested values.
                guard let h = header, open.count < maxDepth else { break children }
                open.append(OpenBlock(type: text(h.start, h.end), typeRange: range(h.start, h.end), labels: h.labels,
                                      start: h.start, openEnd: end))
                header = nil
            case .blockEnd where !open.isEmpty:
                close(bodyEnd: start, end: end)
                header = nil
            default:
                header = nil
            }
        } while ts_tree_cursor_goto_next_sibling(&cursor)
        while !open.isEmpty { close(bodyEnd: nil, end: nil) }
        return top
    }
}
