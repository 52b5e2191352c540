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
    /// Most evaluation steps (expressions, loop iterations, elements a function walks) for one
    /// Terraform module instance; past it, every further value of the instance is unknown.
    public var maxEvaluationSteps: Int = 5_000_000
    /// Most elements (list items and object members, counted through nesting) of one evaluated
    /// value; a larger result (`range`, `flatten`, nested `for`) is unknown.
    public var maxValueElements: Int = 100_000
    /// Longest evaluated string, in UTF-8 bytes (templates, `join`, `format`, `replace`).
    public var maxStringBytes: Int = 1 << 20
    /// Deepest nesting of expressions evaluated inside one another, counted through references
    /// (`local.a` uses `local.b` uses …); it keeps the recursion within a worker thread's stack
    /// (a debug build overflows 512 KiB at a few hundred levels).
    public var maxEvaluationDepth: Int = 200
    /// Most related locations (the variable default, the tfvars line, …) one evaluated value
    /// carries as evidence; each location is kept once.
    public var maxEvidence: Int = 16
    /// Most instances a `count` or `for_each` expands into; the rest are one unknown instance.
    public var maxInstances: Int = 1_000

    public init() {}
}

/// A limit that a file exceeded.
public enum LimitKind: String, Sendable, Hashable {
    case fileSize = "file-size"
    case depth = "nesting-depth"
    case aliasExpansion = "alias-expansion"
    case documents = "documents-per-stream"
    case evaluationSteps = "evaluation-steps"
    case valueElements = "value-elements"
    case stringBytes = "string-bytes"
    case evaluationDepth = "evaluation-depth"
    case instances = "instances"
}
