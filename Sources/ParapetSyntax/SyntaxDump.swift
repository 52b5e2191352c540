import ParapetCore

/// The dump `parapet parse` prints: the tree, then comments and diagnostics.
public enum SyntaxDump {
    public static func render(_ parsed: ParsedFile) -> String {
        var out = ""
        switch parsed.tree {
        case .hcl(let file):
            return HCLDump.render(file, comments: parsed.comments, diagnostics: parsed.diagnostics)
        case .data(let documents): out += DataDump.render(documents)
        case nil: out += "no tree\n"
        }
        return out + trailer(comments: parsed.comments, diagnostics: parsed.diagnostics)
    }

    /// Comments and diagnostics, one per line, for dumps and snapshots.
    public static func trailer(comments: [Comment], diagnostics: [SyntaxDiagnostic]) -> String {
        var out = ""
        for comment in comments { out += "comment \(DataDump.span(comment.range)) \(DataDump.quote(comment.text))\n" }
        for diagnostic in diagnostics {
            let kind: String
            switch diagnostic.kind {
            case .parseError: kind = "parse-error"
            case .limit(let limit): kind = "limit \(limit.rawValue)"
            }
            out += "diagnostic \(DataDump.span(diagnostic.range)) \(kind) \(DataDump.quote(diagnostic.message))\n"
        }
        return out
    }
}
