@testable import ParapetReport
import Testing

@Suite struct CodeFrameTests {
    /// The text of the displayed line under the marker, found by terminal columns (all the
    /// characters used here are one column wide).
    private func marked(_ frame: CodeFrame) -> String {
        String(Array(frame.text)[frame.markerStart..<(frame.markerStart + frame.markerWidth)])
    }

    @Test func markerCoversTheRangeOnAnASCIILine() {
        let frame = CodeFrame(line: #"    cidr_blocks = ["0.0.0.0/0"]"#, startColumn: 20, endColumn: 31)
        #expect(frame.markerStart == 19)
        #expect(frame.marker == "^" + String(repeating: "~", count: 10))
        #expect(marked(frame) == #""0.0.0.0/0""#)
    }

    @Test func columnsCountCodePointsNotBytes() {
        // `é` and `ñ` are two bytes each but one column.
        let frame = CodeFrame(line: #"metadata: {name: "café-ñ"}"#, startColumn: 18, endColumn: 26)
        #expect(marked(frame) == #""café-ñ""#)
    }

    @Test func wideCharactersShiftTheMarkerByTwoColumns() {
        let frame = CodeFrame(line: "名前: nginx", startColumn: 5, endColumn: 10)
        #expect(frame.markerStart == 6)
        #expect(frame.markerWidth == 5)
    }

    @Test func tabsExpandToTabStopsAndTheMarkerFollows() {
        let frame = CodeFrame(line: "\timage:\tnginx", startColumn: 9, endColumn: 14)
        #expect(frame.text == "    image:  nginx")
        #expect(marked(frame) == "nginx")
        let tabInside = CodeFrame(line: "a\tb", startColumn: 1, endColumn: 4)
        #expect(tabInside.markerWidth == 5)
    }

    @Test func controlCharactersInCodeAreVisibleAndKeepTheMarkerAligned() {
        let frame = CodeFrame(line: "x: \u{1B}[31mred", startColumn: 9, endColumn: 12)
        #expect(frame.text == "x: ␛[31mred")
        #expect(marked(frame) == "red")
        let bidi = CodeFrame(line: "a\u{202E}b", startColumn: 3, endColumn: 4)
        #expect(bidi.text == "a<U+202E>b")
        #expect(bidi.markerStart == 9)
    }

    @Test func emptyRangeAndRangeAtEndOfLineGetOneCaret() {
        let empty = CodeFrame(line: "abc", startColumn: 2, endColumn: 2)
        #expect(empty.markerStart == 1)
        #expect(empty.marker == "^")
        let atEnd = CodeFrame(line: "abc", startColumn: 4, endColumn: 5)
        #expect(atEnd.markerStart == 3)
        #expect(atEnd.marker == "^")
        let emptyLine = CodeFrame(line: "", startColumn: 1, endColumn: 1)
        #expect(emptyLine.markerStart == 0)
        #expect(emptyLine.marker == "^")
    }

    @Test func rangeOverSeveralLinesMarksTheRestOfTheFirst() {
        let frame = CodeFrame(line: "egress {", startColumn: 1, endColumn: nil)
        #expect(frame.marker == "^~~~~~~~")
    }

    @Test func longLinesShowAWindowAroundTheRange() {
        let line = String(repeating: "a", count: 1000) + "TARGET" + String(repeating: "b", count: 1000)
        let frame = CodeFrame(line: line, startColumn: 1001, endColumn: 1007)
        #expect(frame.text.count == CodeFrame.maxShownScalars + 2)
        #expect(frame.text.hasPrefix("…") && frame.text.hasSuffix("…"))
        #expect(marked(frame) == "TARGET")
    }
}
