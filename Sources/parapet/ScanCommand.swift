import ArgumentParser
import Foundation
import ParapetCore
import ParapetGraph
import ParapetReport
import ParapetRules
import ParapetSyntax

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension Severity: ExpressibleByArgument {}

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan files and directories and report findings.",
        discussion: """
            Directories are walked recursively (skipping .git, .terraform, node_modules, .build); \
            symlinks are never followed out of a root. Files are recognised by name and, where the \
            name is ambiguous, by content; unknown files are skipped. Findings are sorted by file \
            and position; the same input always gives the same output.

            The configuration is --config, else the nearest .parapet.yaml in the first scanned \
            path's directory or one of its parents; its globs are relative to its own directory. \
            Rule selectors (--select, --ignore) are codes (EGR201), prefixes (EGR, EGR2), families \
            (egress) or names (security-group-unrestricted-egress), comma-separated or repeated.

            Changed files with whole-repository context: `parapet scan a.yaml b.tf --context .` \
            builds the graph from everything under the context directory (so a NetworkPolicy or \
            quota in an unchanged file counts) and reports findings only in the given paths; \
            `--context auto` is the nearest directory holding .parapet.yaml, else the current one. \
            `--diff FILE` (or `-` for standard input) reads a unified diff, such as `git diff` \
            output, and reports only findings on the lines it adds; its paths are relative to the \
            current directory. Parapet never runs git itself.

            Baseline: `--write-baseline FILE` records the current findings; `--baseline FILE` hides \
            them, so only new findings are reported and fail. Entries are keyed on fingerprints \
            without line numbers, so moving lines does not bring a finding back; entries no longer \
            found are listed as stale, and `--prune-baseline` removes them from the file.

            Colors: --color auto (the default) colors text on a terminal unless NO_COLOR is set; \
            --color always and never override both.

            \(ExitStatus.help)
            """)

    @Argument(help: "Files or directories to scan (default: .; with --context, what to report on, default: all of it).")
    var paths: [String] = []

    /// The paths to scan: those given (standard input aside), else the current directory.
    private var scannedPaths: [String] {
        if paths == ["-"] { return [] }
        return paths.isEmpty ? ["."] : paths.filter { $0 != "-" }
    }

    @Option(name: .customLong("stdin-filename"), help: ArgumentHelp("With `-` as a path: the path the standard input stands for (how it is classified and reported; it replaces that file when it exists).", valueName: "path"))
    var stdinFilename: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: " + ReportFormat.all.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ") + "."))
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding has this severity or a higher one: error, warning or note.")
    var failOn: Severity = .warning

    @Option(help: ArgumentHelp("Run only these rules (replaces the configuration's select).", valueName: "rules"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Do not run these rules (added to the configuration's ignore).", valueName: "rules"))
    var ignore: [String] = []

    @Flag(name: .customLong("exit-zero"), help: "Exit 0 even when there are findings (usage and configuration errors still exit 2).")
    var exitZero = false

    @Flag(name: .customLong("list-files"), help: "Print each file Parapet would read, with its kind, and exit.")
    var listFiles = false

    @Option(help: "Color in text output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorMode = .auto

    @Option(help: ArgumentHelp("Configuration file (default: the nearest .parapet.yaml in or above the first scanned path).", valueName: "file"))
    var config: String?

    @Option(name: .customLong("var-file"), help: ArgumentHelp("A tfvars file applied to every Terraform root module, after its own terraform.tfvars and *.auto.tfvars (repeatable).", valueName: "file"))
    var varFiles: [String] = []

    @Option(help: ArgumentHelp("Build the graph from everything under DIR and report only on the given paths (`auto`: the nearest directory with .parapet.yaml, else the current one).", valueName: "dir"))
    var context: String?

    @Option(help: ArgumentHelp("Report only findings on lines added by this unified diff (`git diff` output; `-` reads standard input).", valueName: "file"))
    var diff: String?

    @Option(help: ArgumentHelp("Hide the findings recorded in this baseline file; report the others and list stale entries.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record the current findings in this baseline file and exit 0.", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .customLong("prune-baseline"), help: "With --baseline, remove its stale entries from the file.")
    var pruneBaseline = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where to keep parsed Terraform files, and which files are of no kind Parapet reads, so that a re-run parses only what changed (default: $XDG_CACHE_HOME/parapet or ~/.cache/parapet).", valueName: "dir"))
    var cacheDirectory: String?

    @Flag(name: .customLong("no-cache"), help: "Use no cache: parse every candidate file.")
    var noCache = false

    @Flag(help: "Print to standard error how many objects of each kind were read and analysed, and the nodes built.")
    var statistics = false

    @Option(name: [.short, .long], help: ArgumentHelp("Worker threads that read and parse files (default: the number of active cores); the output is the same for any number.", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    func run() throws {
        var options = ScanOptions(roots: scannedPaths, configPath: config,
                                  workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        if paths.contains("-") {
            guard let stdinFilename else { throw RunError("`-` reads standard input: name the file it stands for with --stdin-filename PATH") }
            let display = Discovery(workingDirectory: options.workingDirectory).display(Discovery.absolute(stdinFilename, in: options.workingDirectory))
            options.standardInput = SourceFile(path: display, bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
        } else if stdinFilename != nil {
            throw RunError("--stdin-filename names what `-` reads; give `-` as a path")
        }
        options.classificationCache = noCache ? nil : ParseCacheLocation.cache(explicit: cacheDirectory)
        options.parseCache = noCache ? nil : ParseCacheLocation.parseCache(explicit: cacheDirectory)
        try applyContext(to: &options)
        if let diff { options.reportScope.changedLines = try readDiff(diff, workingDirectory: options.workingDirectory) }
        if pruneBaseline && baseline == nil { throw RunError("--prune-baseline needs --baseline FILE") }
        if (writeBaseline != nil || pruneBaseline) && !options.reportScope.isEverything {
            throw RunError("\(writeBaseline != nil ? "--write-baseline" : "--prune-baseline") needs a scan of everything: drop --diff and the paths given with --context")
        }
        options.varFiles = varFiles
        options.countObjects = statistics
        options.releaseSyntaxTrees = true
        options.loweringFault = Self.injectedLoweringFault()
        options.only = Self.selectors(select)
        options.ignore = Self.selectors(ignore)
        if let unknown = (options.only + options.ignore).first(where: { !Configuration.isKnownSelector($0) }) {
            throw unknownRule(unknown)
        }
        if let config, !FileManager.default.fileExists(atPath: config) {
            throw RunError("no such configuration file: \(config)")
        }
        if listFiles {
            try printFileList(options)
            return
        }
        var result: ScanResult
        do {
            result = try Scan.run(options)
        } catch let error as Discovery.DiscoveryError {
            throw RunError(error.description)
        }
        let configurationErrors = result.findings.filter { $0.code == MetaRules.configError.code }
        var notes: [String] = []
        if let writeBaseline {
            // Configuration and internal errors are never accepted: they must be fixed, not recorded.
            let recorded = Baseline(findings: result.findings.filter { !Self.unacceptable.contains($0.code) })
            try write(recorded.render(), to: writeBaseline)
            FileHandle.standardError.write(Data("Wrote \(recorded.entries.count) finding\(recorded.entries.count == 1 ? "" : "s") to \(writeBaseline)\n".utf8))
            if !result.internalErrors.isEmpty { throw failure(result.internalErrors, status: ExitStatus.internalError) }
            if !configurationErrors.isEmpty { throw failure(configurationErrors, status: ExitStatus.usageOrConfiguration) }
            return
        }
        if let baseline {
            notes = try applyBaseline(baseline, to: &result, scope: options.reportScope, workingDirectory: options.workingDirectory)
        }
        let rendered = Reporting.render(result, format: format, color: useColor, workingDirectory: options.workingDirectory, notes: notes)
        try write(rendered)
        if let census = result.census {
            var text = Self.statistics(census)
            if let cache = options.parseCache?.statistics {
                text += "parse cache: \(cache.hits) Terraform files read from it, \(cache.misses) parsed, \(cache.written) written\n"
            }
            text += "time by stage: " + result.timings.map { String(format: "%@ %.3f s", $0.stage, $0.seconds) }.joined(separator: ", ") + "\n"
            FileHandle.standardError.write(Data(text.utf8))
        }
        // A file Parapet failed on was not fully checked: the report stands, but it is no pass.
        // Listed on standard error too, since configuration may have hidden the findings.
        if !result.internalErrors.isEmpty { throw failure(result.internalErrors, status: ExitStatus.internalError) }
        // A broken configuration means the scan did not run as intended: that is never a pass.
        if !configurationErrors.isEmpty {
            if format != .text || output != nil { throw failure(configurationErrors, status: ExitStatus.usageOrConfiguration) }
            throw ExitCode(ExitStatus.usageOrConfiguration)
        }
        if !exitZero && result.findings.contains(where: { $0.severity >= failOn }) {
            throw ExitCode(ExitStatus.findings)
        }
    }

    /// Codes a baseline never records or hides.
    private static let unacceptable: Set<String> = [MetaRules.configError.code, MetaRules.internalError.code]

    /// Configuration or internal errors on standard error (when the report went elsewhere or was
    /// not written, or hid them), then the exit status.
    private func failure(_ errors: [Finding], status: Int32) -> ExitCode {
        let lines = errors.map { "\($0.range.path):\($0.range.start.line):\($0.range.start.column): \($0.code) \($0.message)\n" }
        FileHandle.standardError.write(Data(lines.joined().utf8))
        return ExitCode(status)
    }

    /// `--context DIR`: the scan's roots become DIR, and the given paths (when any were named)
    /// only choose what is reported.
    private func applyContext(to options: inout ScanOptions) throws {
        guard let context else { return }
        let directory = options.workingDirectory
        let root: String
        if context == "auto" && !FileManager.default.fileExists(atPath: Discovery.absolute(context, in: directory)) {
            let located = ConfigurationLoader.locate(explicit: config, workingDirectory: directory, roots: scannedPaths)
            root = located.map { String($0[..<($0.lastIndex(of: "/") ?? $0.startIndex)]) }.map { $0.isEmpty ? "/" : $0 } ?? directory
        } else {
            root = Discovery.absolute(context, in: directory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw RunError("--context must be a directory: \(context)")
            }
        }
        var reported: [String] = []
        for written in paths {
            let path = written == "-" ? (stdinFilename ?? written) : written
            let absolute = Discovery.absolute(path, in: directory)
            guard written == "-" || FileManager.default.fileExists(atPath: absolute) else { throw RunError("no such file or directory: \(path)") }
            guard absolute == root || root == "/" || absolute.hasPrefix(root + "/") else {
                throw RunError("\(path) is outside the context \(Discovery(workingDirectory: directory).display(root))")
            }
            reported.append(absolute)
        }
        options.roots = [root]
        if !reported.isEmpty && !reported.contains(root) { options.reportScope.paths = reported }
    }

    /// `--diff FILE|-`: the changed lines, keyed by absolute path.
    private func readDiff(_ source: String, workingDirectory: String) throws -> [String: Set<Int>] {
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: source) else { throw RunError("cannot read diff file \(source)") }
            data = contents
        }
        var lines: [String: Set<Int>] = [:]
        for (path, changed) in UnifiedDiff.changedLines(String(decoding: data, as: UTF8.self)) {
            lines[Discovery.absolute(path, in: workingDirectory), default: []].formUnion(changed)
        }
        return lines
    }

    /// `--baseline FILE`: hides known findings, lists stale entries as notes and, with
    /// `--prune-baseline`, rewrites the file without them. Stale entries are judged only where the
    /// scan reported everything: a path outside `--context`'s paths, or lines outside `--diff`,
    /// were not looked at.
    private func applyBaseline(_ path: String, to result: inout ScanResult, scope: ReportScope, workingDirectory: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw RunError("cannot read baseline \(path)") }
        let known: Baseline
        do {
            known = try Baseline.parse(data)
        } catch let error as Baseline.ReadError {
            throw RunError("\(path): \(error.description)")
        }
        let outcome = known.apply(to: result.findings.filter { !Self.unacceptable.contains($0.code) })
        let errors = result.findings.filter { Self.unacceptable.contains($0.code) }
        result.findings = (errors + outcome.findings).sorted(by: Finding.reportOrder)
        let directory = Discovery.absolute(workingDirectory, in: "/")
        let stale = scope.changedLines != nil ? [] : outcome.stale.filter { entry in
            let probe = Finding(code: entry.code, severity: .note, message: "", range: .fileStart(entry.path))
            return scope.includes(probe, workingDirectory: directory)
        }
        var notes: [String] = []
        if outcome.hidden > 0 { notes.append("\(outcome.hidden) known finding\(outcome.hidden == 1 ? "" : "s") hidden by the baseline \(path)") }
        if pruneBaseline {
            if !stale.isEmpty { try write(known.pruning(stale).render(), to: path) }
            notes.append("\(stale.count) stale entr\(stale.count == 1 ? "y" : "ies") removed from the baseline \(path)")
        } else {
            for entry in stale {
                notes.append("stale baseline entry (fixed, or its subject renamed): \(entry.path) \(entry.code) \(entry.message); --prune-baseline removes it")
            }
        }
        return notes
    }

    /// Objects read and analysed per kind; a dropped object (a bug) is listed by place.
    static func statistics(_ census: Census) -> String {
        var out = "objects read and analysed, by kind:\n"
        let width = census.counts.keys.map(\.count).max() ?? 0
        for (kind, count) in census.counts.sorted(by: { $0.key < $1.key }) {
            out += "  " + kind.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(count.read) read, \(count.analysed) analysed\n"
        }
        out += "  total: \(census.totalRead) read, \(census.totalAnalysed) analysed, \(census.nodes) graph nodes\n"
        for dropped in census.dropped { out += "  not analysed: \(dropped)\n" }
        return out
    }

    /// Test hook: `PARAPET_TEST_FAIL_LOWERING=PATH` makes lowering the file of that display path
    /// fail, so the end-to-end tests can check that one failing file costs no other (PAR007, the
    /// rest of the report, exit 3). No real lowering step throws yet.
    static func injectedLoweringFault() -> (@Sendable (ParsedFile) throws(InternalError) -> Void)? {
        guard let path = ProcessInfo.processInfo.environment["PARAPET_TEST_FAIL_LOWERING"], !path.isEmpty else { return nil }
        return { file throws(InternalError) in
            if file.source.path == path { throw InternalError("failure injected by PARAPET_TEST_FAIL_LOWERING", at: .fileStart(path)) }
        }
    }

    /// `--select EGR,PIN504 --select gates` → `[EGR, PIN504, gates]`.
    static func selectors(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Colors only for text on a terminal, and not when NO_COLOR (https://no-color.org) is set to
    /// anything but the empty string; an explicit `--color always` or `never` wins.
    private var useColor: Bool {
        guard output == nil, format.isForPeople else { return false }
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return !noColor && isatty(STDOUT_FILENO) != 0
        }
    }

    private func printFileList(_ options: ScanOptions) throws {
        let parsed: [ParsedFile]
        let configuration = ConfigurationLoader.resolve(options).configuration
        do {
            parsed = Scan.load(try Scan.discover(options).filter { configuration.includes(path: $0.displayPath) }, options: options)
        } catch let error as Discovery.DiscoveryError {
            throw RunError(error.description)
        }
        let width = parsed.map(\.kind.rawValue.count).max() ?? 0
        var lines = ""
        for file in parsed {
            let note = file.kind == .helmTemplate ? "  (skipped)" : ""
            lines += file.kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + file.source.path + note + "\n"
        }
        try write(lines)
    }

    private func write(_ text: String) throws {
        if let output {
            try write(text, to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw RunError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
