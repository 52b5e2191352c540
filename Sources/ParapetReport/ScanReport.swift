import ParapetCore

/// Everything a reporter needs about one scan, gathered by the command line after suppression
/// and baseline filtering.
public struct ScanReport: Sendable {
    /// The findings to report, in the order they are shown (normally `Finding.reportOrder`).
    public var findings: [Finding]
    /// Every rule that ran, whether or not it fired: SARIF lists them all in `driver.rules`, so
    /// that code scanning can close alerts of rules that stopped firing.
    public var rules: [RuleMetadata]
    /// What was scanned, for the "in N files" summary and the JSON `files` list.
    public var files: [ScannedFile]
    /// Things the user should know that are not findings (a Helm template skipped).
    public var notes: [String]
    public var toolVersion: String
    /// Absolute path that relative `SourceRange.path`s are relative to (SARIF `%SRCROOT%`).
    public var workingDirectory: String

    public init(findings: [Finding], rules: [RuleMetadata], files: [ScannedFile], notes: [String] = [],
                toolVersion: String, workingDirectory: String) {
        self.findings = findings
        self.rules = rules
        self.files = files
        self.notes = notes
        self.toolVersion = toolVersion
        self.workingDirectory = workingDirectory
    }

    /// Rules by code; the first wins if a code is listed twice.
    public var rulesByCode: [String: RuleMetadata] {
        Dictionary(rules.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var summary: ReportSummary { ReportSummary(self) }
}

/// One scanned file and what Parapet read it as.
public struct ScannedFile: Hashable, Sendable {
    /// Relative to the working directory, or absolute when outside it (as in `SourceRange`).
    public var path: String
    /// The file kind's name, such as `terraform`, `kubernetes`, `mcp-config`.
    public var kind: String

    public init(path: String, kind: String) {
        self.path = path
        self.kind = kind
    }
}

/// Counts shown at the end of the text report and in the JSON `summary`.
public struct ReportSummary: Hashable, Sendable {
    public var errors = 0
    public var warnings = 0
    public var notes = 0
    public var files: Int
    /// Findings per rule code, sorted by count (most first), then code.
    public var perCode: [(code: String, count: Int)] {
        countsByCode.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { (code: $0.key, count: $0.value) }
    }

    public var total: Int { errors + warnings + notes }

    private var countsByCode: [String: Int] = [:]

    public init(_ report: ScanReport) {
        files = report.files.count
        for finding in report.findings {
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
            countsByCode[finding.code, default: 0] += 1
        }
    }
}
