import ParapetCore

/// JSON (RFC 8259) and JSONC (VS Code's dialect: `//` and `/* */` comments, trailing commas),
/// read straight from the byte buffer into `DataNode`s with the range of every node and key.
///
/// - An empty or whitespace-only file is zero documents and no error.
/// - Scalars: strings have style `.string` (decoded; a lone or mismatched surrogate becomes
///   U+FFFD, and so do bytes that are not UTF-8), numbers `.number` with their text exactly as
///   written, `true`/`false` `.bool`, `null` `.null`. Container ranges run from the bracket to
///   the closing bracket; string ranges include the quotes. Duplicate keys are kept in order
///   (`DataNode[key]` takes the last). A UTF-8 byte order mark is skipped.
/// - Strict mode (`allowComments: false`) accepts exactly RFC 8259, as JSONTestSuite checks it.
/// - The first syntax error stops the parse and the file yields no document: rules must not
///   judge a truncated tree (a missing `}` would make every later setting look absent).
///   Comments before the error are still returned.
/// - Nesting deeper than `limits.maxDepth` is a `.limit(.depth)` diagnostic. Containers are
///   kept on an explicit stack, so hostile nesting cannot overflow the call stack.
public enum JSONParser {
    /// `allowComments` accepts JSONC: `//` and `/* */` comments and trailing commas.
    public static func parse(_ source: SourceFile, allowComments: Bool = true, limits: ScanLimits = ScanLimits()) -> DataParseResult {
        source.bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(source: source, bytes: buffer, allowComments: allowComments, maxDepth: limits.maxDepth)
            return reader.run()
        }
    }
}

/// Why a parse stopped; carried by typed throws up to `run()`.
struct SyntaxFailure: Error {
    var diagnostic: SyntaxDiagnostic
}

struct JSONReader {
    let source: SourceFile
    let bytes: UnsafeBufferPointer<UInt8>
    let allowComments: Bool
    let maxDepth: Int
    var i = 0
    var cursor: PositionCursor
    var comments: [Comment] = []

    /// An open `{` or `[`: what it holds so far and, in an object, the key awaiting its value.
    struct Frame {
        let isObject: Bool
        let start: SourcePosition
        var items: [DataNode] = []
        var entries: [DataEntry] = []
        var key: DataNode?
    }

    init(source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, allowComments: Bool, maxDepth: Int) {
        self.source = source
        self.bytes = bytes
        self.allowComments = allowComments
        self.maxDepth = maxDepth
        self.cursor = PositionCursor(source: source, bytes: bytes)
    }

    mutating func run() -> DataParseResult {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        do throws(SyntaxFailure) {
            try skipTrivia()
            guard i < bytes.count else { return DataParseResult(comments: comments) }
            let root = try readValue()
            try skipTrivia()
            if i < bytes.count {
                throw fail("Unexpected \(ByteText.describe(bytes, at: i)) after the end of the JSON value", at: i)
            }
            return DataParseResult(documents: [root], comments: comments)
        } catch {
            return DataParseResult(comments: comments, diagnostics: [error.diagnostic])
        }
    }

    /// Reads one value, containers included, without recursion: `stack` holds the open
    /// containers; each completed value is attached to the innermost one, which may complete it.
    mutating func readValue() throws(SyntaxFailure) -> DataNode {
        var stack: [Frame] = []
        while true {
            try skipTrivia()
            guard i < bytes.count else { throw endOfFile(stack) }
            var value: DataNode
            let byte = bytes[i]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                guard stack.count < maxDepth else {
                    throw SyntaxFailure(diagnostic: SyntaxDiagnostic(.limit(.depth),
                        "Nesting is deeper than \(maxDepth) levels", at: cursor.range(i, i + 1)))
                }
                let isObject = byte == UInt8(ascii: "{")
                stack.append(Frame(isObject: isObject, start: cursor.position(at: i)))
                i += 1
                try skipTrivia()
                if i < bytes.count, bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    i += 1
                    value = close(stack.removeLast())
                } else if isObject {
                    let key = try readKey(stack)
                    stack[stack.count - 1].key = key
                    continue
                } else {
                    continue
                }
            } else {
                value = try readScalar()
            }
            // Attach the completed value; a closing bracket completes the container in turn.
            while let top = stack.indices.last {
                let isObject = stack[top].isObject
                if isObject {
                    if let key = stack[top].key {
                        stack[top].entries.append(DataEntry(key: key, value: value))
                        stack[top].key = nil
                    }
                } else {
                    stack[top].items.append(value)
                }
                try skipTrivia()
                guard i < bytes.count else { throw endOfFile(stack) }
                let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if bytes[i] == UInt8(ascii: ",") {
                    let comma = i
                    i += 1
                    try skipTrivia()
                    if i < bytes.count, bytes[i] == closer {
                        guard allowComments else { throw fail("Trailing comma is not allowed in JSON", at: comma) }
                        i += 1
                        value = close(stack.removeLast())
                        continue
                    }
                    if isObject {
                        let key = try readKey(stack)
                        stack[top].key = key
                    }
                    break
                } else if bytes[i] == closer {
                    i += 1
                    value = close(stack.removeLast())
                } else {
                    throw fail(isObject ? "Expected `,` or `}` after object member" : "Expected `,` or `]` after array element", at: i)
                }
            }
            if stack.isEmpty { return value }
        }
    }

    /// Reads `"key" :` at `i`; `stack` only serves the end-of-file message.
    mutating func readKey(_ stack: [Frame]) throws(SyntaxFailure) -> DataNode {
        try skipTrivia()
        guard i < bytes.count else { throw endOfFile(stack) }
        guard bytes[i] == UInt8(ascii: "\"") else {
            let hint = bytes[i] == UInt8(ascii: "'") ? " (single quotes are not JSON)" : ""
            throw fail("Expected a property name in double quotes, found \(ByteText.describe(bytes, at: i))\(hint)", at: i)
        }
        let start = i
        let startPosition = cursor.position(at: start)
        let text = try readString()
        let key = DataNode(.scalar(Scalar(text, style: .string)),
                           range: SourceRange(file: source.file, start: startPosition, end: cursor.position(at: i)))
        try skipTrivia()
        guard i < bytes.count else { throw endOfFile(stack) }
        guard bytes[i] == UInt8(ascii: ":") else { throw fail("Expected `:` after property name", at: i) }
        i += 1
        return key
    }

    mutating func close(_ frame: Frame) -> DataNode {
        let content: DataNode.Content = frame.isObject ? .mapping(frame.entries) : .sequence(frame.items)
        return DataNode(content, range: SourceRange(file: source.file, start: frame.start, end: cursor.position(at: i)))
    }

    // MARK: Errors

    /// An error at one character (or at the end of the file).
    mutating func fail(_ message: String, at offset: Int) -> SyntaxFailure {
        let end = offset < bytes.count ? offset + ByteText.sequenceLength(bytes[offset]) : offset
        return fail(message, from: offset, to: end)
    }

    mutating func fail(_ message: String, from start: Int, to end: Int) -> SyntaxFailure {
        SyntaxFailure(diagnostic: SyntaxDiagnostic(.parseError, message, at: cursor.range(start, end)))
    }

    /// The end of the file came too early: name the innermost bracket left open, which is what
    /// the author has to find.
    mutating func endOfFile(_ stack: [Frame]) -> SyntaxFailure {
        guard let open = stack.last else { return fail("Unexpected end of file, expected a value", at: bytes.count) }
        let bracket = open.isObject ? "{" : "["
        return fail("Unexpected end of file: `\(bracket)` at line \(open.start.line), column \(open.start.column) is not closed", at: bytes.count)
    }
}
