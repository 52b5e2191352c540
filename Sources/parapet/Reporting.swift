import ParapetCore
import ParapetReport
import ParapetRules

enum Reporting {
    static func render(_ result: ScanResult, format: OutputFormat, color: Bool, workingDirectory: String) -> String {
        let report = ScanReport(findings: result.findings, rules: result.rules,
                                files: result.files.map { ParapetReport.ScannedFile(path: $0.path, kind: $0.kind.rawValue) },
                                notes: result.notes, toolVersion: Parapet.version, workingDirectory: workingDirectory)
        let reportFormat: ReportFormat = switch format {
        case .text: .text
        case .json: .json
        case .sarif: .sarif
        }
        let sources = result.sources
        return reportFormat.reporter(color: color, sources: { sources[$0] }).render(report)
    }
}
