import Foundation
import ParapetCore

/// Reads one discovered file and runs the front-end its kind needs. Never throws: unreadable,
/// oversized or malformed files come back with diagnostics. Returns nil for files of no known kind.
/// Not thread-safe: each worker owns its own loader (and so its own tree-sitter parser).
public final class Loader {
    public let limits: ScanLimits
    private let hcl: HCLParser
    /// Parsed HCL kept between runs; nil: parse every file.
    public var parseCache: ParseCache?
    /// Parses shared between files of the same bytes in this load; nil: each file parses.
    public var sameContent: SameContentParses?

    public init(limits: ScanLimits = ScanLimits()) {
        self.limits = limits
        self.hcl = HCLParser(limits: limits)
    }

    public func load(_ file: DiscoveredFile) -> ParsedFile? {
        let byName = FileClassifier.classify(path: file.displayPath)
        if byName == .unknown { return nil }
        switch FileSystem.read(file.absolutePath, maxBytes: limits.maxFileBytes) {
        case .bytes(let bytes):
            return load(SourceFile(path: file.displayPath, bytes: bytes), byName: byName)
        case .tooLarge(let size):
            let source = SourceFile(path: file.displayPath, bytes: [])
            let message = "File is \(size) bytes, over the file-size limit of \(limits.maxFileBytes) bytes"
            return ParsedFile(source: source, kind: Self.provisionalKind(byName), tree: nil,
                              diagnostics: [SyntaxDiagnostic(.limit(.fileSize), message, at: .fileStart(file.displayPath))])
        case .unreadable:
            let source = SourceFile(path: file.displayPath, bytes: [])
            return ParsedFile(source: source, kind: Self.provisionalKind(byName), tree: nil,
                              diagnostics: [SyntaxDiagnostic(.parseError, "File cannot be read", at: .fileStart(file.displayPath))])
        }
    }

    /// Loads content as a given kind, whatever its name says (`--var-file prod.vars`).
    public func load(_ source: SourceFile, as kind: FileKind) -> ParsedFile {
        parse(source, syntax: kind.syntax, kind: kind)
    }

    /// Loads in-memory content as if it were at `source.path` (tests, rule examples).
    public func load(_ source: SourceFile) -> ParsedFile? {
        load(source, byName: FileClassifier.classify(path: source.path))
    }

    func load(_ source: SourceFile, byName: FileClassifier.ByName) -> ParsedFile? {
        switch byName {
        case .unknown:
            return nil
        case .kind(let kind):
            var parsed = parse(source, syntax: kind.syntax, kind: kind)
            if kind == .kubernetes || kind.syntax == .yaml, parsed.diagnostics.contains(where: { $0.kind == .parseError }),
               FileClassifier.looksLikeHelmTemplate(Self.text(source)) {
                parsed = ParsedFile(source: source, kind: .helmTemplate, tree: nil)
            }
            return parsed
        case .sniff(let syntax, let hint):
            let text = Self.text(source)
            if syntax == .yaml && FileClassifier.looksLikeHelmTemplate(text) && (hint == .helmTemplate || text.containsBytes("apiVersion")) {
                return ParsedFile(source: source, kind: .helmTemplate, tree: nil)
            }
            let parsed = parse(source, syntax: syntax, kind: hint ?? .kubernetes)
            if let kind = FileClassifier.sniff(parsed.documents, syntax: syntax, hint: hint, path: source.path, text: text) {
                var result = parsed
                result.kind = kind
                return result
            }
            // A file that does not parse but says what it is (a Kubernetes object, a plan) is
            // reported, so that a typo in a manifest is not silently skipped.
            if parsed.diagnostics.contains(where: { $0.kind != .parseError }) || (!parsed.diagnostics.isEmpty && Self.declaresKind(text, syntax: syntax)) {
                var result = parsed
                result.kind = syntax == .yaml ? .kubernetes : (hint ?? .mcpConfig)
                return result
            }
            return nil
        }
    }

    func parse(_ source: SourceFile, syntax: Syntax, kind: FileKind) -> ParsedFile {
        if syntax == .hcl {
            let cache = hcl.isReady ? parseCache : nil
            let parse = { cache.map { $0.hcl(source, limits: self.limits) { self.hcl.parse(source) } } ?? self.hcl.parse(source) }
            // The cache is keyed by content, so with one, files of the same bytes already share
            // an entry (the first writes it, the others read it): sharing in memory as well would
            // only add an encoding of each such tree.
            let sharing = cache == nil ? sameContent : nil
            let result = sharing.map { $0.hcl(source, maxDepth: limits.maxDepth, parse: parse) } ?? parse()
            return ParsedFile(source: source, kind: kind, tree: .hcl(result.file), comments: result.comments, diagnostics: result.diagnostics)
        }
        let result: DataParseResult
        switch syntax {
        case .yaml: result = YAMLParser.parse(source, limits: limits)
        case .json: result = JSONParser.parse(source, allowComments: true, limits: limits)
        case .toml: result = TOMLParser.parse(source, limits: limits)
        case .frontMatter: result = FrontMatterParser.parse(source, limits: limits)
        case .hcl: result = DataParseResult()
        }
        return ParsedFile(source: source, kind: kind, tree: .data(result.documents), comments: result.comments, diagnostics: result.diagnostics)
    }

    static func provisionalKind(_ byName: FileClassifier.ByName) -> FileKind {
        switch byName {
        case .kind(let kind): kind
        case .sniff(let syntax, let hint): hint ?? (syntax == .yaml ? .kubernetes : .mcpConfig)
        case .unknown: .kubernetes
        }
    }

    static func text(_ source: SourceFile) -> Substring {
        Substring(String(decoding: source.bytes.prefix(1 << 20), as: UTF8.self))
    }

    static func declaresKind(_ text: Substring, syntax: Syntax) -> Bool {
        switch syntax {
        case .yaml: text.containsBytes("apiVersion:") && text.containsBytes("kind:")
        case .json: text.containsBytes("\"mcpServers\"") || text.containsBytes("\"resource_changes\"")
        default: false
        }
    }
}
