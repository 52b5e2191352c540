import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ParapetCore
@testable import ParapetReport
import Testing

@Suite struct ReportFormatListTests {
    @Test func everyFormatIsFoundByItsNameAndNamesAreUnique() {
        #expect(Set(ReportFormat.all.map(\.name)).count == ReportFormat.all.count)
        for format in ReportFormat.all { #expect(ReportFormat.named(format.name) == format) }
        #expect(ReportFormat.named("xml") == nil)
    }

    @Test func onlyTextIsForPeople() {
        #expect(ReportFormat.all.filter(\.isForPeople) == [.text])
    }

    @Test func machineFormatsCarryNoColorEvenWhenAsked() {
        for format in ReportFormat.all where !format.isForPeople {
            #expect(!format.reporter(color: true).render(ReportSamples.report).contains("\u{1B}["), "\(format)")
        }
    }
}

@Suite struct GitHubReporterTests {
    /// Reads workflow commands back the way the Actions runner does: `::name k=v,k=v::message`,
    /// with `%XX` escapes undone.
    struct Command {
        var name: String
        var properties: [String: String]
        var message: String
    }

    static func parse(_ output: String) throws -> [Command] {
        try output.split(separator: "\n").map { line in
            #expect(line.hasPrefix("::"))
            let body = line.dropFirst(2)
            let separator = try #require(body.range(of: "::"))
            let head = body[..<separator.lowerBound], message = body[separator.upperBound...]
            let name = head.prefix { $0 != " " }
            var properties: [String: String] = [:]
            for pair in head.dropFirst(name.count).trimmingCharacters(in: .whitespaces).split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                try #require(parts.count == 2)
                properties[String(parts[0])] = unescape(String(parts[1]))
            }
            return Command(name: String(name), properties: properties, message: unescape(String(message)))
        }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",")
            .replacingOccurrences(of: "%25", with: "%")
    }

    @Test func oneCommandPerFindingWithFileLineColumnAndTitle() throws {
        let commands = try Self.parse(GitHubReporter().render(ReportSamples.report))
        #expect(commands.count == 5)
        #expect(commands.map(\.name) == ["warning", "error", "error", "notice", "notice"])
        let egress = commands[1]
        #expect(egress.properties == ["file": "main.tf", "line": "3", "endLine": "3", "col": "20", "endColumn": "31",
                                      "title": "EGR201 security-group-unrestricted-egress"])
        #expect(egress.message == "Security group `web` allows egress to `0.0.0.0/0`")
        #expect(commands[4].message == "chart/templates/x.yaml: Helm template skipped")
        for command in commands.dropLast() {
            #expect(command.properties["file"] != nil && command.properties["line"] != nil && command.properties["title"] != nil)
        }
    }

    @Test func messagesAndPathsCannotInjectCommands() throws {
        let hostile = Finding(code: "PIN301", severity: .error, message: "50% bad\n::error file=x::forged, really",
                              range: ReportSamples.range("a,b:c.yaml", 2, 1, 2, 5))
        let output = GitHubReporter().render(ReportSamples.single(hostile))
        #expect(output.split(separator: "\n").count == 1)
        let command = try #require(try Self.parse(output).first)
        #expect(command.message == "50% bad\n::error file=x::forged, really")
        #expect(command.properties["file"] == "a,b:c.yaml")
    }
}

@Suite struct GitLabReporterTests {
    private func issues(_ report: ScanReport) throws -> [[String: Any]] {
        let data = Data(GitLabReporter().render(report).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    /// The fields GitLab's Code Quality report requires, with their types and allowed severities.
    @Test func everyIssueHasTheRequiredFields() throws {
        let parsed = try issues(ReportSamples.report)
        #expect(parsed.count == 4)
        for issue in parsed {
            #expect(!(issue["description"] as? String ?? "").isEmpty)
            #expect(!(issue["check_name"] as? String ?? "").isEmpty)
            #expect(!(issue["fingerprint"] as? String ?? "").isEmpty)
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = try #require(issue["location"] as? [String: Any])
            #expect(!(location["path"] as? String ?? "").isEmpty)
            let lines = try #require(location["lines"] as? [String: Int])
            #expect((lines["begin"] ?? 0) >= 1)
        }
        let egress = parsed[1]
        #expect(egress["check_name"] as? String == "EGR201 security-group-unrestricted-egress")
        #expect(egress["severity"] as? String == "major")
        #expect(egress["fingerprint"] as? String == ReportSamples.egressFinding.fingerprint)
        #expect((egress["location"] as? [String: Any])?["path"] as? String == "main.tf")
        #expect(((egress["location"] as? [String: Any])?["lines"] as? [String: Int])?["begin"] == 3)
    }

    @Test func repeatedFingerprintsAreMadeUnique() throws {
        var second = ReportSamples.egressFinding
        second.range = ReportSamples.range("main.tf", 9, 1, 9, 4)
        let report = ScanReport(findings: [ReportSamples.egressFinding, second], rules: [ReportSamples.egressRule],
                                files: [], toolVersion: "0.1.0", workingDirectory: "/w")
        let fingerprints = try issues(report).compactMap { $0["fingerprint"] as? String }
        #expect(fingerprints.count == 2)
        #expect(Set(fingerprints).count == 2)
    }
}

@Suite struct JUnitReporterTests {
    /// Collects elements and attributes with Foundation's XMLParser: the document must be
    /// well-formed XML for it to be read at all.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text.append(string) }
    }

    private func parse(_ report: ScanReport) throws -> Collector {
        let parser = XMLParser(data: Data(JUnitReporter().render(report).utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        return collector
    }

    @Test func failingCasePerRuleAndFileAndPassingCasePerCleanFile() throws {
        let xml = try parse(ReportSamples.report)
        #expect(xml.elements.first?.name == "testsuites")
        let suite = try #require(xml.elements.first { $0.name == "testsuite" })
        #expect(suite.attributes["name"] == "parapet")
        let cases = xml.elements.filter { $0.name == "testcase" }
        let failures = xml.elements.filter { $0.name == "failure" }
        // Four findings in four (rule, file) pairs; every scanned file has a finding.
        #expect(cases.count == 4)
        #expect(failures.count == 4)
        #expect(suite.attributes["tests"] == "4")
        #expect(suite.attributes["failures"] == "4")
        for testCase in cases {
            #expect(testCase.attributes["name"] != nil && testCase.attributes["classname"] != nil)
        }
        for failure in failures { #expect(failure.attributes["message"] != nil && failure.attributes["type"] != nil) }
        #expect(cases.contains { $0.attributes["name"] == "EGR201 security-group-unrestricted-egress" && $0.attributes["classname"] == "main.tf" })
    }

    @Test func twoFindingsOfOneRuleInOneFileAreOneCaseWithTwoFailures() throws {
        var second = ReportSamples.egressFinding
        second.range = ReportSamples.range("main.tf", 9, 1, 9, 4)
        let report = ScanReport(findings: [ReportSamples.egressFinding, second], rules: [ReportSamples.egressRule],
                                files: [ScannedFile(path: "main.tf", kind: "terraform"), ScannedFile(path: "ok.tf", kind: "terraform")],
                                toolVersion: "0.1.0", workingDirectory: "/w")
        let xml = try parse(report)
        let cases = xml.elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["classname"] } == ["main.tf", "ok.tf"])
        #expect(xml.elements.filter { $0.name == "failure" }.count == 2)
        #expect(xml.elements.first { $0.name == "testsuite" }?.attributes["failures"] == "1")
    }

    @Test func controlCharactersAndMarkupStayWellFormed() throws {
        let xml = try parse(ReportSamples.single(ReportSamples.parseFinding, rules: [ReportSamples.parseRule]))
        let failure = try #require(xml.elements.first { $0.name == "failure" })
        #expect(failure.attributes["message"] == "Unexpected character `\u{FFFD}[31m` in `mcp.json`")
        let hostile = Finding(code: "PIN301", severity: .error, message: "<a href=\"x\">&</a>", range: .fileStart("a.yaml"))
        let parsed = try parse(ReportSamples.single(hostile))
        #expect(parsed.elements.first { $0.name == "failure" }?.attributes["message"] == "<a href=\"x\">&</a>")
    }
}
