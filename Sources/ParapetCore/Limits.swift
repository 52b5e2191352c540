/// What one hostile file may cost. Hitting a bound turns the file into a `PAR004` finding that
/// names the bound; the scan goes on with the other files.
public struct ScanLimits: Hashable, Sendable {
    /// Largest file read, in bytes.
    public var maxFileBytes: Int = 8 << 20
    /// Deepest nesting of mappings, sequences, blocks or expressions.
    public var maxDepth: Int = 256
    /// Most nodes an alias expansion may produce in one YAML stream.
    public var maxAliasExpansion: Int = 100_000
    /// Most documents in one YAML stream.
    public var maxDocuments: Int = 10_000

    public init() {}
}

/// A limit that a file exceeded.
public enum LimitKind: String, Sendable, Hashable {
    case fileSize = "file-size"
    case depth = "nesting-depth"
    case aliasExpansion = "alias-expansion"
    case documents = "documents-per-stream"
}
