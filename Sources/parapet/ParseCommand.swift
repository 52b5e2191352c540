import ArgumentParser
import Foundation
import ParapetCore
import ParapetSyntax

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the syntax tree of one file, with positions (for debugging and bug reports).")

    @Argument(help: "The file to parse.")
    var file: String

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        guard let discovered = try? Discovery(workingDirectory: cwd).files(under: [file]).first else {
            throw RunError("no such file: \(file)")
        }
        guard let parsed = Loader().load(discovered) else {
            throw RunError("\(file) is not a file kind Parapet reads")
        }
        print("kind \(parsed.kind.rawValue)")
        print(SyntaxDump.render(parsed), terminator: "")
    }
}
