import CTreeSitter
import ParapetCore

/// Comments and template text, for the walk in `HCLTreeBuilder`.
extension HCLTreeBuilder {
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

    // MARK: - Templates

    /// A `"string"` with no interpolation, decoded without the template machinery (most strings).
    mutating func quotedLiteral(_ start: Int, _ end: Int) -> HCLExpression? {
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
    mutating func scanTemplate(_ node: TSNode, kind: HCLNodeKind, start: Int, end: Int) -> HCLTemplateContext {
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
