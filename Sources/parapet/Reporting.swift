import ParapetCore
import ParapetRules

enum Reporting {
    static func render(_ result: ScanResult, format: OutputFormat, color: Bool, workingDirectory: String) -> String {
        var out = ""
        for finding in result.findings {
            out += "\(finding.range.path):\(finding.range.start.line):\(finding.range.start.column): \(finding.severity.rawValue) \(finding.code) \(finding.message)\n"
        }
        return out
    }
}
