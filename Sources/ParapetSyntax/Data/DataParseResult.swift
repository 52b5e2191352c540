import ParapetCore

/// What a data front-end (YAML, JSON, TOML, front matter) returns: the documents it could read,
/// the comments (for suppressions) and what it could not read. A front-end never throws and never
/// traps on input; the documents before an error are kept.
public struct DataParseResult: Sendable {
    public var documents: [DataNode]
    public var comments: [Comment]
    public var diagnostics: [SyntaxDiagnostic]

    public init(documents: [DataNode] = [], comments: [Comment] = [], diagnostics: [SyntaxDiagnostic] = []) {
        self.documents = documents
        self.comments = comments
        self.diagnostics = diagnostics
    }
}
