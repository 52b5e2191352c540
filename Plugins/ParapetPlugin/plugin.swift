import Foundation
import PackagePlugin

/// `swift package parapet [ARGS...]`: runs `parapet scan` over the package directory with the
/// given arguments. Findings (exit 1) and errors (exit 2) fail the plugin with the tool's message.
///
/// The scan runs from the package directory, so the package's `.parapet.yaml` applies as it does
/// on the command line: its `exclude` globs (relative to the file) keep test fixtures and other
/// deliberate examples out of the report.
@main
struct ParapetPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "parapet")
        let process = Process()
        process.executableURL = tool.url
        process.currentDirectoryURL = context.package.directoryURL
        process.arguments = ["scan", "."] + arguments
        try process.run()
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return
        case 1: Diagnostics.error("parapet found problems (see above)")
        default: Diagnostics.error("parapet failed with exit code \(process.terminationStatus)")
        }
        throw PluginFailure(status: process.terminationStatus)
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "parapet exited with status \(status)" }
}
