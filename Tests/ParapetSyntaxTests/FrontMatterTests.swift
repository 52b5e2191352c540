import Foundation
import ParapetCore
import ParapetSyntax
import ParapetTestSupport
import Testing

@Suite struct FrontMatterSnapshotTests {
    static let files = fixtureFiles(in: "syntax/frontmatter", extensions: [".md"])

    @Test func fixturesExist() {
        #expect(Self.files.count >= 3)
    }

    @Test(arguments: files)
    func snapshot(_ url: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: url))
        let source = SourceFile(path: url.lastPathComponent, bytes: bytes)
        let result = FrontMatterParser.parse(source)
        assertSnapshot(yamlRender(result), at: url.appendingPathExtension("snap"))
        yamlExpectConsistentPositions(result, in: source)
    }
}

@Suite struct FrontMatterTests {
    private func parse(_ text: String) -> DataParseResult {
        FrontMatterParser.parse(SourceFile(path: "agent.md", text: text))
    }

    @Test func validFrontMatterIsReadInFilePositions() throws {
        let text = "---\nname: a\ntools: [Read]\n---\n# Body\nkey: no\n"
        let result = parse(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 1)
        let root = try #require(result.documents.first)
        let name = try #require(root.entry("name"))
        #expect(yamlSpan(name.key.range) == "2:1-2:5@4-8")
        #expect(root["tools"]?.sequence?.count == 1)
        #expect(root["key"] == nil)
        #expect(result.comments.isEmpty, "a heading in the body is not a comment")
    }

    @Test func noFrontMatterIsNothing() {
        for text in ["", "# Title\n", "text\n---\na: b\n---\n", " ---\na: b\n---\n", "---\na: b\n"] {
            let result = parse(text)
            #expect(result.documents.isEmpty && result.diagnostics.isEmpty && result.comments.isEmpty, "\(text)")
        }
    }

    @Test func invalidYAMLFallsBackWithoutAnError() throws {
        let text = "---\nname: t\ndescription: Use when: asked. Example: x\nmodel: opus\n---\n"
        let result = parse(text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first)
        #expect(root.entries?.map(\.name) == ["name", "description", "model"])
        let description = try #require(root["description"])
        #expect(description.string == "Use when: asked. Example: x")
        #expect(yamlText(text, description.range) == "Use when: asked. Example: x")
        #expect(root["model"]?.string == "opus")
        #expect(yamlSpan(root.range) == "2:1-4:12@4-64")
    }

    @Test func fallbackReadsListsAndContinuations() throws {
        let text = "---\nd: a: b\ntools:\n- Bash\n- 'Read'\ntext: one\n  two\nempty:\n---\n"
        let root = try #require(parse(text).documents.first)
        #expect(root["tools"]?.sequence?.compactMap(\.string) == ["Bash", "Read"])
        #expect(root["text"]?.string == "one two")
        #expect(root["empty"]?.scalar?.value == .null)
    }

    @Test func unreadableFrontMatterKeepsTheYAMLError() {
        let result = parse("---\n[unclosed\n---\n")
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.map(\.kind) == [.parseError])
    }
}
