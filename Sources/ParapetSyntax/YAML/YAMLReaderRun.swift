import CYAML
import ParapetCore

/// One pass of libyaml over one buffer; owns the libyaml parser for that pass.
struct YAMLReaderRun {
    private let buffer: UnsafeBufferPointer<UInt8>
    private let base: Int
    private let source: SourceFile
    private var marks: YAMLMarkConverter
    private var builder: YAMLTreeBuilder
    /// The source line of the window's first line when libyaml's lines and columns can be used.
    private let firstLine: Int?
    /// Byte ranges (in `buffer`) of quoted and block scalar content, where `#` is not a comment.
    private var protected: [Range<Int>] = []
    /// Where libyaml's reader rejected the input (invalid UTF-8, a control character).
    private(set) var readerErrorOffset: Int?

    init(buffer: UnsafeBufferPointer<UInt8>, base: Int, source: SourceFile, limits: ScanLimits, sameText: Bool) {
        self.buffer = buffer
        self.base = base
        self.source = source
        self.marks = YAMLMarkConverter(buffer)
        self.builder = YAMLTreeBuilder(source: source, limits: limits)
        let atLineStart = base == 0 || (base <= source.bytes.count && source.bytes[base - 1] == 0x0A)
        self.firstLine = sameText && atLineStart && marks.linesMatch ? source.position(at: base).line : nil
    }

    mutating func run() -> DataParseResult {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            let diagnostic = SyntaxDiagnostic(.parseError, "The YAML parser could not start (out of memory)", at: source.range(base, base))
            return DataParseResult(diagnostics: [diagnostic])
        }
        defer { yaml_parser_delete(&parser) }
        // Forcing UTF-8 keeps libyaml's character indices aligned with our bytes: a UTF-8 BOM
        // is then skipped as one character instead of silently shifting every mark.
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

        var stop = buffer.count
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                stop = reportError(parser)
                break
            }
            let outcome = handle(event)
            yaml_event_delete(&event)
            if case .stop(let offset) = outcome {
                stop = offset
                break
            }
            if case .finished = outcome { break }
        }
        let comments = YAMLCommentScanner.scan(buffer, base: base, upTo: lineEnd(after: stop),
                                               protected: protected, source: source)
        return DataParseResult(documents: builder.documents, comments: comments, diagnostics: builder.diagnostics)
    }

    /// The documents that ended before `offset` (in `buffer`): a document whose end libyaml
    /// only implied at the end of the buffer is cut off there.
    func documents(endingBefore offset: Int) -> [DataNode] {
        zip(builder.documents, builder.documentEnds).filter { $0.1 < base + offset }.map(\.0)
    }

    private enum Outcome { case next, finished, stop(Int) }

    private mutating func handle(_ event: yaml_event_t) -> Outcome {
        let (startOffset, start) = locate(event.start_mark)
        let ok: Bool
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return .finished
        case YAML_DOCUMENT_START_EVENT:
            ok = builder.startDocument(at: start)
        case YAML_DOCUMENT_END_EVENT:
            builder.endDocument(at: locate(event.end_mark).position)
            ok = true
        case YAML_SCALAR_EVENT:
            ok = scalar(event, startOffset: startOffset, start: start)
        case YAML_ALIAS_EVENT:
            ok = builder.alias(Self.string(event.data.alias.anchor) ?? "", start: start, end: locate(event.end_mark).position)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            ok = builder.startCollection(.sequence, flow: data.style == YAML_FLOW_SEQUENCE_STYLE,
                                         start: start, anchor: Self.string(data.anchor))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            ok = builder.startCollection(.mapping, flow: data.style == YAML_FLOW_MAPPING_STYLE,
                                         start: start, anchor: Self.string(data.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            ok = builder.endCollection(end: locate(event.end_mark).position)
        default:
            ok = true
        }
        return ok ? .next : .stop(startOffset)
    }

    private mutating func scalar(_ event: yaml_event_t, startOffset start: Int, start startPosition: SourcePosition) -> Bool {
        let data = event.data.scalar
        let text: String
        if let value = data.value, data.length > 0 {
            text = String(decoding: UnsafeBufferPointer(start: value, count: Int(data.length)), as: UTF8.self)
        } else {
            text = ""
        }
        var (end, endPosition) = locate(event.end_mark)
        let style: ScalarStyle
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        switch style {
        case .singleQuoted, .doubleQuoted:
            protected.append(start..<end)
        case .literal, .folded:
            // libyaml ends a block scalar at the next token, past trailing blank lines.
            let markEnd = end
            while end > start + 1, let byte = byte(at: end - 1), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                end -= 1
            }
            if end != markEnd { endPosition = source.position(at: base + end) }
            // The header line (`key: |  # comment`) may hold a real comment; the content may not.
            var contentStart = start
            while contentStart < end, buffer[contentStart] != 0x0A { contentStart += 1 }
            if contentStart < end { protected.append(contentStart..<end) }
        default:
            break
        }
        let scalar = Scalar(text, style: style, tag: Self.tag(data.tag))
        return builder.scalar(scalar, start: startPosition, end: endPosition, anchor: Self.string(data.anchor))
    }

    /// A mark's byte offset in `buffer` and its position in `source`.
    private mutating func locate(_ mark: yaml_mark_t) -> (offset: Int, position: SourcePosition) {
        let offset = marks.offset(ofCharacter: Int(mark.index))
        // At the end of the stream libyaml forces a line break that the text may not have.
        guard let firstLine, offset < buffer.count else { return (offset, source.position(at: base + offset)) }
        return (offset, SourcePosition(line: firstLine + Int(mark.line), column: Int(mark.column) + 1, offset: base + offset))
    }

    /// Records libyaml's error and returns the offset where the stream stopped.
    private mutating func reportError(_ parser: yaml_parser_t) -> Int {
        let problem = Self.string(parser.problem).map { $0.isEmpty ? $0 : $0.prefix(1).uppercased() + $0.dropFirst() }
            ?? "Unknown YAML error"
        var message = problem
        let offset: Int
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset instead of a mark.
            offset = Swift.min(Int(parser.problem_offset), buffer.count)
            readerErrorOffset = offset
            if parser.problem_value >= 0 { message += " (#x\(String(parser.problem_value, radix: 16, uppercase: true)))" }
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            offset = marks.offset(ofCharacter: Int(parser.problem_mark.index))
            if let context = Self.string(parser.context) {
                message += " " + context
                if parser.context_mark.index != parser.problem_mark.index {
                    let position = locate(parser.context_mark).position
                    message += " started at line \(position.line), column \(position.column)"
                }
            }
        case YAML_MEMORY_ERROR:
            offset = marks.offset(ofCharacter: Int(parser.mark.index))
            message = "The YAML parser ran out of memory"
        default:
            offset = marks.offset(ofCharacter: Int(parser.mark.index))
        }
        let range = source.range(base + offset, base + marks.characterEnd(at: offset))
        builder.fail(SyntaxDiagnostic(.parseError, message, at: range))
        return offset
    }

    private func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < buffer.count ? buffer[offset] : nil
    }

    private func lineEnd(after offset: Int) -> Int {
        var end = Swift.max(0, Swift.min(offset, buffer.count))
        while end < buffer.count, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
        return end
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Explicit tags, with the core schema's long form shortened to how it is written (`!!str`).
    private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let tag = string(pointer) else { return nil }
        let core = "tag:yaml.org,2002:"
        return tag.hasPrefix(core) ? "!!" + tag.dropFirst(core.count) : tag
    }
}
