import ArgumentParser
import Foundation
import ParapetCore
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
            """)

    @Argument(help: "Files or directories to scan.")
    var paths: [String] = ["."]

    @Option(name: .shortAndLong, help: "Output format: text (for people), json (versioned schema) or sarif (SARIF 2.1.0).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding has this severity or a higher one: error, warning or note.")
    var failOn: Severity = .warning

    @Flag(name: .customLong("exit-zero"), help: "Exit 0 even when there are findings (errors still exit 2).")
    var exitZero = false

    @Flag(name: .customLong("list-files"), help: "Print each file Parapet would read, with its kind, and exit.")
    var listFiles = false

    @Option(help: "Color in text output: auto (only on a terminal), always or never.")
    var color: ColorMode = .auto

    @Option(help: ArgumentHelp("Configuration file (default: .parapet.yaml in the working directory or the first scanned directory).", valueName: "file"))
    var config: String?

    @Option(name: .customLong("var-file"), help: ArgumentHelp("A tfvars file applied to every Terraform root module, after its own terraform.tfvars and *.auto.tfvars (repeatable).", valueName: "file"))
    var varFiles: [String] = []

    func run() throws {
        var options = ScanOptions(roots: paths, configPath: config)
        options.varFiles = varFiles
        if listFiles {
            try printFileList(options)
            return
        }
        let result: ScanResult
        do {
            result = try Scan.run(options)
        } catch let error as Discovery.DiscoveryError {
            throw ValidationError(error.description)
        }
        let useColor = output == nil && format == .text && (color == .always || (color == .auto && isatty(STDOUT_FILENO) != 0))
        let rendered = Reporting.render(result, format: format, color: useColor, workingDirectory: options.workingDirectory)
        try write(rendered)
        if !exitZero && result.findings.contains(where: { $0.severity >= failOn }) {
            throw ExitCode(1)
        }
    }

    private func printFileList(_ options: ScanOptions) throws {
        let parsed: [ParsedFile]
        do {
            parsed = Scan.load(try Scan.discover(options), options: options)
        } catch let error as Discovery.DiscoveryError {
            throw ValidationError(error.description)
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
                throw ValidationError("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
