import ParapetCore
import ParapetGraph
import ParapetRules
import ParapetSyntax

/// libFuzzer's driver: runs `callback` over the inputs, as libFuzzer's own `main` would.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The entry point of a harness executable. SwiftPM links an executable's `main` to a symbol
/// named after its module, which `-parse-as-library` (needed so that libFuzzer's `main` can
/// exist) never emits; each harness defines that symbol and calls this.
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, callback)
}

/// What each harness does with one input: the front-end, then lowering into the graph (and the
/// evaluator); `rules` runs the whole pipeline. A trap, a hang over libFuzzer's `-timeout` or
/// memory over `-rss_limit_mb` is a bug; diagnostics are the expected answer to bad input.
public enum Harness {
    /// One loader for the whole run (libFuzzer calls the harness on one thread), so tree-sitter's
    /// parser is reused as in a scan.
    nonisolated(unsafe) private static let loader = Loader()

    public static func run(_ name: String, _ data: UnsafePointer<UInt8>?, _ size: Int) {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        switch name {
        // Parsing dominates; reading every input twice halved the executions for little new
        // coverage, so one input in four (by length, which mutations change) is also tfvars.
        case "hcl":
            graph(bytes, kinds: bytes.count % 4 == 0 ? [.terraform, .tfvars] : [.terraform])
            if bytes.count % 4 == 1 { sharedParse(bytes) }
        case "yaml": graph(bytes, kinds: FileKind.allCases.filter { $0.syntax == .yaml })
        case "json": graph(bytes, kinds: FileKind.allCases.filter { $0.syntax == .json })
        case "toml": graph(bytes, kinds: FileKind.allCases.filter { $0.syntax == .toml })
        case "markdown": graph(bytes, kinds: FileKind.allCases.filter { $0.syntax == .frontMatter })
        case "rules": rules(bytes)
        case "config": _ = ConfigurationLoader.parse(SourceFile(path: ".parapet.yaml", bytes: bytes))
        default: fatalError("no harness `\(name)`")
        }
    }

    /// The input read as each kind in turn, then all of them lowered into one graph (so that
    /// tfvars bind the variables of the same text read as Terraform).
    private static func graph(_ bytes: [UInt8], kinds: [FileKind]) {
        let files = kinds.map { loader.load(SourceFile(path: "fuzz/input.\($0.rawValue)", bytes: bytes), as: $0) }
        var diagnostics: [SyntaxDiagnostic] = []
        _ = GraphBuilder.build(files, diagnostics: &diagnostics)
    }

    /// Two files of the same bytes in one load: the second gets the first one's parse through
    /// the cache codec, and must equal a parse of its own (tree, comments, diagnostics).
    private static func sharedParse(_ bytes: [UInt8]) {
        loader.sameContent = SameContentParses()
        defer { loader.sameContent = nil }
        _ = loader.load(SourceFile(path: "fuzz/a/main.tf", bytes: bytes), as: .terraform)
        let second = SourceFile(path: "fuzz/b/main.tf", bytes: bytes)
        let shared = loader.load(second, as: .terraform)
        loader.sameContent = nil
        let fresh = loader.load(second, as: .terraform)
        if shared.hcl != fresh.hcl || shared.comments != fresh.comments || shared.diagnostics != fresh.diagnostics {
            fatalError("a shared parse differs from the file's own parse")
        }
    }

    /// Several files separated by NUL bytes, each `path\ncontent`: classified by path as
    /// discovery would, then scanned with every shipped rule.
    private static func rules(_ bytes: [UInt8]) {
        let sources = bytes.split(separator: 0, omittingEmptySubsequences: true).prefix(16).map { chunk -> SourceFile in
            let newline = chunk.firstIndex(of: 0x0A) ?? chunk.endIndex
            let path = String(decoding: chunk[chunk.startIndex..<newline], as: UTF8.self)
            let content = newline < chunk.endIndex ? Array(chunk[(newline + 1)...]) : []
            return SourceFile(path: path.isEmpty ? "main.tf" : path, bytes: content)
        }
        _ = Scan.analyze(Array(sources))
    }
}
