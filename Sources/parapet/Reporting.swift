import ArgumentParser
import ParapetCore
import ParapetReport
import ParapetRules

extension ReportFormat: ExpressibleByArgument {
    public init?(argument: String) {
        guard let format = ReportFormat.named(argument) else { return nil }
        self = format
    }

    public static var allValueStrings: [String] { all.map(\.name) }
    public var defaultValueDescription: String { name }
}

enum Reporting {
    static func render(_ result: ScanResult, format: ReportFormat, color: Bool, workingDirectory: String, notes: [String] = []) -> String {
        let report = ScanReport(findings: result.findings, rules: result.rules,
                                files: result.files.map { ParapetReport.ScannedFile(path: $0.path, kind: $0.kind.rawValue) },
                                notes: result.notes + notes, toolVersion: Parapet.version, workingDirectory: workingDirectory)
        let sources = result.sources
        return format.reporter(color: color, sources: { sources[$0] }).render(report)
    }
}
