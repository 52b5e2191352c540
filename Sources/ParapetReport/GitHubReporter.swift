import ParapetCore

extension ReportFormat {
    public static let github = ReportFormat(name: "github", summary: "GitHub Actions annotations") { _ in GitHubReporter() }
}

/// GitHub Actions workflow commands, one per finding, which the runner turns into annotations on
/// the pull request's diff:
///
///     ::error file=main.tf,line=3,endLine=3,col=20,endColumn=31,title=EGR201 security-group-unrestricted-egress::Security group …
///
/// Notes become `::notice`. Values are escaped as the runner expects (`%`, CR, LF everywhere;
/// also `:` and `,` in properties), so a message cannot end the command early or inject another;
/// other control characters are shown as visible stand-ins.
public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ report: ScanReport) -> String {
        let rules = report.rulesByCode
        var output = ""
        for finding in report.findings {
            let command = switch finding.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            let range = finding.range
            var properties = [("file", range.path), ("line", String(max(1, range.start.line)))]
            if range.end.line >= range.start.line, range.end.line > 0 { properties.append(("endLine", String(range.end.line))) }
            properties.append(("col", String(max(1, range.start.column))))
            if range.end.line == range.start.line, range.end.column > range.start.column {
                properties.append(("endColumn", String(range.end.column)))
            }
            let title = rules[finding.code].map { "\(finding.code) \($0.name)" } ?? finding.code
            properties.append(("title", title))
            let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
            let message = finding.message.isEmpty ? finding.code : finding.message
            output += "::\(command) \(list)::\(Self.escapeData(message))\n"
        }
        for note in report.notes {
            output += "::notice title=Parapet::\(Self.escapeData(note))\n"
        }
        return output
    }

    /// Escapes for the runner, then shows any other control character (ESC from a hostile file)
    /// as its visible stand-in, since the command is also printed in the job's log.
    static func escapeData(_ text: String) -> String {
        TerminalText.visible(text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A"))
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
