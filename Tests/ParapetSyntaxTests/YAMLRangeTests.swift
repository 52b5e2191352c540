import ParapetCore
import ParapetSyntax
import ParapetTestSupport
import Testing

@Suite struct YAMLRangeTests {
    @Test func keysAndValuesHaveExactRanges() throws {
        let text = "apiVersion: v1\nmetadata:\n  name: web\n  labels: {app: web}\n\n# trailing comment\n"
        let result = yamlParse(text)
        let root = try #require(result.documents.first)
        let metadata = try #require(root.entry("metadata"))
        #expect(yamlSpan(metadata.key.range) == "2:1-2:9@15-23")
        // A block mapping ends with its last value, not at the next token after the comment.
        #expect(yamlSpan(metadata.value.range) == "3:3-4:21@27-57")
        #expect(yamlSpan(root.range) == "1:1-4:21@0-57")
        let labels = try #require(metadata.value["labels"])
        #expect(yamlText(text, labels.range) == "{app: web}")
        let name = try #require(metadata.value.entry("name"))
        #expect(yamlText(text, name.key.range) == "name")
        #expect(yamlText(text, name.value.range) == "web")
    }

    @Test func columnsCountCodePointsAndOffsetsCountBytes() throws {
        let text = "名前: \"値é\"\nnext: 😀x\n"
        let root = try #require(yamlParse(text).documents.first)
        let entry = try #require(root.entry("名前"))
        #expect(yamlSpan(entry.key.range) == "1:1-1:3@0-6")
        #expect(yamlSpan(entry.value.range) == "1:5-1:9@8-15")
        #expect(entry.value.string == "値é")
        let next = try #require(root["next"])
        #expect(yamlSpan(next.range) == "2:7-2:9@22-27")
    }

    @Test func markersMatchRanges() throws {
        let (text, expected) = stripMarkers("items:\n  - ↓alpha\n  - ↓\"βeta\"\n  - ↓|\n    block\n")
        let items = try #require(yamlParse(text).documents.first?["items"]?.sequence)
        #expect(items.count == expected.count)
        for (item, position) in zip(items, expected) {
            #expect(item.range.start.line == position.line)
            #expect(item.range.start.column == position.column)
        }
    }

    @Test func blockScalarRangeEndsAtItsLastLine() throws {
        let text = "a: |\n  x\n  y\n\n\nb: >-\n  z\n"
        let root = try #require(yamlParse(text).documents.first)
        #expect(yamlText(text, try #require(root["a"]).range) == "|\n  x\n  y")
        #expect(yamlText(text, try #require(root["b"]).range) == ">-\n  z")
        #expect(root["a"]?.string == "x\ny\n")
    }

    @Test func emptyValueIsNullAfterTheColon() throws {
        let root = try #require(yamlParse("key:\nother: 1\n").documents.first)
        let value = try #require(root["key"])
        #expect(value.scalar?.value == .null)
        #expect(yamlSpan(value.range) == "1:5-1:5@4-4")
    }

    @Test func aliasCopyTakesTheAliasRangeAndKeepsInnerRanges() throws {
        let text = "base: &b {x: 1}\nuse: *b\n"
        let root = try #require(yamlParse(text).documents.first)
        let use = try #require(root["use"])
        #expect(yamlText(text, use.range) == "*b")
        let x = try #require(use.entry("x"))
        #expect(yamlSpan(x.key.range) == "1:11-1:12@10-11")
    }

    @Test func mergeKeysFollowTheSpec() throws {
        let text = """
        a: &a {x: 1, y: 1}
        b: &b {y: 2, z: 2}
        m:
          w: 0
          <<: [*a, *b]
          x: 9
        """
        let m = try #require(yamlParse(text).documents.first?["m"])
        #expect(m.entries?.map(\.name) == ["w", "y", "z", "x"])
        #expect(m["x"]?.scalar?.value == .int(9))
        #expect(m["y"]?.scalar?.value == .int(1))
        #expect(m["z"]?.scalar?.value == .int(2))
        // A quoted `<<` is an ordinary key.
        let quoted = try #require(yamlParse("a: &a {x: 1}\nm: {'<<': *a}\n").documents.first?["m"])
        #expect(quoted.entries?.map(\.name) == ["<<"])
    }

    @Test func parseErrorHasPositionAndKeepsEarlierDocuments() throws {
        let result = yamlParse("a: 1\n---\nb: c: d\n")
        #expect(result.documents.count == 1)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.kind == .parseError)
        #expect(diagnostic.message == "Mapping values are not allowed in this context")
        #expect(yamlSpan(diagnostic.range) == "3:5-3:6@13-14")
    }

    @Test func undefinedAliasIsAParseErrorAtTheAlias() throws {
        let result = yamlParse("a: 1\nb: *nope\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.kind == .parseError)
        #expect(yamlSpan(diagnostic.range) == "2:4-2:9@8-13")
        #expect(result.documents.isEmpty)
        let recursive = yamlParse("a: &x [1, *x]\n")
        #expect(recursive.diagnostics.first?.message == "Alias 'x' refers to the node that contains it")
    }

    @Test func commentsAreRecoveredOutsideScalars() throws {
        let text = "a: \"x # y\" # real\nb: 'p #q'\nc: d#e\n# line\nblock: | # header\n  # content\n"
        let comments = yamlParse(text).comments
        #expect(comments.map(\.text) == ["real", "line", "header"])
        #expect(comments.map { yamlText(text, $0.range) } == ["# real", "# line", "# header"])
    }

    @Test func tagsKeepTheirShortForm() throws {
        let root = try #require(yamlParse("a: !!str 1\nb: !Ref x\nc: !!int '7'\n").documents.first)
        #expect(root["a"]?.scalar?.tag == "!!str")
        #expect(root["a"]?.scalar?.value == .string("1"))
        #expect(root["b"]?.scalar?.tag == "!Ref")
        #expect(root["c"]?.scalar?.value == .string("7"), "quoted scalars stay strings whatever the tag")
    }
}
