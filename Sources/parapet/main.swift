import ArgumentParser
import Foundation

// ArgumentParser exits 64 on usage errors and 1 on unexpected ones; Parapet's contract is 0 clean,
// 1 findings, 2 usage or configuration error, 3 internal error.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if let mistyped = Parapet.mistypedSubcommand(arguments) { throw mistyped }
    var command = try Parapet.parseAsRoot(arguments)
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch let error as RunError {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    Foundation.exit(ExitStatus.usageOrConfiguration)
} catch {
    switch Parapet.exitCode(for: error) {
    case .success:
        print(Parapet.fullMessage(for: error))
        Foundation.exit(ExitStatus.clean)
    case .validationFailure:
        FileHandle.standardError.write(Data((Parapet.fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.usageOrConfiguration)
    default:
        FileHandle.standardError.write(Data("internal error: \(error)\n".utf8))
        Foundation.exit(ExitStatus.internalError)
    }
}
