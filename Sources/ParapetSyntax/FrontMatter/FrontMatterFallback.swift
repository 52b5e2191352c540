import ParapetCore

/// Reads front matter that is not valid YAML the way people meant it, without inventing
/// structure: each line at column 0 of the form `key: rest` is an entry whose value is the rest
/// of the line plus the lines that continue it (indented lines, or `- item` lines under an empty
/// `key:`). Each value is first read as YAML on its own; it is kept when that works and does not
/// turn prose into structure (`description: Use when: x` stays one string). Otherwise the value is
/// the text itself, folded like a plain scalar, or, for `- item` lines, a sequence of the items.
/// Column-0 lines that are not entries are skipped.
enum FrontMatterFallback {
    static func parse(_ source: SourceFile, block: FrontMatterBlock, limits: ScanLimits) -> DataParseResult? {
        var reader = FrontMatterFallbackReader(source: source, limits: limits)
        reader.read(FrontMatterLine.split(source.bytes, from: block.contentStart, to: block.end))
        guard let first = reader.entries.first, let last = reader.entries.last else { return nil }
        let end = reader.entries.map(\.value.range.end).max() ?? last.value.range.end
        let mapping = DataNode(.mapping(reader.entries), range: SourceRange(file: source.file, start: first.key.range.start, end: end))
        let comments = reader.comments.sorted { $0.range.start.offset < $1.range.start.offset }
        return DataParseResult(documents: [mapping], comments: comments, diagnostics: reader.diagnostics)
    }
}

private struct FrontMatterFallbackReader {
    let source: SourceFile
    let limits: ScanLimits
    var entries: [DataEntry] = []
    var comments: [Comment] = []
    /// Only limit diagnostics from values read as YAML: the fallback itself reports no error.
    var diagnostics: [SyntaxDiagnostic] = []

    init(source: SourceFile, limits: ScanLimits) {
        self.source = source
        self.limits = limits
    }

    private var bytes: [UInt8] { source.bytes }

    mutating func read(_ lines: [FrontMatterLine]) {
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard !line.isBlank, line.indent == 0 else { continue }
            if bytes[line.start] == UInt8(ascii: "#") {
                addComment(line.start, line.trimmedEnd(bytes))
                continue
            }
            guard let colon = Self.keyColon(bytes, line) else { continue }
            var restStart = colon + 1
            while restStart < line.end, bytes[restStart] == 0x20 || bytes[restStart] == 0x09 { restStart += 1 }
            var restEnd = line.trimmedEnd(bytes)
            if restStart < restEnd, bytes[restStart] == UInt8(ascii: "#") {
                addComment(restStart, restEnd)
                restEnd = restStart
            }
            let restEmpty = restStart >= restEnd
            var body: [FrontMatterLine] = []
            while index < lines.count {
                let next = lines[index]
                guard next.isBlank || next.indent > 0 || (restEmpty && Self.isListItem(bytes, next)) else { break }
                body.append(next)
                index += 1
            }
            while let lastLine = body.last, lastLine.isBlank { body.removeLast() }
            let key = keyNode(line.start, colon)
            let value = valueNode(line: line, colon: colon, rest: restStart..<Swift.max(restStart, restEnd), body: body)
            entries.append(DataEntry(key: key, value: value))
        }
    }

    private mutating func valueNode(line: FrontMatterLine, colon: Int, rest: Range<Int>, body: [FrontMatterLine]) -> DataNode {
        let valueStart = rest.isEmpty ? (body.first?.contentStart ?? rest.lowerBound) : rest.lowerBound
        let valueEnd = body.last?.trimmedEnd(bytes) ?? rest.upperBound
        guard valueStart < valueEnd else {
            // `key:` with nothing after it is null, as in YAML, at the end of the colon.
            return DataNode(.scalar(Scalar("", style: .plain)), range: source.range(colon + 1, colon + 1))
        }
        if let node = yamlValue(lineStart: line.start, valueStart: valueStart, valueEnd: valueEnd, inline: !rest.isEmpty) {
            return node
        }
        let contentLines = body.filter { !$0.isBlank }
        if rest.isEmpty, !contentLines.isEmpty,
           contentLines.allSatisfy({ Self.isListItem(bytes, $0) || bytes[$0.contentStart] == UInt8(ascii: "#") }) {
            return listNode(contentLines)
        }
        return textNode(rest: rest, body: body)
    }

    /// The value read as YAML in place (the bytes before it blanked), when that is honest.
    private mutating func yamlValue(lineStart: Int, valueStart: Int, valueEnd: Int, inline: Bool) -> DataNode? {
        var window = Array(bytes[lineStart..<valueEnd])
        for offset in 0..<(valueStart - lineStart) where window[offset] != 0x0A && window[offset] != 0x0D {
            window[offset] = 0x20
        }
        let result = YAMLReader.read(window, base: lineStart, source: source, limits: limits, sameText: false)
        diagnostics += result.diagnostics.filter { $0.kind != .parseError }
        guard result.diagnostics.isEmpty, result.documents.count == 1, let node = result.documents.first else { return nil }
        // Inline prose such as `Use when: asked` reads as a mapping; only brackets make structure.
        let first = bytes[valueStart]
        if inline, node.scalar == nil, first != UInt8(ascii: "["), first != UInt8(ascii: "{") { return nil }
        comments += result.comments
        return node
    }

    /// `- item` lines as a sequence of their texts (each item read as a YAML scalar when it is one).
    private mutating func listNode(_ lines: [FrontMatterLine]) -> DataNode {
        var items: [DataNode] = []
        for line in lines {
            let end = line.trimmedEnd(bytes)
            if bytes[line.contentStart] == UInt8(ascii: "#") {
                addComment(line.contentStart, end)
                continue
            }
            var itemStart = line.contentStart + 1
            while itemStart < end, bytes[itemStart] == 0x20 || bytes[itemStart] == 0x09 { itemStart += 1 }
            if itemStart < end, let node = yamlValue(lineStart: line.start, valueStart: itemStart, valueEnd: end, inline: true) {
                items.append(node)
            } else {
                items.append(DataNode(.scalar(Scalar(source.text(itemStart, end), style: .plain)), range: source.range(itemStart, end)))
            }
        }
        let start = lines.first?.contentStart ?? 0
        let end = items.last?.range.end.offset ?? start
        return DataNode(.sequence(items), range: source.range(start, end))
    }

    /// The text of the value folded like a plain scalar: lines joined by a space, a blank line
    /// kept as a line break; comment lines are comments.
    private mutating func textNode(rest: Range<Int>, body: [FrontMatterLine]) -> DataNode {
        var parts: [String] = rest.isEmpty ? [] : [source.text(rest.lowerBound, rest.upperBound)]
        var start = rest.isEmpty ? nil : rest.lowerBound
        var end = rest.upperBound
        var pendingBreak = false
        for line in body {
            if line.isBlank {
                pendingBreak = true
                continue
            }
            let lineEnd = line.trimmedEnd(bytes)
            if bytes[line.contentStart] == UInt8(ascii: "#") {
                addComment(line.contentStart, lineEnd)
                continue
            }
            let text = source.text(line.contentStart, lineEnd)
            if let last = parts.popLast() {
                parts.append(last + (pendingBreak ? "\n" : " ") + text)
            } else {
                parts.append(text)
            }
            pendingBreak = false
            start = start ?? line.contentStart
            end = lineEnd
        }
        let valueStart = start ?? rest.lowerBound
        return DataNode(.scalar(Scalar(parts.joined(), style: .plain)), range: source.range(valueStart, Swift.max(valueStart, end)))
    }

    private func keyNode(_ start: Int, _ colon: Int) -> DataNode {
        var end = colon
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let quote = bytes[start]
        if end - start >= 2, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"), bytes[end - 1] == quote {
            let style: ScalarStyle = quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted
            return DataNode(.scalar(Scalar(source.text(start + 1, end - 1), style: style)), range: source.range(start, end))
        }
        return DataNode(.scalar(Scalar(source.text(start, end), style: .plain)), range: source.range(start, end))
    }

    private mutating func addComment(_ hash: Int, _ end: Int) {
        var textStart = hash + 1
        while textStart < end, bytes[textStart] == 0x20 || bytes[textStart] == 0x09 { textStart += 1 }
        comments.append(Comment(text: source.text(textStart, end), range: source.range(hash, end)))
    }

    /// The colon that ends a key at the start of the line: the first `:` followed by a blank or
    /// the end of the line (after a quoted key's closing quote). Lines starting with a YAML
    /// indicator are not entries.
    static func keyColon(_ bytes: [UInt8], _ line: FrontMatterLine) -> Int? {
        let first = bytes[line.start]
        guard !"-#[]{}?&*!|>%@`,:".utf8.contains(first) else { return nil }
        var index = line.start
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            index += 1
            while index < line.end, bytes[index] != first { index += bytes[index] == UInt8(ascii: "\\") && first == UInt8(ascii: "\"") ? 2 : 1 }
            guard index < line.end else { return nil }
        }
        while index < line.end {
            if bytes[index] == UInt8(ascii: ":"), index + 1 == line.end || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09 {
                return index
            }
            index += 1
        }
        return nil
    }

    static func isListItem(_ bytes: [UInt8], _ line: FrontMatterLine) -> Bool {
        guard !line.isBlank, bytes[line.contentStart] == UInt8(ascii: "-") else { return false }
        let after = line.contentStart + 1
        return after == line.end || bytes[after] == 0x20 || bytes[after] == 0x09
    }
}
