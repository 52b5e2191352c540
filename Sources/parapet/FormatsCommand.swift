import ArgumentParser
import Foundation
import ParapetRules

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List every agent format Parapet reads, where its files are, and the facts it fills.",
        discussion: "json lists the same table for tools and scripts; docs/formats.md is generated from it.")

    enum Format: String, ExpressibleByArgument { case text, json, markdown }

    @Option(name: .shortAndLong, help: "text, json or markdown.")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: print(FormatListing.text(), terminator: "")
        case .json: FileHandle.standardOutput.write(try FormatListing.json())
        case .markdown: print(FormatListing.markdown(), terminator: "")
        }
    }
}
