/// A command allow-list entry written as a regular expression (VS Code
/// `chat.tools.terminal.autoApprove` keys such as `/^git (status|log)\b/`), read by its shape
/// rather than run: no expression from a scanned file is compiled, so none can blow up a scan.
///
/// The reading is conservative. An expression anchored with `^` admits only command lines that
/// begin with its literal start, so that start (each branch of a literal group such as
/// `(status|log)` spelled out) is a command prefix; whatever follows only narrows it. `^…$` around
/// literals alone is one exact command. An expression that matches from any position admits every
/// command that contains it somewhere.
public enum CommandRegex {
    public enum Reading: Sendable, Equatable {
        /// Every command line (`/.*/`, `/^/`, `/^\S+/`).
        case any
        /// Command lines that begin with one of these prefixes, or (`exact`) are one of them.
        case prefixes([String], exact: Bool)
        /// Not held to a literal start (no `^`, or `^.*…`): any command line in which it finds a
        /// match, the branch as written.
        case unanchored(String)
        /// A shape this reading does not follow (a lookaround, a backreference): why.
        case unknown(String)
    }

    /// At most this many prefixes from nested literal groups; more is read as unknown.
    static let maximumPrefixes = 64

    /// `nil` unless the text is `/…/` (with optional flags after the closing slash).
    public static func read(_ written: String) -> Reading? {
        guard written.count > 1, written.hasPrefix("/"), let close = written.lastIndex(of: "/"), close > written.startIndex else { return nil }
        let flags = written[written.index(after: close)...]
        // JavaScript's flags only: `/bin/bash` is a path, not `/bin/` with flags `bash`.
        guard flags.count <= 4, flags.allSatisfy({ "dgimsuvy".contains($0) }) else { return nil }
        let body = Array(written[written.index(after: written.startIndex)..<close])
        var prefixes: [String] = []
        var exact = true
        for branch in split(body[...]) {
            switch readBranch(branch) {
            case .any: return .any
            case .unanchored: return .unanchored(String(body))
            case .unknown(let why): return .unknown(why)
            case .prefixes(let found, let isExact):
                prefixes += found
                exact = exact && isExact
            }
        }
        if prefixes.count > maximumPrefixes { return .unknown("it spells out more than \(maximumPrefixes) command prefixes") }
        return prefixes.isEmpty ? .any : .prefixes(prefixes, exact: exact)
    }

    /// One top-level alternative.
    private static func readBranch(_ branch: ArraySlice<Character>) -> Reading {
        let text = String(branch)
        if text.isEmpty || [".*", ".+", "[\\s\\S]*", "(.*)", ".*$"].contains(text) { return .any }
        guard branch.first == "^" else { return .unanchored(text) }
        var cursor = branch.dropFirst()
        var alternatives = [""]
        var exact = false
        reading: while let character = cursor.first {
            switch character {
            case "$" where cursor.count == 1:
                exact = true
                cursor.removeFirst()
                break reading
            case "\\":
                guard let literal = escape(cursor) else { break reading }
                cursor.removeFirst(2)
                // `^\s*git`: space before the command (or between words) says nothing of it.
                if literal == " ", alternatives.allSatisfy({ $0.isEmpty || $0.hasSuffix(" ") }), let next = cursor.first, "*+?".contains(next) {
                    cursor.removeFirst()
                    continue
                }
                // `\s?`, `\.*`: may be absent, so the prefix ends before it.
                if let next = cursor.first, "?*{".contains(next) { break reading }
                alternatives = alternatives.map { $0 + literal }
                if cursor.first == "+" {
                    // `\s+` is one space or more, read as one; `\.+` ends the literal start.
                    cursor.removeFirst()
                    if literal != " " { break reading }
                }
            case "(":
                guard let end = closing(cursor) else { return .unknown("its parentheses do not close") }
                var inner = cursor[cursor.index(after: cursor.startIndex)..<end]
                if inner.starts(with: ["?", ":"]) { inner = inner.dropFirst(2) }
                if inner.first == "?" { return .unknown("it uses a lookaround or an inline option") }
                let rest = cursor[cursor.index(after: end)...]
                if let next = rest.first, "?*{".contains(next) { break reading }
                var branches: [String] = []
                for part in split(inner) {
                    guard let literal = literal(part) else { break reading }
                    branches.append(literal)
                }
                let grown = alternatives.flatMap { start in branches.map { start + $0 } }
                if grown.count > maximumPrefixes { return .unknown("it spells out more than \(maximumPrefixes) command prefixes") }
                alternatives = grown
                cursor = rest
                if cursor.first == "+" { break reading }
            case ".", "[", "*", "+", "?", "{", ")", "|", "^", "$":
                break reading
            default:
                cursor.removeFirst()
                // `gits?`: the character before `?`, `*` or `{` may be absent.
                if let next = cursor.first, "?*{".contains(next) { break reading }
                alternatives = alternatives.map { $0 + String(character) }
                if cursor.first == "+" { break reading }
            }
        }
        if exact, !cursor.isEmpty { exact = false }
        let prefixes = alternatives.map { $0.split(separator: " ").joined(separator: " ") }
        if prefixes.contains(where: \.isEmpty) {
            // Nothing literal at the start: everything when the rest matches anything, else any
            // command in which the rest finds a match.
            let rest = String(cursor)
            return rest.isEmpty || [".*", ".+", ".*$", ".+$", "\\S+", "\\S.*$", "\\S.*"].contains(rest) ? .any : .unanchored(text)
        }
        return .prefixes(prefixes, exact: exact && cursor.isEmpty)
    }

    /// A group branch made of literals only (`status`, `stash\s+list`), as text; `nil` otherwise.
    private static func literal(_ part: ArraySlice<Character>) -> String? {
        var cursor = part
        var text = ""
        while let character = cursor.first {
            if character == "\\" {
                guard let literal = escape(cursor) else { return nil }
                cursor.removeFirst(2)
                if literal == " ", cursor.first == "+" { cursor.removeFirst() }
                text += literal
                continue
            }
            if ".[]()*+?{}|^$".contains(character) { return nil }
            text.append(character)
            cursor.removeFirst()
        }
        return text.isEmpty ? nil : text
    }

    /// What `\x` stands for when it is one literal character: `\s` a space (its `+` is eaten by
    /// the caller), `\.` a dot; `nil` for classes and assertions (`\d`, `\b`, `\S`, `\1`).
    private static func escape(_ cursor: ArraySlice<Character>) -> String? {
        guard cursor.count > 1 else { return nil }
        let next = cursor[cursor.index(after: cursor.startIndex)]
        if next == "s" { return " " }
        if next.isLetter || next.isNumber { return nil }
        return String(next)
    }

    /// The index of the `)` that closes the `(` at the start, skipping escapes and classes.
    private static func closing(_ cursor: ArraySlice<Character>) -> ArraySlice<Character>.Index? {
        var found: ArraySlice<Character>.Index?
        walk(cursor) { index, character, depth in
            guard character == ")", depth == 0 else { return true }
            found = index
            return false
        }
        return found
    }

    /// Top-level `|` alternatives (not inside a group or class, not escaped).
    private static func split(_ text: ArraySlice<Character>) -> [ArraySlice<Character>] {
        var parts: [ArraySlice<Character>] = []
        var start = text.startIndex
        walk(text) { index, character, depth in
            if character == "|", depth == 0 {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            return true
        }
        parts.append(text[start..<text.endIndex])
        return parts
    }

    /// Calls `visit` with each character outside escapes and `[...]` classes, and the group
    /// depth after it (a `)` past depth 0 stays at 0), until `visit` returns false.
    private static func walk(_ text: ArraySlice<Character>, _ visit: (ArraySlice<Character>.Index, Character, Int) -> Bool) {
        var depth = 0
        var inClass = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
            } else {
                if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
                if !visit(index, character, depth) { return }
            }
            index = text.index(after: index)
        }
    }
}
