import ArgumentParser
import Foundation

// ArgumentParser exits 64 on usage errors; Parapet's contract is 0 clean, 1 findings, 2 usage,
// configuration or internal error.
do {
    var command = try Parapet.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = Parapet.exitCode(for: error)
    if code == .success {
        print(Parapet.fullMessage(for: error))
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((Parapet.fullMessage(for: error) + "\n").utf8))
    Foundation.exit(2)
}
