import Foundation
import ParapetCore
@testable import ParapetReport
import ParapetTestSupport
import Testing

@Suite struct TextReporterTests {
    private let reporter = TextReporter(sources: ReportSamples.sources)

    private func lines(_ report: ScanReport, _ reporter: TextReporter? = nil) -> [String] {
        (reporter ?? self.reporter).render(report).components(separatedBy: "\n")
    }

    @Test func findingLineIsPathLineColumnSeverityCodeMessage() {
        let output = lines(ReportSamples.single(ReportSamples.egressFinding))
        #expect(output[0] == "main.tf:3:20: error EGR201 Security group `web` allows egress to `0.0.0.0/0`")
    }

    @Test func codeFrameShowsTheLineWithTheMarkerUnderTheRange() {
        let output = lines(ReportSamples.single(ReportSamples.egressFinding))
        #expect(output[1] == #" 3 |     cidr_blocks = ["0.0.0.0/0"]"#)
        #expect(output[2] == "   | " + String(repeating: " ", count: 19) + "^" + String(repeating: "~", count: 10))
        let codeStart = output[1].distance(from: output[1].startIndex, to: output[1].firstIndex(of: "\"")!)
        #expect(output[2].firstIndex(of: "^").map { output[2].distance(from: output[2].startIndex, to: $0) } == codeStart)
    }

    @Test func markerLinesUpOnATabbedLineAfterAMultibyteLine() {
        let output = lines(ReportSamples.single(ReportSamples.imageFinding, rules: [ReportSamples.pinningRule]))
        #expect(output[1] == " 4 |     image: nginx:latest")
        #expect(output[2] == "   |            ^~~~~~~~~~~~")
    }

    @Test func relatedLocationsAreIndentedNotes() {
        let output = lines(ReportSamples.single(ReportSamples.egressFinding))
        #expect(output[3] == "  = main.tf:1:1: note: security group `web` is declared here")
    }

    @Test func withoutSourcesEachFindingIsOneLinePlusNotes() {
        let output = lines(ReportSamples.report, TextReporter())
        #expect(output[0] == "k8s/deploy.yaml:4:9: warning PIN301 Image `nginx:latest` uses a moving tag")
        #expect(output[1].hasPrefix("main.tf:3:20: error EGR201"))
        #expect(output[2].hasPrefix("  = main.tf:1:1: note:"))
        #expect(output[3] == "")
        #expect(output[4].hasPrefix("agents/my agent/mcp.json:1:1: error PAR001"))
    }

    @Test func controlCharactersFromScannedContentAreNeverPrintedRaw() {
        let hostile = Finding(
            code: "EGR201", severity: .error, message: "Value `\u{1B}]0;pwned\u{7}` hides \u{202E}this\nline",
            range: ReportSamples.range("evil\u{1B}[2J.tf", 1, 1, 1, 4),
            related: [RelatedLocation(range: ReportSamples.range("a.tf", 1, 1, 1, 1), message: "see \u{9B}here")])
        let source = SourceFile(path: "evil\u{1B}[2J.tf", text: "x = \"\u{1B}[31m\"\n")
        let report = ScanReport(findings: [hostile], rules: [], files: [], notes: ["skipped \u{1B}[1m.yaml"],
                                toolVersion: "0", workingDirectory: "/w")
        let output = TextReporter(sources: [source.path: source]).render(report)
        #expect(!output.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" })
        #expect(output.contains("evil␛[2J.tf:1:1: error EGR201 Value `␛]0;pwned␇` hides <U+202E>this␊line"))
        #expect(output.contains(#" 1 | x = "␛[31m""#))
        #expect(output.contains("see <U+009B>here"))
        #expect(output.contains("info: skipped ␛[1m.yaml"))
    }

    @Test func colorIsOffByDefault() {
        #expect(!TextReporter(sources: ReportSamples.sources).render(ReportSamples.report).contains("\u{1B}"))
    }

    @Test func colorWrapsLocationSeverityAndMarker() {
        let output = TextReporter(color: true, sources: ReportSamples.sources).render(ReportSamples.single(ReportSamples.egressFinding))
        #expect(output.hasPrefix("\u{1B}[1mmain.tf:3:20:\u{1B}[0m \u{1B}[1;31merror\u{1B}[0m \u{1B}[1mEGR201\u{1B}[0m Security"))
        #expect(output.contains("\u{1B}[1;31m^" + String(repeating: "~", count: 10) + "\u{1B}[0m"))
    }

    @Test func summaryCountsBySeverityFilesAndCode() {
        let output = TextReporter().render(ReportSamples.report)
        #expect(output.hasSuffix("""
            Found 4 problems (2 errors, 1 warning, 1 note) in 3 files
              2  PIN301  image-not-pinned
              1  EGR201  security-group-unrestricted-egress
              1  PAR001  parse-error

            """))
    }

    @Test func cleanScanSaysNoProblems() {
        let report = ScanReport(findings: [], rules: [], files: [ScannedFile(path: "a.tf", kind: "terraform")],
                                toolVersion: "0", workingDirectory: "/w")
        #expect(TextReporter().render(report) == "No problems found in 1 file\n")
    }

    @Test func outputIsDeterministicAndMatchesTheGoldenFile() {
        let first = reporter.render(ReportSamples.report)
        #expect(first == reporter.render(ReportSamples.report))
        assertSnapshot(first, at: fixturesRoot.appendingPathComponent("report/sample.txt"))
    }
}
