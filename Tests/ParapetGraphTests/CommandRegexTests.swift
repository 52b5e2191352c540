import Testing
@testable import ParapetGraph

/// VS Code terminal allow-list keys written as `/regex/`, read by their shape.
@Suite struct CommandRegexTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var written: String
        var reading: CommandRegex.Reading?
        var testDescription: String { written }
        init(_ written: String, _ reading: CommandRegex.Reading?) {
            self.written = written
            self.reading = reading
        }
    }

    static let rows: [Row] = [
        Row("git status", nil),
        Row("/", nil),
        Row("/bin/bash", nil),
        Row("/usr/bin/env", nil),
        Row("/.*/", .any),
        Row("/^/", .any),
        Row("/^.*$/", .any),
        Row("/^\\s*.+$/", .any),
        Row("/^git status$/", .prefixes(["git status"], exact: true)),
        Row("/^git status$/i", .prefixes(["git status"], exact: true)),
        Row("/^git status\\b/", .prefixes(["git status"], exact: false)),
        Row("/^git (status|log)/", .prefixes(["git status", "git log"], exact: false)),
        Row("/^git\\s+(status|stash\\s+list|remote\\s+-v)\\b/", .prefixes(["git status", "git stash list", "git remote -v"], exact: false)),
        Row("/^(?:npm|pnpm) test$/", .prefixes(["npm test", "pnpm test"], exact: true)),
        Row("/^\\s*for\\s+.+;\\s*done$/", .prefixes(["for"], exact: false)),
        Row("/^npm\\.cmd run/", .prefixes(["npm.cmd run"], exact: false)),
        // An optional character ends the literal start before it.
        Row("/^gits? status/", .prefixes(["git"], exact: false)),
        Row("/^git (status|log)? x/", .prefixes(["git"], exact: false)),
        Row("/^npm test|^npm run lint/", .prefixes(["npm test", "npm run lint"], exact: false)),
        // Matches from anywhere.
        Row("/status/", .unanchored("status")),
        Row("/^.*rm -rf/", .unanchored("^.*rm -rf")),
        Row("/^npm test|rm/", .unanchored("^npm test|rm")),
        // Shapes not followed.
        Row("/^(?!rm).*/", .unknown("it uses a lookaround or an inline option")),
        Row("/^(git/", .unknown("its parentheses do not close")),
    ]

    @Test(arguments: rows)
    func shapes(_ row: Row) {
        #expect(CommandRegex.read(row.written) == row.reading)
    }

    @Test func manyAlternativesAreUnknownNotExpanded() {
        let group = "(" + (0..<10).map { "a\($0)" }.joined(separator: "|") + ")"
        guard case .unknown = CommandRegex.read("/^\(group) \(group)/") else {
            Issue.record("100 prefixes should not be spelled out")
            return
        }
    }
}
