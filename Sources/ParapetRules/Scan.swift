import Dispatch
import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// What to scan and how.
public struct ScanOptions: Sendable {
    public var roots: [String]
    public var limits: ScanLimits
    public var workingDirectory: String
    /// Worker threads for reading and parsing; defaults to the number of active cores.
    public var workers: Int

    public init(roots: [String], limits: ScanLimits = ScanLimits(),
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.roots = roots
        self.limits = limits
        self.workingDirectory = workingDirectory
        self.workers = max(1, workers)
    }
}

/// A file the scan read, with its kind.
public struct ScannedFile: Hashable, Sendable {
    public var path: String
    public var kind: FileKind
}

/// The outcome of a scan: what was read, the findings in report order, notes for people, and the
/// sources of the files that have findings (for code frames).
public struct ScanResult: Sendable {
    public var files: [ScannedFile]
    public var findings: [Finding]
    public var notes: [String]
    public var sources: [String: SourceFile]
    public var rules: [RuleMetadata]
}

/// discover → load (in parallel) → findings. Later stages (graph, facts, rules) slot in between.
public enum Scan {
    public static func discover(_ options: ScanOptions) throws -> [DiscoveredFile] {
        try Discovery(workingDirectory: options.workingDirectory).files(under: options.roots)
    }

    /// Reads and parses the files in parallel; each worker owns a loader (and its C parsers).
    /// The result keeps the input order, so output does not depend on scheduling.
    public static func load(_ files: [DiscoveredFile], options: ScanOptions) -> [ParsedFile] {
        let slots = ResultSlots<ParsedFile>(count: files.count)
        let workers = min(options.workers, max(1, files.count))
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let loader = Loader(limits: options.limits)
            while true {
                let index = next.increment()
                guard index < files.count else { break }
                slots.set(index, loader.load(files[index]))
            }
        }
        return slots.values.compactMap { $0 }
    }

    public static func run(_ options: ScanOptions) throws -> ScanResult {
        let parsed = load(try discover(options), options: options)
        var findings: [Finding] = []
        var notes: [String] = []
        var files: [ScannedFile] = []
        for file in parsed {
            files.append(ScannedFile(path: file.source.path, kind: file.kind))
            if file.kind == .helmTemplate {
                notes.append("\(file.source.path): Helm template skipped (render it with `helm template` and scan the output)")
            }
            findings += diagnosticFindings(file)
        }
        let graph = GraphBuilder.build(parsed)
        findings += RuleEngine.run(builtInRules, graph: graph, files: parsed)
        findings.sort(by: Finding.reportOrder)
        let withFindings = Set(findings.map(\.range.path))
        var sources: [String: SourceFile] = [:]
        for file in parsed where withFindings.contains(file.source.path) { sources[file.source.path] = file.source }
        return ScanResult(files: files, findings: findings, notes: notes, sources: sources, rules: RuleCatalog.all)
    }

    /// Front-end diagnostics as findings: parse errors are PAR001, exceeded limits PAR004.
    public static func diagnosticFindings(_ file: ParsedFile) -> [Finding] {
        file.diagnostics.map { diagnostic in
            switch diagnostic.kind {
            case .parseError:
                Finding(code: MetaRules.parseError.code, severity: MetaRules.parseError.defaultSeverity,
                        message: diagnostic.message, range: diagnostic.range)
            case .limit(let limit):
                Finding(code: MetaRules.skippedFile.code, severity: MetaRules.skippedFile.defaultSeverity,
                        message: diagnostic.message, range: diagnostic.range, attributePath: limit.rawValue)
            }
        }
    }
}

/// Fixed slots written by index from several threads.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value?) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

final class AtomicCounter: @unchecked Sendable {
    private var value = -1
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
