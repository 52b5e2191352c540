import Dispatch
import Foundation
import ParapetCore
import ParapetFacts
import ParapetGraph
import ParapetSyntax

/// What to scan and how.
public struct ScanOptions: Sendable {
    public var roots: [String]
    public var limits: ScanLimits
    public var workingDirectory: String
    /// Worker threads for reading and parsing; defaults to the number of active cores.
    public var workers: Int
    /// An explicit configuration file; otherwise `.parapet.yaml` is looked for.
    public var configPath: String?
    /// `--select`: these codes, names or families replace the configuration's `select`.
    public var only: [String] = []
    /// `--ignore`: these codes, names or families are added to the configuration's `ignore`.
    public var ignore: [String] = []
    /// The upward search for `.parapet.yaml` stops at this directory (tests scan inside a
    /// repository that may have its own configuration).
    public var configSearchCeiling: String?
    /// Extra tfvars files for every Terraform root module (`--var-file`).
    public var varFiles: [String] = []
    /// Which findings are reported: the graph is built from `roots` (the `--context`), findings
    /// are kept only for these paths and, with `--diff`, changed lines.
    public var reportScope = ReportScope()
    /// Remembers files parsed only to find they are of no kind (`--cache-dir`); nil: no cache.
    public var classificationCache: ClassificationCache?
    /// Parsed HCL trees kept between runs (`--cache-dir`); nil: parse every file.
    public var parseCache: ParseCache?
    /// A file read from standard input (`parapet scan -`), under the path it stands for: it
    /// replaces the file of that path on disk, if there is one, and is read like any other.
    public var standardInput: SourceFile?
    /// Count objects read and analysed per kind into `ScanResult.census` (`--statistics`).
    public var countObjects = false
    /// Drop syntax trees once the graph is built, HCL trees as soon as Terraform is evaluated
    /// (the CLI's scans: a lower peak of memory); the result's `parsed` files then hold no tree,
    /// so `BuiltScan.census` cannot count them.
    public var releaseSyntaxTrees = false
    /// With a report scope of Terraform files only, evaluate only the roots that reach them
    /// (same findings for those files; off to compare, in tests).
    public var narrowTerraformToReport = true
    /// Test seam standing in for a lowering step that fails on one file: a file for which it
    /// throws is left out of the graph and reported as `PAR007`.
    package var loweringFault: (@Sendable (ParsedFile) throws(InternalError) -> Void)?

    public init(roots: [String], limits: ScanLimits = ScanLimits(), configPath: String? = nil,
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.roots = roots
        self.limits = limits
        self.workingDirectory = workingDirectory
        self.workers = max(1, workers)
        self.configPath = configPath
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
    /// The graph the rules ran on (for `parapet agents` and `parapet graph`).
    public var graph: Graph
    /// Objects read and nodes built, per kind, when `ScanOptions.countObjects` asked for it.
    public var census: Census?
    /// Seconds spent in each stage, in pipeline order (for `make bench`).
    public var timings: [(stage: String, seconds: Double)] = []
    /// The facts the rules read (for `parapet agents`).
    public var facts: Facts?
    /// `PAR007` findings, before configuration, suppressions or the report scope could hide them:
    /// any of them makes the scan exit 3.
    public var internalErrors: [Finding] = []
}

/// What `Scan.build` produced: everything the rules need, and what the reports name.
public struct BuiltScan: Sendable {
    public var configuration: Configuration
    public var files: [ScannedFile]
    public var parsed: [ParsedFile]
    public var graph: Graph
    public var facts: Facts
    /// Diagnostics so far: configuration, parse errors, limits, lowering problems, duplicates.
    public var findings: [Finding]
    public var notes: [String]
    /// Display path → the real file it is (through symlinks).
    public var realPaths: [String: String]
    public var timings: [(stage: String, seconds: Double)]

    /// Objects read and nodes built, per kind: counted on demand (`--statistics`, tests).
    public var census: Census { Census(files: parsed, graph: graph) }
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
        let sameContent = SameContentParses()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let loader = workerLoader(options, sharing: sameContent)
            while true {
                let index = next.increment()
                guard index < files.count else { break }
                if let cache = options.classificationCache {
                    slots.set(index, cache.load(files[index], loader: loader))
                } else {
                    slots.set(index, loader.load(files[index]))
                }
            }
        }
        options.classificationCache?.save()
        options.parseCache?.prune()
        return slots.values.compactMap { $0 }
    }

    /// A load worker's own loader (and C parsers), with the load's cache and shared parses.
    private static func workerLoader(_ options: ScanOptions, sharing: SameContentParses) -> Loader {
        let loader = Loader(limits: options.limits)
        loader.parseCache = options.parseCache
        loader.sameContent = sharing
        return loader
    }

    /// With `onlyTerraformReaching` (a run that reports only Terraform files in these module
    /// directories), only the Terraform files that can change those directories' findings are
    /// parsed: first those that decide the module trees (files there, and files with a module
    /// call or a Kubernetes object: the word `module` or `kubernetes_` in their bytes), then the
    /// rest of the trees that reach them; the files of other trees are then left out. When those
    /// trees declare Kubernetes objects, every file is read, as in a full scan. Otherwise no
    /// manifest can change a reported finding: Terraform
    /// nodes meet the rest of the scan only through Kubernetes objects (selectors, namespaces,
    /// workloads that run an agent manifest), and findings of manifests, plans and agent files lie
    /// in files not reported. A pre-commit run on a `.tf` change then parses no YAML, JSON or
    /// agent file, and no Terraform module its change cannot reach.
    static func load(_ files: [DiscoveredFile], options: ScanOptions, onlyTerraformReaching directories: Set<String>?) -> [ParsedFile] {
        guard let directories else { return load(files, options: options) }
        var terraform: [DiscoveredFile] = [], others: [DiscoveredFile] = []
        for file in files {
            switch FileClassifier.classify(path: file.displayPath) {
            case .kind(.terraform), .kind(.terraformJSON), .kind(.tfvars), .kind(.tfvarsJSON): terraform.append(file)
            default: others.append(file)
            }
        }
        let directoryOf = terraform.map { TerraformModuleSource.directory(of: $0.displayPath) }
        let candidates = terraform
        // Each file is read once: parsed here when it decides the trees, left for later otherwise.
        let deciding = ResultSlots<ParsedFile?>(count: terraform.count)
        let next = AtomicCounter()
        let sameContent = SameContentParses()
        DispatchQueue.concurrentPerform(iterations: min(options.workers, max(1, terraform.count))) { _ in
            let loader = workerLoader(options, sharing: sameContent)
            while true {
                let index = next.increment()
                guard index < candidates.count else { break }
                let file = candidates[index]
                // A file that cannot be read decides, so that the loader reports it.
                guard case .bytes(let bytes) = FileSystem.read(file.absolutePath, maxBytes: options.limits.maxFileBytes) else {
                    deciding.set(index, loader.load(file))
                    continue
                }
                let decides = directories.contains(directoryOf[index]) || bytes.containsBytes("module") || bytes.containsBytes("kubernetes_")
                deciding.set(index, decides ? loader.load(SourceFile(path: file.displayPath, bytes: bytes)) : .some(nil))
            }
        }
        let early = deciding.values.map { $0 ?? nil }
        let decides = early.map { $0 != nil }
        var parsed = early.compactMap { $0 }
        let trees = TerraformLowering.treesReaching(directories, in: parsed, moduleDirectories: Set(directoryOf))
        let rest = terraform.indices.filter { !decides[$0] && (trees.declareKubernetes || trees.modules.contains(directoryOf[$0])) }
        if !trees.declareKubernetes {
            // Files read only to find the trees, in trees that do not reach the change, are left
            // out: no root that is evaluated holds them.
            parsed.removeAll { file in
                let directory = TerraformModuleSource.directory(of: file.source.path)
                return !trees.modules.contains(directory) && !directories.contains(directory)
            }
        }
        parsed += load(rest.map { terraform[$0] } + (trees.declareKubernetes ? others : []), options: options)
        // Discovery's order (sorted display paths) is the order every later stage sees.
        return parsed.sorted { $0.source.path < $1.source.path }
    }

    /// Everything up to the rules: configuration, files, parse, graph. `scan`, `agents`, `graph`,
    /// `bench` and the plugin all go through it, so they see the same graph.
    public static func build(_ options: ScanOptions) throws -> BuiltScan {
        let (configuration, configurationFindings) = ConfigurationLoader.resolve(options)
        var findings = configurationFindings
        var timings: [(stage: String, seconds: Double)] = []
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ stage: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings.append((stage, Double(now - clock) / 1e9))
            clock = now
        }
        var discovered = try discover(options).filter { configuration.includes(path: $0.displayPath) }
        if let input = options.standardInput { discovered.removeAll { $0.displayPath == input.path } }
        lap("discover")
        let reportedTerraform = options.narrowTerraformToReport ? reportedTerraformDirectories(options, discovered: discovered) : nil
        var parsed = load(discovered, options: options, onlyTerraformReaching: reportedTerraform)
        if let input = options.standardInput, let file = Loader(limits: options.limits).load(input) {
            parsed.append(file)
            parsed.sort { $0.source.path < $1.source.path }
        }
        lap("load")
        var notes: [String] = []
        var files: [ScannedFile] = []
        for file in parsed {
            files.append(ScannedFile(path: file.source.path, kind: file.kind))
            if file.kind == .helmTemplate {
                notes.append("\(file.source.path): Helm template skipped (render it with `helm template` and scan the output)")
            }
            findings += diagnosticFindings(file)
        }
        var loweringDiagnostics: [SyntaxDiagnostic] = []
        let varFiles = try loadVarFiles(options)
        findings += varFiles.flatMap(diagnosticFindings)
        let failed = isolateFailures(&parsed, options: options, findings: &findings)
        // Census counts read objects from the trees, so they are kept for it.
        let graph = GraphBuilder.build(&parsed, varFiles: varFiles, releasingTrees: options.releaseSyntaxTrees && !options.countObjects,
                                       terraformRootsReaching: reportedTerraform,
                                       diagnostics: &loweringDiagnostics)
        if !failed.isEmpty { parsed = (parsed + failed).sorted { $0.source.path < $1.source.path } }
        lap("graph")
        let facts = Facts(graph: graph)
        lap("facts")
        findings += loweringDiagnostics.map(diagnosticFinding) + duplicateFindings(graph)
        let realPaths = Dictionary(discovered.map { ($0.displayPath, $0.realPath) }, uniquingKeysWith: { first, _ in first })
        return BuiltScan(configuration: configuration, files: files, parsed: parsed, graph: graph, facts: facts, findings: findings, notes: notes,
                         realPaths: realPaths, timings: timings)
    }

    public static func run(_ options: ScanOptions) throws -> ScanResult {
        var built = try build(options)
        let configuration = built.configuration
        var findings = built.findings
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ stage: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            built.timings.append((stage, Double(now - clock) / 1e9))
            clock = now
        }
        var projectRules = DeclarativeRuleLoader()
        for directory in configuration.rulesDirs {
            let base = configuration.directory ?? options.workingDirectory
            let absolute = directory.hasPrefix("/") ? directory : base + "/" + directory
            projectRules.load(directory: absolute, displayPrefix: Discovery(workingDirectory: options.workingDirectory).display(Discovery.absolute(absolute, in: "/")))
        }
        findings += projectRules.problems
        let rules = (shippedRules + projectRules.rules).filter { configuration.isEnabled($0.metadata) }
        findings += RuleEngine.run(rules, graph: built.graph, facts: built.facts, options: configuration.ruleOptions)
        findings = mergeRepeats(findings, graph: built.graph, realPaths: built.realPaths)
        let internalErrors = findings.filter { $0.code == MetaRules.internalError.code }
        lap("rules")
        findings = Suppressions.apply(findings, files: built.parsed, graph: built.graph, requireReason: configuration.requireSuppressionReason)
        findings = configure(findings, configuration, rules: MetaRules.all + rules.map(\.metadata))
        findings.sort(by: Finding.reportOrder)
        if !options.reportScope.isEverything {
            let directory = Discovery.absolute(options.workingDirectory, in: "/")
            findings = findings.filter { options.reportScope.includes($0, workingDirectory: directory) }
        }
        let withFindings = Set(findings.map(\.range.path))
        var sources: [String: SourceFile] = [:]
        for file in built.parsed where withFindings.contains(file.source.path) { sources[file.source.path] = file.source }
        lap("report")
        return ScanResult(files: built.files, findings: findings, notes: built.notes, sources: sources,
                          rules: (MetaRules.all + rules.map(\.metadata)).sorted { $0.code < $1.code }, graph: built.graph,
                          census: options.countObjects ? built.census : nil, timings: built.timings, facts: built.facts,
                          internalErrors: internalErrors)
    }

    /// Takes the files whose lowering fails out of `files` (to be put back once the others are
    /// lowered) and makes each a `PAR007` finding, so the other files are still analysed and
    /// reported.
    static func isolateFailures(_ files: inout [ParsedFile], options: ScanOptions, findings: inout [Finding]) -> [ParsedFile] {
        guard let fault = options.loweringFault else { return [] }
        var failed: [ParsedFile] = []
        files.removeAll { file in
            do throws(InternalError) {
                try fault(file)
                return false
            } catch {
                findings.append(MetaRules.finding(for: error, while: "lowering `\(file.source.path)`"))
                failed.append(file)
                return true
            }
        }
        return failed
    }

    /// The module directories of the reported files, when every reported path is a Terraform
    /// file (what a pre-commit hook passes for a Terraform change); nil otherwise, or when the
    /// census must count every object.
    ///
    /// A file reached through symlinks is one file: every path it has counts, since findings are
    /// merged across them.
    static func reportedTerraformDirectories(_ options: ScanOptions, discovered: [DiscoveredFile] = []) -> Set<String>? {
        guard !options.countObjects, let reported = options.reportScope.paths ?? options.reportScope.changedLines.map({ Array($0.keys) }),
              !reported.isEmpty else { return nil }
        let discovery = Discovery(workingDirectory: options.workingDirectory)
        var directories: Set<String> = []
        for path in reported {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            let shown = discovery.display(path)
            switch FileClassifier.classify(path: shown) {
            case .kind(.terraform), .kind(.terraformJSON), .kind(.tfvars), .kind(.tfvarsJSON):
                directories.insert(TerraformModuleSource.directory(of: shown))
            default:
                return nil
            }
        }
        let shown = Set(reported.map(discovery.display))
        let realPaths = Set(discovered.filter { shown.contains($0.displayPath) }.map(\.realPath))
        for file in discovered where realPaths.contains(file.realPath) {
            directories.insert(TerraformModuleSource.directory(of: file.displayPath))
        }
        return directories
    }

    /// The `--var-file` files, read as tfvars (HCL, or JSON for `.json`).
    static func loadVarFiles(_ options: ScanOptions) throws -> [ParsedFile] {
        guard !options.varFiles.isEmpty else { return [] }
        let discovery = Discovery(workingDirectory: options.workingDirectory)
        let loader = Loader(limits: options.limits)
        return try options.varFiles.flatMap { path in
            try discovery.files(under: [path]).compactMap { file in
                guard let data = FileManager.default.contents(atPath: file.absolutePath) else { return nil }
                let kind: FileKind = file.displayPath.hasSuffix(".json") ? .tfvarsJSON : .tfvars
                return loader.load(SourceFile(path: file.displayPath, bytes: [UInt8](data)), as: kind)
            }
        }
    }

    /// Two objects with one identity in one scope: both were analysed; this says so.
    static func duplicateFindings(_ graph: Graph) -> [Finding] {
        graph.duplicates.map { duplicate in
            let first = graph[duplicate.first], second = graph[duplicate.second]
            let scope = first.scope.isEmpty ? "the scan" : "`\(first.scope)`"
            return Finding(code: MetaRules.duplicateObject.code, severity: MetaRules.duplicateObject.defaultSeverity,
                           message: "`\(first.address.local)` is declared again in \(scope); both are analysed",
                           range: second.headerRange, related: [RelatedLocation(range: first.headerRange, message: "first declared here")],
                           address: "\(second.address)")
        }
    }

    /// One place in one real file gives one finding per rule, however many module calls,
    /// instances, deployment units or symlinked paths include it: the first in sorted order (path,
    /// then address) is kept; other module calls are named as related locations.
    static func mergeRepeats(_ findings: [Finding], graph: Graph, realPaths: [String: String]) -> [Finding] {
        var order: [String] = []
        var groups: [String: [Finding]] = [:]
        for finding in findings {
            let file = realPaths[finding.range.path] ?? finding.range.path
            let key = "\(finding.code)\u{1F}\(file)\u{1F}\(finding.range.start.offset)\u{1F}\(finding.range.end.offset)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(finding)
        }
        return order.compactMap { key in
            guard var group = groups[key]?.sorted(by: { ($0.range.path, $0.address ?? "") < ($1.range.path, $1.address ?? "") }),
                  var first = group.first else { return nil }
            group.removeFirst()
            var named = 0
            for other in group {
                guard let address = other.address, let node = graph.node(address), let root = node.terraformRoot,
                      let local = node.localAddress, local.hasPrefix("module."), let call = TerraformAddress.moduleCall(of: local),
                      !first.related.contains(where: { $0.message == "also through `\(node.displayAddress)`" }) else { continue }
                named += 1
                if named > 10 { continue }
                let range = graph.terraformNode(root: root, local: call)?.headerRange ?? node.range
                first.related.append(RelatedLocation(range: range, message: "also through `\(node.displayAddress)`"))
            }
            if named > 10 { first.related.append(RelatedLocation(range: first.range, message: "and \(named - 10) more module calls")) }
            return first
        }
    }

    /// Drops findings of disabled rules and per-path ignores; applies severity overrides.
    static func configure(_ findings: [Finding], _ configuration: Configuration, rules: [RuleMetadata]) -> [Finding] {
        let byCode = Dictionary(rules.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        return findings.compactMap { finding in
            guard let rule = byCode[finding.code], configuration.isEnabled(rule),
                  !configuration.isIgnored(finding, rule: rule) else { return nil }
            var configured = finding
            // A rule may give one finding a lower severity than its default (GATE411 for a classifier).
            if let severity = configuration.severityOverride(for: rule) { configured.severity = severity }
            return configured
        }
    }

    /// Loads in-memory sources (rule examples, tests) and runs the given rules over them.
    public static func analyze(_ sources: [SourceFile], rules: [any Rule.Type], limits: ScanLimits = ScanLimits()) -> [Finding] {
        analyze(sources, checks: rules.map(BuiltInRuleCheck.init), limits: limits)
    }

    public static func analyze(_ sources: [SourceFile], checks rules: [any RuleCheck] = shippedRules, limits: ScanLimits = ScanLimits()) -> [Finding] {
        let loader = Loader(limits: limits)
        let parsed = sources.compactMap { loader.load($0) }
        var diagnostics: [SyntaxDiagnostic] = []
        let graph = GraphBuilder.build(parsed, diagnostics: &diagnostics)
        var findings = parsed.flatMap(diagnosticFindings) + diagnostics.map(diagnosticFinding)
        findings += duplicateFindings(graph) + RuleEngine.run(rules, graph: graph)
        return Suppressions.apply(findings, files: parsed, graph: graph).sorted(by: Finding.reportOrder)
    }

    /// Front-end diagnostics as findings: parse errors are PAR001, exceeded limits PAR004.
    public static func diagnosticFindings(_ file: ParsedFile) -> [Finding] {
        file.diagnostics.map(diagnosticFinding)
    }

    static func diagnosticFinding(_ diagnostic: SyntaxDiagnostic) -> Finding {
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
