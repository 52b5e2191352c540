/// Where to start parsing again after a syntax error that may have derailed the parse: the next
/// line that starts, in column 1, the way a top-level attribute (`name =`) or block header
/// (`type "label" {`) does. Heredoc bodies and block comments are skipped on the way, so that
/// their lines are not mistaken for top-level ones.
enum HCLResync {
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    /// The start of the first top-level-looking line after the line holding `offset`.
    static func point(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var lineStart = min(offset, bytes.count)
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var first = true
        while lineStart < bytes.count {
            let lineEnd = endOfLine(lineStart, bytes)
            if !first, looksTopLevel(lineStart, lineEnd, bytes) { return lineStart }
            first = false
            let opens = scanLine(lineStart, lineEnd, bytes)
            var next = lineEnd + 1
            if let marker = opens.heredocMarker {
                next = skipHeredoc(from: next, marker: marker, bytes)
            } else if opens.blockComment {
                next = skipBlockComment(from: next, bytes)
            }
            lineStart = next
        }
        return nil
    }

    private static func endOfLine(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return i
    }

    /// `name =` (not `==`) or `name label "label" {` from column 1.
    static func looksTopLevel(_ start: Int, _ end: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start < end, isNameStart(bytes[start]) else { return false }
        var i = start
        while i < end, isNameByte(bytes[i]) { i += 1 }
        func skipSpace() { while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 } }
        skipSpace()
        if i < end, bytes[i] == UInt8(ascii: "=") { return !(i + 1 < end && bytes[i + 1] == UInt8(ascii: "=")) }
        while i < end {
            if bytes[i] == UInt8(ascii: "{") { return true }
            if bytes[i] == UInt8(ascii: "\"") {
                i += 1
                while i < end, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < end else { return false }
                i += 1
            } else if isNameStart(bytes[i]) {
                while i < end, isNameByte(bytes[i]) { i += 1 }
            } else {
                return false
            }
            skipSpace()
        }
        return false
    }

    /// Whether a line ends by opening a heredoc (its marker) or an unclosed block comment,
    /// ignoring what is inside strings and line comments.
    private static func scanLine(_ start: Int, _ end: Int, _ bytes: UnsafeBufferPointer<UInt8>)
        -> (heredocMarker: [UInt8]?, blockComment: Bool) {
        var i = start, inString = false, marker: [UInt8]?
        while i < end {
            let byte = bytes[i]
            if inString {
                if byte == UInt8(ascii: "\\") { i += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            let next: UInt8 = i + 1 < end ? bytes[i + 1] : 0
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "#"): return (marker, false)
            case UInt8(ascii: "/") where next == UInt8(ascii: "/"): return (marker, false)
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                var j = i + 2
                while j + 1 < end, !(bytes[j] == UInt8(ascii: "*") && bytes[j + 1] == UInt8(ascii: "/")) { j += 1 }
                if j + 1 >= end { return (nil, true) }
                i = j + 1
            case UInt8(ascii: "<") where next == UInt8(ascii: "<"):
                var j = i + 2
                if j < end, bytes[j] == UInt8(ascii: "-") { j += 1 }
                let nameStart = j
                while j < end, isNameByte(bytes[j]) { j += 1 }
                var k = j
                while k < end, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0D { k += 1 }
                if j > nameStart, k == end { return (Array(bytes[nameStart..<j]), false) }
                marker = nil
            default: break
            }
            i += 1
        }
        return (marker, false)
    }

    private static func skipHeredoc(from start: Int, marker: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var lineStart = start
        while lineStart < bytes.count {
            let lineEnd = endOfLine(lineStart, bytes)
            var s = lineStart, e = lineEnd
            while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
            while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D { e -= 1 }
            if e - s == marker.count, marker.indices.allSatisfy({ bytes[s + $0] == marker[$0] }) { return lineEnd + 1 }
            lineStart = lineEnd + 1
        }
        return bytes.count
    }

    private static func skipBlockComment(from start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = start
        while i + 1 < bytes.count, !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) { i += 1 }
        return endOfLine(i, bytes) + 1
    }
}
