import ParapetCore

/// Markdown front matter (Claude Code subagents, prompt files): a `---` line at the very start
/// of the file (after an optional BOM), closed by the next `---` or `...` line.
///
/// - No front matter (or no closing line) is zero documents and no diagnostic.
/// - The block is read as YAML in place, so every range is a range of the whole file; the result
///   is at most one document. Comments are those inside the block.
/// - When the YAML is invalid (subagent files often have unquoted `description: a: b` values),
///   a lenient line reader takes over (see `FrontMatterFallback`): top-level `key: rest of line`
///   entries, with no parse error. If it finds no entry either, the YAML error is returned.
/// - Limit diagnostics (alias bombs, nesting) are returned as they are, without the fallback.
public enum FrontMatterParser {
    public static func parse(_ source: SourceFile, limits: ScanLimits = ScanLimits()) -> DataParseResult {
        guard let block = FrontMatterBlock.find(in: source.bytes) else { return DataParseResult() }
        // The file up to the closing line: the opening `---` is a YAML document start, and the
        // offsets are those of the file.
        let yaml = YAMLReader.read(Array(source.bytes[..<block.end]), base: 0, source: source, limits: limits)
        guard yaml.diagnostics.contains(where: { $0.kind == .parseError }) else { return yaml }
        return FrontMatterFallback.parse(source, block: block, limits: limits) ?? yaml
    }
}

/// Where the front matter is: its content runs from `contentStart` (after the opening line) to
/// `end` (the start of the closing line).
struct FrontMatterBlock: Sendable {
    var contentStart: Int
    var end: Int

    static func find(in bytes: [UInt8]) -> FrontMatterBlock? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let lines = FrontMatterLine.split(bytes, from: start, to: bytes.count)
        guard let opening = lines.first, opening.start == start, isMarker(bytes, opening, "---") else { return nil }
        for line in lines.dropFirst() where isMarker(bytes, line, "---") || isMarker(bytes, line, "...") {
            return FrontMatterBlock(contentStart: opening.next, end: line.start)
        }
        return nil
    }

    /// The line is exactly the marker, trailing blanks allowed.
    private static func isMarker(_ bytes: [UInt8], _ line: FrontMatterLine, _ marker: String) -> Bool {
        let end = line.trimmedEnd(bytes)
        return bytes[line.start..<end].elementsEqual(marker.utf8)
    }
}

/// One line of a byte buffer: `[start, end)` without its line break, `next` the start of the
/// following line, `indent` the leading blanks (bytes).
struct FrontMatterLine: Sendable {
    var start: Int
    var end: Int
    var next: Int
    var indent: Int

    var contentStart: Int { start + indent }
    var isBlank: Bool { contentStart == end }

    func trimmedEnd(_ bytes: [UInt8]) -> Int {
        var end = self.end
        while end > contentStart, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return end
    }

    static func split(_ bytes: [UInt8], from start: Int, to end: Int) -> [FrontMatterLine] {
        var lines: [FrontMatterLine] = []
        var lineStart = start
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = Swift.min(lineEnd + 1, end)
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            var indent = 0
            while lineStart + indent < lineEnd, bytes[lineStart + indent] == 0x20 || bytes[lineStart + indent] == 0x09 { indent += 1 }
            lines.append(FrontMatterLine(start: lineStart, end: lineEnd, next: next, indent: indent))
            lineStart = next
        }
        return lines
    }
}
