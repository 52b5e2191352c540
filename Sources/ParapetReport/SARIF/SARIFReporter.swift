import ParapetCore

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule that ran
/// in `tool.driver.rules`, results with real regions, URIs relative to `%SRCROOT%` and
/// Parapet's own line-independent fingerprint.
public struct SARIFReporter: Reporter {
    public static let toolName = "Parapet"
    public static let informationURI = "https://github.com/parapet-dev/parapet"
    /// Key of Parapet's fingerprint in `partialFingerprints`; the version changes if the
    /// fingerprint's recipe does. GitHub's own `primaryLocationLineHash` is left to upload-sarif.
    public static let fingerprintKey = "parapet/v1"
    static let sourceRoot = "%SRCROOT%"

    /// `run.automationDetails.id`: `category/run-id`. Uploads with different categories for one
    /// commit (say one per scanned folder) must differ here.
    public var automationID: String

    public init(automationID: String = "parapet/scan/") {
        self.automationID = automationID
    }

    public func render(_ report: ScanReport) -> String {
        encodeDeterministically(log(for: report)) + "\n"
    }

    func log(for report: ScanReport) -> SARIFLog {
        let rules = ruleList(report)
        let indexByCode = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let baseURI = FileURI.fileURI(absolutePath: report.workingDirectory, directory: true)
        let notifications = report.notes.map { SARIFLog.Notification(level: "note", message: .init(text: $0)) }
        let run = SARIFLog.Run(
            tool: .init(driver: .init(name: Self.toolName, informationUri: Self.informationURI,
                                      semanticVersion: report.toolVersion, version: report.toolVersion, rules: rules)),
            automationDetails: .init(id: automationID),
            originalUriBaseIds: [Self.sourceRoot: .init(uri: baseURI)],
            invocations: [.init(executionSuccessful: true, workingDirectory: .init(uri: baseURI),
                                toolExecutionNotifications: notifications.isEmpty ? nil : notifications)],
            // `ruleList` has a descriptor for every finding's code, so the lookup cannot fail.
            results: report.findings.map { result(for: $0, ruleIndex: indexByCode[$0.code]!) })
        return SARIFLog(runs: [run])
    }

    /// The rules that ran, sorted by code, plus a bare descriptor for any finding whose rule
    /// was not passed in, so that every result's `ruleIndex` points at its rule.
    private func ruleList(_ report: ScanReport) -> [SARIFLog.ReportingDescriptor] {
        let known = report.rulesByCode
        let unknownCodes = Set(report.findings.map(\.code)).subtracting(known.keys)
        let described = known.values.map(RuleDescriptor.make) + unknownCodes.map(RuleDescriptor.placeholder)
        return described.sorted { $0.id < $1.id }
    }

    private func result(for finding: Finding, ruleIndex: Int) -> SARIFLog.Result {
        let related = finding.related.enumerated().map { index, location in
            SARIFLog.Location(id: index + 1, physicalLocation: physicalLocation(location.range),
                              message: .init(text: location.message))
        }
        let properties = finding.address == nil && finding.attributePath == nil
            ? nil : SARIFLog.ResultProperties(address: finding.address, attributePath: finding.attributePath)
        return SARIFLog.Result(
            ruleId: finding.code, ruleIndex: ruleIndex, level: finding.severity.rawValue,
            // SARIF and GitHub reject an empty message; the code at least says what fired.
            message: .init(text: finding.message.isEmpty ? finding.code : finding.message),
            locations: [.init(physicalLocation: physicalLocation(finding.range))],
            relatedLocations: related.isEmpty ? nil : related,
            partialFingerprints: [Self.fingerprintKey: finding.fingerprint],
            properties: properties)
    }

    private func physicalLocation(_ range: SourceRange) -> SARIFLog.PhysicalLocation {
        let (uri, isRelative) = FileURI.reference(for: range.path)
        return .init(artifactLocation: .init(uri: uri, uriBaseId: isRelative ? Self.sourceRoot : nil),
                     region: Self.region(range))
    }

    /// SARIF positions are 1-based and the end column is exclusive, like `SourceRange`. An
    /// empty range (a finding about a whole file sits at 1:1–1:1) gets one character, since
    /// viewers cannot show a region that covers nothing.
    static func region(_ range: SourceRange) -> SARIFLog.Region {
        let startLine = max(1, range.start.line), startColumn = max(1, range.start.column)
        var endLine = range.end.line, endColumn = range.end.column
        if (endLine, endColumn) <= (startLine, startColumn) {
            endLine = startLine
            endColumn = startColumn + 1
        }
        return .init(startLine: startLine, startColumn: startColumn, endLine: endLine, endColumn: endColumn)
    }
}
