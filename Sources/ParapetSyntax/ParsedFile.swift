import ParapetCore

/// What a front-end could not read, with its position. Parse errors become `PAR001`, limits `PAR004`.
public struct SyntaxDiagnostic: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case parseError
        case limit(LimitKind)
    }

    public var kind: Kind
    public var message: String
    public var range: SourceRange

    public init(_ kind: Kind, _ message: String, at range: SourceRange) {
        self.kind = kind
        self.message = message
        self.range = range
    }
}

/// A syntax tree of one of the front-ends.
public enum SyntaxTree: Sendable {
    case hcl(HCLFile)
    /// YAML documents, a JSON / JSONC / TOML document, or front matter (one document).
    case data([DataNode])
}

/// One loaded file: its source, kind, tree (nil when nothing could be read), comments and diagnostics.
public struct ParsedFile: Sendable {
    public var source: SourceFile
    public var kind: FileKind
    public var tree: SyntaxTree?
    public var comments: [Comment]
    public var diagnostics: [SyntaxDiagnostic]

    public init(source: SourceFile, kind: FileKind, tree: SyntaxTree?, comments: [Comment] = [],
                diagnostics: [SyntaxDiagnostic] = []) {
        self.source = source
        self.kind = kind
        self.tree = tree
        self.comments = comments
        self.diagnostics = diagnostics
    }

    public var documents: [DataNode] { if case .data(let docs) = tree { docs } else { [] } }
    public var hcl: HCLFile? { if case .hcl(let file) = tree { file } else { nil } }
}
