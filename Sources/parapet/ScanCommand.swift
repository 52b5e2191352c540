import ArgumentParser
import Foundation
import ParapetCore
import ParapetGraph
import ParapetRules
import ParapetSyntax

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}

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

            Colors: --color auto (the default) colors text on a terminal unless NO_COLOR is set; \
            --color always and never override both.

            \(ExitStatus.help)
            """)

    @Argument(help: "Files or directories to scan.")
    var paths: [String] = ["."]

    @Option(name: .shortAndLong, help: "Output format: text (for people), json (versioned schema) or sarif (SARIF 2.1.0).")
    var format: OutputFormat = .text

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

    @Flag(help: "Print to standard error how many objects of each kind were read and analysed, and the nodes built.")
    var statistics = false

    func run() throws {
        var options = ScanOptions(roots: paths, configPath: config)
        options.varFiles = varFiles
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
        let result: ScanResult
        do {
            result = try Scan.run(options)
        } catch let error as Discovery.DiscoveryError {
            throw RunError(error.description)
        }
        let rendered = Reporting.render(result, format: format, color: useColor, workingDirectory: options.workingDirectory)
        try write(rendered)
        if statistics { FileHandle.standardError.write(Data(Self.statistics(result.census).utf8)) }
        // A broken configuration means the scan did not run as intended: that is never a pass.
        let configurationErrors = result.findings.filter { $0.code == MetaRules.configError.code }
        if !configurationErrors.isEmpty {
            if format != .text || output != nil {
                let lines = configurationErrors.map { "\($0.range.path):\($0.range.start.line):\($0.range.start.column): \($0.code) \($0.message)\n" }
                FileHandle.standardError.write(Data(lines.joined().utf8))
            }
            throw ExitCode(ExitStatus.usageOrConfiguration)
        }
        if !exitZero && result.findings.contains(where: { $0.severity >= failOn }) {
            throw ExitCode(ExitStatus.findings)
        }
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

    /// `--select EGR,PIN504 --select gates` → `[EGR, PIN504, gates]`.
    static func selectors(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Colors only for text on a terminal, and not when NO_COLOR (https://no-color.org) is set to
    /// anything but the empty string; an explicit `--color always` or `never` wins.
    private var useColor: Bool {
        guard output == nil, format == .text else { return false }
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
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw RunError("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
