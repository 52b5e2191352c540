import ParapetCore

/// The dump `parapet parse` prints: the tree, then comments and diagnostics.
public enum SyntaxDump {
    public static func render(_ parsed: ParsedFile) -> String {
        var out = ""
        switch parsed.tree {
        case .hcl(let file): out += hclTree(file, parsed.comments)
        case .data(let documents): out += DataDump.render(documents)
        case nil: out += "no tree\n"
        }
        out += trailer(comments: parsed.comments, diagnostics: parsed.diagnostics, includeComments: !isHCL(parsed))
        return out
    }

    static func isHCL(_ parsed: ParsedFile) -> Bool {
        if case .hcl = parsed.tree { return true }
        return false
    }

    static func hclTree(_ file: HCLFile, _ comments: [Comment]) -> String {
        "hcl\n"
    }

    /// Comments and diagnostics, one per line, for dumps and snapshots.
    public static func trailer(comments: [Comment], diagnostics: [SyntaxDiagnostic], includeComments: Bool = true) -> String {
        var out = ""
        if includeComments {
            for comment in comments { out += "comment \(DataDump.span(comment.range)) \(DataDump.quote(comment.text))\n" }
        }
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
