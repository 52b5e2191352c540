import ParapetCore

extension ReportFormat {
    public static let junit = ReportFormat(name: "junit", summary: "JUnit XML for CI test reports") { _ in JUnitReporter() }
}

/// JUnit XML, as CI systems (GitLab, Jenkins, Azure) read test reports: one test suite, one
/// failing test case per rule and file with one `<failure>` per finding, and one passing test
/// case per scanned file without findings (listing every rule × file would be tens of thousands
/// of cases on a real repository).
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: ScanReport) -> String {
        let rules = report.rulesByCode
        var cases: [(file: String, code: String, findings: [Finding])] = []
        var index: [String: Int] = [:]
        for finding in report.findings {
            let key = "\(finding.range.path)\u{1F}\(finding.code)"
            if let at = index[key] { cases[at].findings.append(finding) } else {
                index[key] = cases.count
                cases.append((finding.range.path, finding.code, [finding]))
            }
        }
        let withFindings = Set(report.findings.map(\.range.path))
        let clean = report.files.map(\.path).filter { !withFindings.contains($0) }
        // `failures` counts failed test cases, as JUnit readers expect; each holds its findings.
        let failures = cases.count
        let tests = cases.count + clean.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"parapet\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml += "  <testsuite name=\"parapet\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for testCase in cases {
            let name = rules[testCase.code].map { "\(testCase.code) \($0.name)" } ?? testCase.code
            xml += "    <testcase name=\"\(Self.escape(name))\" classname=\"\(Self.escape(testCase.file))\" file=\"\(Self.escape(testCase.file))\">\n"
            for finding in testCase.findings {
                let location = "\(finding.range.path):\(finding.range.start.line):\(finding.range.start.column)"
                xml += "      <failure message=\"\(Self.escape(finding.message))\" type=\"\(Self.escape(finding.code))\">"
                xml += Self.escape("\(location): \(finding.severity.rawValue) \(finding.code) \(finding.message)") + "</failure>\n"
            }
            xml += "    </testcase>\n"
        }
        for file in clean {
            xml += "    <testcase name=\"parapet\" classname=\"\(Self.escape(file))\" file=\"\(Self.escape(file))\"/>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// XML-escapes text for attributes and character data. Characters XML 1.0 cannot carry at all
    /// (most C0 controls, such as ESC from a hostile file name) become U+FFFD, so the document
    /// always parses.
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\n": output += "&#10;"
            case "\r": output += "&#13;"
            case "\t": output += "&#9;"
            default:
                let value = scalar.value
                if value < 0x20 || (0xD800...0xDFFF).contains(value) || value == 0xFFFE || value == 0xFFFF {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}
