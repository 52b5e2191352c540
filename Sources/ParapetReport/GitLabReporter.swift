import ParapetCore

extension ReportFormat {
    public static let gitlab = ReportFormat(name: "gitlab", summary: "GitLab Code Quality JSON") { _ in GitLabReporter() }
}

/// GitLab Code Quality: a JSON array of issues, each with `description`, `check_name`,
/// `fingerprint`, `severity` and `location.path` / `location.lines.begin` (the fields GitLab
/// requires; it shows them in the merge request widget and diff).
///
/// GitLab treats two issues with one fingerprint as one, so a fingerprint that repeats in a
/// report (two findings of a rule with the same subject in one file) is made unique by its
/// occurrence number, which stays stable while the findings keep their order.
public struct GitLabReporter: Reporter {
    public init() {}

    public func render(_ report: ScanReport) -> String {
        let rules = report.rulesByCode
        var seen: [String: Int] = [:]
        let issues = report.findings.map { finding in
            let base = finding.fingerprint
            let occurrence = seen[base, default: 0]
            seen[base] = occurrence + 1
            let fingerprint = occurrence == 0 ? base : StableHash.hex("\(base)\u{1F}\(occurrence)")
            return Issue(
                description: finding.message.isEmpty ? finding.code : finding.message,
                check_name: rules[finding.code].map { "\(finding.code) \($0.name)" } ?? finding.code,
                fingerprint: fingerprint,
                severity: Self.severity(finding.severity),
                location: Location(path: finding.range.path,
                                   lines: Lines(begin: max(1, finding.range.start.line),
                                                end: max(1, finding.range.start.line, finding.range.end.line))))
        }
        return encodeDeterministically(issues) + "\n"
    }

    /// GitLab's scale is info, minor, major, critical, blocker.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .note: "info"
        }
    }

    struct Issue: Encodable {
        let description: String
        let check_name: String
        let fingerprint: String
        let severity: String
        let location: Location
        var type = "issue"
        var categories = ["Security"]
    }

    struct Location: Encodable {
        let path: String
        let lines: Lines
    }

    struct Lines: Encodable {
        let begin: Int
        let end: Int
    }
}
