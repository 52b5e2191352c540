import ParapetCore
import ParapetSyntax
import ParapetTestSupport
import Testing

/// Exact ranges of nodes, with `↓` marking where each expected position is.
@Suite struct HCLRangeTests {
    @Test func attributeNameValueAndBlockHeader() throws {
        let (text, marks) = stripMarkers("""
        ↓resource ↓"aws_s3_bucket" ↓logs {
          ↓bucket↓ = ↓"b"↓
        }↓
        """)
        let result = parseHCL(text)
        #expect(result.diagnostics.isEmpty)
        let block = try #require(result.file.body.blocks.first)
        #expect(block.range.start.line == marks[0].line && block.range.start.column == marks[0].column)
        #expect(block.typeRange.start.column == marks[0].column && block.typeRange.end.column == 9)
        #expect(block.labels.map(\.value) == ["aws_s3_bucket", "logs"])
        #expect(block.labels.map(\.quoted) == [true, false])
        #expect(block.labels[0].range.start.column == marks[1].column)
        #expect(block.labels[0].range.end.column == marks[2].column - 1)
        #expect(block.labels[1].range.start.column == marks[2].column)
        let attribute = try #require(block.body.attribute("bucket"))
        #expect((attribute.nameRange.start.line, attribute.nameRange.start.column) == (marks[3].line, marks[3].column))
        #expect(attribute.nameRange.end.column == marks[4].column)
        #expect(attribute.value.range.start.column == marks[5].column)
        #expect(attribute.value.range.end.column == marks[6].column)
        #expect(attribute.range.start.column == marks[3].column && attribute.range.end.column == marks[6].column)
        #expect((block.range.end.line, block.range.end.column) == (marks[7].line, marks[7].column))
    }

    @Test func columnsCountCodePointsAndOffsetsCountBytes() throws {
        let (text, marks) = stripMarkers("a = \"日本語😀\" + ↓b\n")
        let result = parseHCL(text)
        guard case .binary(_, _, let rhs) = try #require(result.file.body["a"]).kind else {
            Issue.record("not a binary operation")
            return
        }
        #expect(rhs.range.start.column == marks[0].column)
        #expect(rhs.range.start.column == 14)
        // 4 bytes `a = `, quote, 9 bytes of CJK, 4 of the emoji, quote, ` + `.
        #expect(rhs.range.start.offset == 4 + 1 + 9 + 4 + 1 + 3)
    }

    @Test func traversalStepsAndSplats() throws {
        let result = parseHCL("x = aws_instance.web[*].id\ny = var.list.0\n")
        let x = try #require(result.file.body["x"])
        guard case .traversal(let root, let steps) = x.kind else {
            Issue.record("not a traversal")
            return
        }
        #expect(hclSpan(root.range) == "1:5-1:17")
        #expect(steps.map { hclSpan($0.range) } == ["1:17-1:21", "1:21-1:24", "1:24-1:27"])
        #expect(x.traversalPath == ["aws_instance", "web", "*", "id"])
        let y = try #require(result.file.body["y"])
        #expect(y.traversalPath == ["var", "list", "0"])
    }

    @Test func heredocRangeAndLiteralRanges() throws {
        let text = "a = <<-EOT\n    one ${x}\n    two\n  EOT\nb = 1\n"
        let result = parseHCL(text)
        let a = try #require(result.file.body["a"])
        #expect(hclSpan(a.range) == "1:5-4:6")
        let template = try #require(a.template)
        guard template.parts.count == 3, case .literal(let first) = template.parts[0].kind,
              case .literal(let last) = template.parts[2].kind else {
            Issue.record("unexpected parts \(template.parts)")
            return
        }
        // `<<-` removes the indentation common to the content lines (the closing line does not
        // count); the ranges are the raw source.
        #expect(first == "one ")
        #expect(last == "\ntwo\n")
        #expect(hclSpan(template.parts[0].range) == "2:1-2:9")
        #expect(hclSpan(template.parts[1].range) == "2:9-2:13")
        #expect(hclSpan(template.parts[2].range) == "2:13-4:1")
        #expect(result.file.body["b"]?.numberValue == 1)
    }

    @Test func commentsKeepTextAndRange() {
        let result = parseHCL("a = 1 # one\n// two\n/* three\n*/ b = 2\n")
        #expect(result.comments.map(\.text) == ["one", "two", "three"])
        #expect(result.comments.map { hclSpan($0.range) } == ["1:7-1:12", "2:1-2:7", "3:1-4:3"])
        #expect(result.file.body.attributes.map(\.name) == ["a", "b"])
    }

    @Test func missingBraceIsReportedAfterTheLastText() throws {
        let result = parseHCL("locals {\n  a = 1\n\n\n")
        let error = try #require(result.parseErrors.first)
        #expect(error.message == "Missing `}` to close the `locals` block at line 1")
        #expect(hclSpan(error.range) == "2:8-2:8")
        #expect(result.file.body.blocks(type: "locals").first?.body.attribute("a") != nil)
    }

    @Test func strayTokenPositionAndRecovery() throws {
        let result = parseHCL("a = 1\nb = 2 3\nc = 4\n")
        let error = try #require(result.parseErrors.first)
        #expect(error.message == "Unexpected `3`")
        #expect(hclSpan(error.range) == "2:7-2:8")
        #expect(result.parseErrors.count == 1)
        #expect(result.file.body.attributes.map(\.name) == ["a", "b", "c"])
    }

    @Test func missingValue() throws {
        let result = parseHCL("a =\nb = 2\n")
        let error = try #require(result.parseErrors.first)
        #expect(error.message == "Missing value after `=`")
        #expect(hclSpan(error.range) == "1:3-1:4")
        #expect(result.file.body.attributes.map(\.name) == ["b"])
    }
}
