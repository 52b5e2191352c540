import Foundation
import ParapetCore
@testable import ParapetReport
import ParapetTestSupport
import Testing

@Suite struct SARIFReporterTests {
    private let log = SARIFReporter().log(for: ReportSamples.report)
    private var run: SARIFLog.Run { log.runs[0] }

    private func result(_ code: String, _ path: String) throws -> SARIFLog.Result {
        try #require(run.results.first { $0.ruleId == code && $0.locations[0].physicalLocation.artifactLocation.uri == path })
    }

    @Test func logHasVersionSchemaAndOneRunWithCodePointColumns() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter().render(ReportSamples.report).utf8)) as? [String: Any])
        #expect(json["version"] as? String == "2.1.0")
        #expect((json["$schema"] as? String)?.hasSuffix("sarif-schema-2.1.0.json") == true)
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs[0]["columnKind"] as? String == "unicodeCodePoints")
        #expect((runs[0]["automationDetails"] as? [String: String])?["id"] == "parapet/scan/")
    }

    @Test func driverDescribesParapetAndEveryRuleThatRanSortedByCode() {
        let driver = run.tool.driver
        #expect(driver.name == "Parapet")
        #expect(driver.informationUri == "https://github.com/parapet-dev/parapet")
        #expect(driver.semanticVersion == "0.1.0")
        #expect(driver.rules.map(\.id) == ["EGR201", "PAR001", "PIN301"])
    }

    @Test func ruleDescriptorCarriesMetadataForCodeScanning() throws {
        let rule = try #require(run.tool.driver.rules.first { $0.id == "EGR201" })
        #expect(rule.name == "security-group-unrestricted-egress")
        #expect(rule.shortDescription.text == ReportSamples.egressRule.summary)
        #expect(rule.fullDescription.text == ReportSamples.egressRule.rationale)
        #expect(rule.help.text.contains(ReportSamples.egressRule.remediation))
        let markdown = try #require(rule.help.markdown)
        #expect(markdown.contains("## Why it matters") && markdown.contains("## How to fix"))
        #expect(markdown.contains("```hcl\nresource") && !markdown.contains("↓"))
        #expect(rule.defaultConfiguration.level == "error")
        #expect(rule.properties.tags == ["egress", "security", "terraform", "aws"])
        #expect(rule.properties.precision == "high")
        #expect(rule.properties.securitySeverity == "7.5")
        #expect(rule.properties.problemSeverity == nil)
    }

    @Test func securitySeverityIsAOneDecimalScoreInRange() {
        #expect(RuleDescriptor.score(4.25) == "4.3")
        #expect(RuleDescriptor.score(10) == "10.0")
        #expect(RuleDescriptor.score(0) == "0.1")
        #expect(RuleDescriptor.score(42) == "10.0")
        #expect(RuleDescriptor.score(.nan) == "5.0")
    }

    @Test func metaRulesAreQualityNotSecurityAlerts() throws {
        let rule = try #require(run.tool.driver.rules.first { $0.id == "PAR001" })
        #expect(rule.properties.securitySeverity == nil)
        #expect(rule.properties.problemSeverity == "error")
        #expect(!rule.properties.tags.contains("security"))
    }

    @Test func everyRuleIndexPointsAtItsRule() {
        #expect(run.results.count == 4)
        for result in run.results {
            #expect(run.tool.driver.rules[result.ruleIndex].id == result.ruleId)
        }
    }

    @Test func findingsOfUnlistedRulesGetAPlaceholderRule() {
        let finding = Finding(code: "XYZ001", severity: .note, message: "m", range: .fileStart("a.tf"))
        let log = SARIFReporter().log(for: ReportSamples.single(finding))
        let result = log.runs[0].results[0]
        #expect(log.runs[0].tool.driver.rules[result.ruleIndex].id == "XYZ001")
    }

    @Test func regionsAreOneBasedWithExclusiveEndColumn() throws {
        #expect(try result("EGR201", "main.tf").locations[0].physicalLocation.region
                == .init(startLine: 3, startColumn: 20, endLine: 3, endColumn: 31))
        #expect(try result("PAR001", "agents/my%20agent/mcp.json").locations[0].physicalLocation.region
                == .init(startLine: 1, startColumn: 1, endLine: 1, endColumn: 2))
    }

    @Test func regionsAreNeverBelowLineOne() {
        let zero = SourceRange(path: "a", start: SourcePosition(line: 0, column: 0, offset: 0),
                               end: SourcePosition(line: 0, column: 0, offset: 0))
        #expect(SARIFReporter.region(zero) == .init(startLine: 1, startColumn: 1, endLine: 1, endColumn: 2))
    }

    @Test func relativeURIsUseSourceRootAndAbsoluteOnesAreFileURIs() throws {
        #expect(run.originalUriBaseIds == ["%SRCROOT%": .init(uri: "file:///work/project/")])
        let relative = try result("EGR201", "main.tf").locations[0].physicalLocation.artifactLocation
        #expect(relative == .init(uri: "main.tf", uriBaseId: "%SRCROOT%"))
        let absolute = try result("PIN301", "file:///opt/shared%20modules/net.tf").locations[0].physicalLocation.artifactLocation
        #expect(absolute.uriBaseId == nil)
    }

    @Test func relatedLocationsHaveIdsAndMessages() throws {
        let related = try #require(try result("EGR201", "main.tf").relatedLocations)
        #expect(related.count == 1)
        #expect(related[0].id == 1)
        #expect(related[0].message?.text == "security group `web` is declared here")
        #expect(related[0].physicalLocation.region == .init(startLine: 1, startColumn: 1, endLine: 1, endColumn: 37))
    }

    @Test func resultsCarryParapetFingerprintAndNodeAddress() throws {
        let egress = try result("EGR201", "main.tf")
        #expect(egress.partialFingerprints == ["parapet/v1": ReportSamples.egressFinding.fingerprint])
        #expect(egress.properties == .init(address: "aws_security_group.web", attributePath: "egress[0].cidr_blocks"))
        #expect(egress.level == "error")
        #expect(try result("PAR001", "agents/my%20agent/mcp.json").properties == nil)
    }

    @Test func notesBecomeToolExecutionNotifications() {
        let invocation = run.invocations[0]
        #expect(invocation.executionSuccessful)
        #expect(invocation.toolExecutionNotifications == [.init(level: "note", message: .init(text: "chart/templates/x.yaml: Helm template skipped"))])
    }

    @Test func outputDecodesBackToTheSameLog() throws {
        let decoded = try JSONDecoder().decode(SARIFLog.self, from: Data(SARIFReporter().render(ReportSamples.report).utf8))
        #expect(decoded == log)
    }

    @Test func sameReportGivesSameBytesAndMatchesTheGoldenFile() {
        let first = SARIFReporter().render(ReportSamples.report)
        #expect(first == SARIFReporter().render(ReportSamples.report))
        // `.sarif.json`: the repository ignores `*.sarif`.
        assertSnapshot(first, at: fixturesRoot.appendingPathComponent("report/sample.sarif.json"))
    }
}
