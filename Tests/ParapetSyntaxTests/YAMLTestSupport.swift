import ParapetCore
import ParapetSyntax
import Testing

/// A stable text form of a data front-end's result, for snapshots: the documents as
/// `DataDump` renders them, then the comments and diagnostics with their ranges.
func yamlRender(_ result: DataParseResult) -> String {
    var out = DataDump.render(result.documents)
    for comment in result.comments {
        out += "comment \(yamlSpan(comment.range)) \(DataDump.quote(comment.text))\n"
    }
    for diagnostic in result.diagnostics {
        let kind: String
        switch diagnostic.kind {
        case .parseError: kind = "parse-error"
        case .limit(let limit): kind = "limit(\(limit.rawValue))"
        }
        out += "diagnostic \(kind) \(yamlSpan(diagnostic.range)) \(DataDump.quote(diagnostic.message))\n"
    }
    return out
}

/// `line:column-line:column@startOffset-endOffset`: both coordinate systems, so that a snapshot
/// checks the byte offsets as well as the code-point columns.
func yamlSpan(_ range: SourceRange) -> String {
    "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)@\(range.start.offset)-\(range.end.offset)"
}

func yamlParse(_ text: String, limits: ScanLimits = ScanLimits()) -> DataParseResult {
    YAMLParser.parse(SourceFile(path: "test.yaml", text: text), limits: limits)
}

/// The source text a range covers.
func yamlText(_ text: String, _ range: SourceRange) -> String {
    SourceFile(path: "t", text: text).text(of: range)
}

/// Every range in a result, so that tests can check invariants over all of them.
func yamlAllRanges(_ result: DataParseResult) -> [SourceRange] {
    var ranges: [SourceRange] = []
    func visit(_ node: DataNode) {
        ranges.append(node.range)
        switch node.content {
        case .scalar: break
        case .sequence(let items): items.forEach(visit)
        case .mapping(let entries):
            for entry in entries {
                visit(entry.key)
                visit(entry.value)
            }
        }
    }
    result.documents.forEach(visit)
    return ranges + result.comments.map(\.range) + result.diagnostics.map(\.range)
}

/// The parser builds positions from libyaml's lines and columns where it can; they must be
/// exactly what `SourceFile` computes from the byte offsets.
func yamlExpectConsistentPositions(_ result: DataParseResult, in source: SourceFile, sourceLocation: SourceLocation = #_sourceLocation) {
    for range in yamlAllRanges(result) {
        for position in [range.start, range.end] where source.position(at: position.offset) != position {
            Issue.record("Position \(position) differs from \(source.position(at: position.offset))", sourceLocation: sourceLocation)
            return
        }
        #expect(range.start.offset <= range.end.offset, sourceLocation: sourceLocation)
    }
}
