import Foundation
import ParapetGraph

/// `parapet formats` and `docs/formats.md`, generated from `AgentFormat.all`.
public enum FormatListing {
    /// One line per format: client, what the file is, its kind, where it is found, what it fills.
    public static func text(_ formats: [AgentFormat] = AgentFormat.all) -> String {
        let rows = formats.map { format in
            ["\(format.client) \(format.title)", format.kind.rawValue, files(format), format.facts.map(\.rawValue).joined(separator: ", ")]
        }
        let header = ["format", "kind", "files", "facts"]
        let widths = (0..<3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index < 3 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n\(formats.count) formats\n"
    }

    /// `{"schemaVersion": 1, "formats": [...]}`, keys sorted.
    public static func json(_ formats: [AgentFormat] = AgentFormat.all) throws -> Data {
        struct Listing: Encodable {
            let schemaVersion = 1
            let formats: [Entry]
        }
        struct Entry: Encodable {
            let kind, client, title, source: String
            let files, facts: [String]
            let sniffed: Bool
        }
        let listing = Listing(formats: formats.map {
            Entry(kind: $0.kind.rawValue, client: $0.client, title: $0.title, source: $0.source, files: $0.files,
                  facts: $0.facts.map(\.rawValue), sniffed: $0.sniffed)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(listing) + Data("\n".utf8)
    }

    /// `docs/formats.md`.
    public static func markdown(_ formats: [AgentFormat] = AgentFormat.all) -> String {
        var out = """
            # Agent formats Parapet reads

            Generated from `AgentFormat.all` (`Sources/ParapetGraph/Agents/AgentFormats.swift`); do not edit by hand.
            `parapet formats` prints the same table. *Facts* are the parts of an agent's profile the format can fill;
            the rules read those facts, never the files. Files of one client in one project (Claude Code settings and
            `.mcp.json`, Cursor's `.cursor/` files, VS Code's, Gemini CLI's) are read together as one agent.


            """
        out += "| client | file | kind | found in | facts | keys checked against |\n| --- | --- | --- | --- | --- | --- |\n"
        for format in formats {
            let cells = [format.client, format.title, "`\(format.kind.rawValue)`", files(format, code: true),
                         format.facts.map(\.rawValue).joined(separator: ", "), format.source]
            out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        let unread = formats.filter { !$0.unread.isEmpty }
        if !unread.isEmpty {
            out += "\n## Keys seen in repositories and not read\n\nNot defined by the format's documentation, so nothing says the client acts on them.\n\n"
            for format in unread {
                for note in format.unread { out += "- \(format.client) \(format.title) (`\(format.kind.rawValue)`): \(note)\n" }
            }
        }
        return out
    }

    static func files(_ format: AgentFormat, code: Bool = false) -> String {
        let listed = format.files.map { code ? "`\($0)`" : $0 }.joined(separator: ", ")
        return format.sniffed ? listed + " (or by content)" : listed
    }
}
