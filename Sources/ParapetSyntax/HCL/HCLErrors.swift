import CTreeSitter
import ParapetCore

/// A syntax error found in the tree, placed where a reader would look for it.
struct HCLErrorEvent {
    var start: Int
    var end: Int
    var message: String
    /// The error may have derailed the parse of what follows (tree-sitter-hcl's heredoc scanner
    /// accepts almost anything during error recovery and can swallow the rest of the file), so
    /// the parser drops what follows it and parses again from the next top-level line.
    var derails: Bool
}

/// Finds the ERROR and MISSING nodes of a subtree and words them. Only subtrees that contain an
/// error are entered; the walk is iterative.
struct HCLErrorScanner {
    let source: SourceFile
    let bytes: UnsafeBufferPointer<UInt8>
    let grammar: HCLGrammar

    func scan(_ root: TSNode, topLevel: Bool) -> [HCLErrorEvent] {
        var events: [HCLErrorEvent] = []
        var cursor = ts_tree_cursor_new(root)
        defer { ts_tree_cursor_delete(&cursor) }
        // Ancestors of the current node, for messages that name the enclosing block or template.
        var ancestors: [TSNode] = []
        walk: while true {
            let node = ts_tree_cursor_current_node(&cursor)
            let kind = grammar.kind(node)
            if kind == .error {
                events.append(errorEvent(node, topLevel: topLevel && ancestors.count <= 1))
            } else if ts_node_is_missing(node) {
                events.append(missingEvent(node, kind: kind, ancestors: ancestors))
            } else if ts_node_has_error(node), ts_tree_cursor_goto_first_child(&cursor) {
                ancestors.append(node)
                continue
            }
            while !ts_tree_cursor_goto_next_sibling(&cursor) {
                guard ts_tree_cursor_goto_parent(&cursor) else { break walk }
                ancestors.removeLast()
            }
        }
        return events
    }

    /// An ERROR node: tokens the parser could not place. The message names the first token that
    /// does not fit, which is the node's start unless the node starts with a name that the
    /// parser only gave up on later (`a 1`: the error is at `1`).
    private func errorEvent(_ node: TSNode, topLevel: Bool) -> HCLErrorEvent {
        let start = Int(ts_node_start_byte(node))
        var anchor = start
        var bogusHeredoc = false
        if let (offset, heredoc) = firstSuspect(in: node) {
            bogusHeredoc = heredoc
            if startsWithName(start) { anchor = offset }
        }
        // From the bytes: tree-sitter's rows may differ where blank runs were handed over.
        let end = min(Int(ts_node_end_byte(node)), bytes.count)
        let spansLines = start < end && UnsafeBufferPointer(rebasing: bytes[start..<end]).contains(0x0A)
        var (message, tokenEnd) = unexpected(at: anchor)
        if tokenEnd == anchor + 1, bytes[anchor] == UInt8(ascii: "="), lineIsBlank(after: tokenEnd) {
            message = "Missing value after `=`"
        }
        return HCLErrorEvent(start: anchor, end: tokenEnd, message: message,
                             derails: topLevel || spansLines || bogusHeredoc)
    }

    private func missingEvent(_ node: TSNode, kind: HCLNodeKind, ancestors: [TSNode]) -> HCLErrorEvent {
        let offset = Int(ts_node_start_byte(node))
        let parent = ancestors.last
        switch kind {
        case .quotedTemplateEnd:
            let open = parent.map { Int(ts_node_start_byte($0)) } ?? offset
            return HCLErrorEvent(start: open, end: min(open + 1, bytes.count),
                                 message: "Unterminated string: missing closing `\"`", derails: true)
        case .heredocIdentifier:
            if let parent, grammar.kind(parent) == .heredocTemplate, ts_node_child_count(parent) > 1 {
                let opener = ts_node_child(parent, 1)
                return HCLErrorEvent(start: Int(ts_node_start_byte(parent)), end: Int(ts_node_end_byte(opener)),
                                     message: "Unterminated heredoc: no line `\(text(of: opener))` closes it", derails: true)
            }
            let (message, end) = unexpected(at: offset)
            return HCLErrorEvent(start: offset, end: end, message: message, derails: true)
        case .heredocStart,
             .other where isHeredocToken(node):
            // `<<` inserted by error recovery: the heredoc scanner took over the rest of the line.
            let (message, end) = unexpected(at: offset)
            return HCLErrorEvent(start: offset, end: end, message: message, derails: true)
        default:
            let at = backOverSpace(offset)
            let token = ts_node_is_named(node) ? String(cString: ts_node_type(node)).replacingOccurrences(of: "_", with: " ")
                                               : "`\(String(cString: ts_node_type(node)))`"
            var message = "Missing \(token)"
            if let parent, grammar.kind(parent) == .blockEnd, ancestors.count >= 2 {
                let block = ancestors[ancestors.count - 2]
                let type = text(of: ts_node_child(block, 0))
                message += " to close the `\(type)` block at line \(source.position(at: Int(ts_node_start_byte(block))).line)"
            }
            return HCLErrorEvent(start: at, end: at, message: message, derails: false)
        }
    }

    private func text(of node: TSNode) -> String {
        let start = min(Int(ts_node_start_byte(node)), bytes.count)
        let end = max(start, min(Int(ts_node_end_byte(node)), bytes.count))
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    private func isHeredocToken(_ node: TSNode) -> Bool {
        let type = String(cString: ts_node_type(node))
        return type == "<<" || type == "<<-"
    }

    /// The first nested ERROR, MISSING node or stray heredoc token inside an ERROR node, and
    /// whether it is a heredoc token (a sign that the scanner swallowed what follows).
    private func firstSuspect(in node: TSNode) -> (Int, Bool)? {
        var cursor = ts_tree_cursor_new(node)
        defer { ts_tree_cursor_delete(&cursor) }
        guard ts_tree_cursor_goto_first_child(&cursor) else { return nil }
        var depth = 1
        var parentKinds: [HCLNodeKind] = [.error]
        walk: while true {
            let child = ts_tree_cursor_current_node(&cursor)
            let kind = grammar.kind(child)
            let offset = Int(ts_node_start_byte(child))
            if kind == .error || ts_node_is_missing(child) { return (offset, kind == .heredocStart || isHeredocToken(child)) }
            if (kind == .heredocIdentifier || kind == .heredocStart) && parentKinds.last != .heredocTemplate {
                return (offset, true)
            }
            if ts_node_child_count(child) > 0, ts_tree_cursor_goto_first_child(&cursor) {
                depth += 1
                parentKinds.append(kind)
                continue
            }
            while !ts_tree_cursor_goto_next_sibling(&cursor) {
                guard depth > 1, ts_tree_cursor_goto_parent(&cursor) else { break walk }
                depth -= 1
                parentKinds.removeLast()
            }
        }
        return nil
    }

    private func startsWithName(_ offset: Int) -> Bool {
        offset < bytes.count && HCLResync.isNameStart(bytes[offset])
    }

    /// "Unexpected `x`" for the token at `offset`, and where that token ends.
    func unexpected(at offset: Int) -> (String, Int) {
        var start = offset
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count else { return ("Unexpected end of file", bytes.count) }
        var end = start + 1
        if HCLResync.isNameStart(bytes[start]) || (bytes[start] >= 0x30 && bytes[start] <= 0x39) {
            while end < bytes.count, HCLResync.isNameByte(bytes[end]) || bytes[end] == UInt8(ascii: ".") && bytes[start] <= 0x39 {
                end += 1
            }
        } else if bytes[start] >= 0x80 {
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        } else {
            let pair = end < bytes.count ? String(decoding: [bytes[start], bytes[end]], as: UTF8.self) : ""
            if ["${", "%{", "<<", "=>", "==", "!=", ">=", "<=", "&&", "||", "[*", ".*", "::", "/*", "//"].contains(pair) { end += 1 }
        }
        end = min(end, start + 40)
        let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let shown = token.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{FFFD}" })
            ? "`\(token)`" : "character \(DataDump.quote(token))"
        return ("Unexpected \(shown)", end)
    }

    /// Only spaces or a comment up to the end of the line.
    private func lineIsBlank(after offset: Int) -> Bool {
        var i = offset
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        return i >= bytes.count || bytes[i] == 0x0A || bytes[i] == UInt8(ascii: "#")
            || (bytes[i] == UInt8(ascii: "/") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/"))
    }

    /// A missing token belongs right after the last real text, not at the start of the next line.
    private func backOverSpace(_ offset: Int) -> Int {
        var i = min(offset, bytes.count)
        while i > 0, isSpace(bytes[i - 1]) { i -= 1 }
        return i
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
}
