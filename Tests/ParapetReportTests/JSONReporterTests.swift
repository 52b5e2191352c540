import Foundation
import ParapetCore
@testable import ParapetReport
import ParapetTestSupport
import Testing

@Suite struct JSONReporterTests {
    private func parse(_ report: ScanReport) throws -> [String: Any] {
        let data = Data(JSONReporter().render(report).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func documentHasVersionToolFilesNotesAndSummary() throws {
        let json = try parse(ReportSamples.report)
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["tool"] as? [String: String] == ["name": "parapet", "version": "0.1.0"])
        let files = try #require(json["files"] as? [[String: String]])
        #expect(files.first == ["path": "agents/my agent/mcp.json", "kind": "mcp-config"])
        #expect(json["notes"] as? [String] == ["chart/templates/x.yaml: Helm template skipped"])
        #expect(json["summary"] as? [String: Int] == ["errors": 2, "warnings": 1, "notes": 1, "files": 3])
    }

    @Test func findingCarriesRuleRangeRelatedAndFingerprint() throws {
        let findings = try #require(try parse(ReportSamples.report)["findings"] as? [[String: Any]])
        #expect(findings.count == 4)
        let egress = findings[1]
        #expect(egress["code"] as? String == "EGR201")
        #expect(egress["name"] as? String == "security-group-unrestricted-egress")
        #expect(egress["family"] as? String == "egress")
        #expect(egress["severity"] as? String == "error")
        #expect(egress["message"] as? String == "Security group `web` allows egress to `0.0.0.0/0`")
        #expect(egress["path"] as? String == "main.tf")
        let range = try #require(egress["range"] as? [String: [String: Int]])
        #expect(range["start"] == ["line": 3, "column": 20, "offset": 320])
        #expect(range["end"] == ["line": 3, "column": 31, "offset": 331])
        let related = try #require(egress["related"] as? [[String: Any]])
        #expect(related.first?["path"] as? String == "main.tf")
        #expect(related.first?["message"] as? String == "security group `web` is declared here")
        #expect(egress["address"] as? String == "aws_security_group.web")
        #expect(egress["attributePath"] as? String == "egress[0].cidr_blocks")
        #expect(egress["fingerprint"] as? String == ReportSamples.egressFinding.fingerprint)
    }

    @Test func absentValuesAreNullNotMissing() throws {
        let unknownRule = Finding(code: "XYZ001", severity: .note, message: "m", range: .fileStart("a.tf"))
        let finding = try #require((try parse(ReportSamples.single(unknownRule))["findings"] as? [[String: Any]])?.first)
        for key in ["name", "family", "address", "attributePath"] {
            #expect(finding[key] is NSNull, "\(key)")
        }
        #expect(finding.count == 11)
    }

    @Test func controlCharactersAreEscapedByJSON() {
        let output = JSONReporter().render(ReportSamples.report)
        #expect(output.contains(#"Unexpected character `\u001b[31m`"#))
        #expect(!output.contains("\u{1B}"))
    }

    @Test func sameReportGivesSameBytesAndMatchesTheGoldenFile() {
        let first = JSONReporter().render(ReportSamples.report)
        #expect(first == JSONReporter().render(ReportSamples.report))
        assertSnapshot(first, at: fixturesRoot.appendingPathComponent("report/sample.json"))
    }
}
