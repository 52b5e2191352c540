import ArgumentParser
import Foundation
import ParapetRules

/// An error of the run rather than of the command line's shape (a path that does not exist, an
/// unknown rule code): one line on standard error, no usage banner, exit status 2.
struct RunError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

/// Parapet's exit statuses, the contract documented in `--help` and the README.
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usageOrConfiguration: Int32 = 2
    static let internalError: Int32 = 3

    static let help = """
        Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage or configuration \
        error (also with --exit-zero), 3 internal error.
        """
}

extension Parapet {
    /// `parapet scna` would otherwise be read as `parapet scan scna` and fail on a missing path:
    /// a first word that is no subcommand and no existing path, but close to a subcommand, is a typo.
    static func mistypedSubcommand(_ arguments: [String]) -> RunError? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let visible = configuration.subcommands.filter { $0.configuration.shouldDisplay }
        let names = visible.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first), !FileManager.default.fileExists(atPath: first),
              let suggestion = EditDistance.closest(to: first, among: names) else { return nil }
        return RunError("unknown command `\(first)`; did you mean `\(suggestion)`?")
    }
}

/// An unknown rule code, name or selector, with the closest known one when there is one.
func unknownRule(_ text: String) -> RunError {
    let hint = RuleCatalog.suggestion(for: text).map { "; did you mean `\($0)`?" } ?? "; run `parapet rules` to list them"
    return RunError("unknown rule `\(text)`\(hint)")
}
