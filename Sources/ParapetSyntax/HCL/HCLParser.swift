import CTreeSitter
import ParapetCore

/// What the HCL front-end returns: the tree (what could be read), the comments (for
/// suppressions) and what could not be read. Never throws, never traps on input.
public struct HCLParseResult: Sendable {
    public var file: HCLFile
    public var comments: [Comment]
    public var diagnostics: [SyntaxDiagnostic]

    public init(file: HCLFile, comments: [Comment] = [], diagnostics: [SyntaxDiagnostic] = []) {
        self.file = file
        self.comments = comments
        self.diagnostics = diagnostics
    }
}

/// Parses `.tf` and `.tfvars` files with tree-sitter-hcl. Owns one tree-sitter parser, so it is
/// not thread-safe: each worker owns its own (see `Loader`).
public final class HCLParser {
    public let limits: ScanLimits
    private let grammar: HCLGrammar
    private let parser: OpaquePointer
    private let ready: Bool

    public init(limits: ScanLimits = ScanLimits()) {
        self.limits = limits
        grammar = HCLGrammar()
        parser = ts_parser_new()
        // Fails only when the installed grammar's ABI does not match the library's.
        ready = ts_parser_set_language(parser, grammar.language)
    }

    deinit {
        ts_parser_delete(parser)
    }

    /// False when the grammar could not be loaded: every parse is then an error that must not be
    /// kept in the parse cache (a reinstalled grammar would not clear it).
    public var isReady: Bool { ready }

    public func parse(_ source: SourceFile) -> HCLParseResult {
        let empty = HCLFile(body: HCLBody(items: [], range: source.range(0, source.bytes.count)))
        guard ready else {
            let message = "The HCL grammar could not be loaded (tree-sitter ABI mismatch); reinstall it with `make deps`"
            let diagnostic = SyntaxDiagnostic(.parseError, message, at: .fileStart(source.path))
            return HCLParseResult(file: empty, diagnostics: [diagnostic])
        }
        // tree-sitter counts bytes in 32 bits.
        guard source.bytes.count < Int(UInt32.max / 2) else {
            let message = "File is \(source.bytes.count) bytes, too large to parse"
            let diagnostic = SyntaxDiagnostic(.limit(.fileSize), message, at: .fileStart(source.path))
            return HCLParseResult(file: empty, diagnostics: [diagnostic])
        }
        if source.bytes.isEmpty { return HCLParseResult(file: empty) }
        // The grammar only sees a heredoc's closing marker when a line break follows it, so a
        // file that ends without one is parsed with one added (ranges stay within the file).
        if source.bytes.last != UInt8(ascii: "\n") {
            return (source.bytes + [UInt8(ascii: "\n")]).withUnsafeBufferPointer { run(source, $0) }
        }
        return source.bytes.withUnsafeBufferPointer { run(source, $0) }
    }

    private func run(_ source: SourceFile, _ bytes: UnsafeBufferPointer<UInt8>) -> HCLParseResult {
        let plan = HCLParseWindows.plan(bytes)
        let exponents = HCLNumber.exponentMarkers(in: bytes)
        guard !plan.blankRuns.isEmpty || !exponents.isEmpty else {
            var session = HCLParseSession(parser: parser, source: source, bytes: bytes, parseBytes: bytes,
                                          windows: plan.windows, grammar: grammar, limits: limits)
            return session.run()
        }
        // tree-sitter gets a copy where each long blank run is a block comment of the same length
        // and the exponent of `1e400` is digits (see `HCLNumber.exponentMarkers`).
        var copy = Array(bytes)
        for run in plan.blankRuns {
            copy[run.start] = UInt8(ascii: "/")
            copy[run.start + 1] = UInt8(ascii: "*")
            copy[run.end - 2] = UInt8(ascii: "*")
            copy[run.end - 1] = UInt8(ascii: "/")
        }
        for marker in exponents { copy[marker] = UInt8(ascii: "0") }
        return copy.withUnsafeBufferPointer { parseBytes in
            var session = HCLParseSession(parser: parser, source: source, bytes: bytes, parseBytes: parseBytes,
                                          windows: plan.windows, grammar: grammar, limits: limits)
            return session.run()
        }
    }
}
