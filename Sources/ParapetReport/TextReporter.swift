import ParapetCore

/// Looks up a scanned file by the path findings use, for the code frames of the text report.
public typealias SourceLookup = @Sendable (String) -> SourceFile?

/// The report for people, in the `path:line:col: severity CODE message` shape that editors and
/// terminals turn into links, with the offending line and a marker under the range:
///
///     main.tf:3:20: error EGR201 Security group `web` allows egress to `0.0.0.0/0`
///      3 |   cidr_blocks = ["0.0.0.0/0"]
///        |                  ^~~~~~~~~~~
///       = main.tf:1:1: note: security group `web` is declared here
///
/// Everything that comes from scanned files (paths, messages, code) goes through
/// `TerminalText.visible`, so the output never carries the repository's escape sequences.
public struct TextReporter: Reporter {
    /// ANSI colors; the command line turns them on only when stdout is a terminal.
    public var color: Bool
    /// Where code frames come from; a lookup that returns nil gives one line per finding.
    public var sources: SourceLookup

    public init(color: Bool = false, sources: @escaping SourceLookup = { _ in nil }) {
        self.color = color
        self.sources = sources
    }

    public init(color: Bool = false, sources: [String: SourceFile]) {
        self.init(color: color, sources: { sources[$0] })
    }

    public func render(_ report: ScanReport) -> String {
        var output = ""
        for finding in report.findings {
            let block = lines(for: finding)
            output += block.joined(separator: "\n") + "\n"
            // A blank line keeps multi-line blocks apart; one-line findings stay compact.
            if block.count > 1 { output += "\n" }
        }
        for note in report.notes {
            output += "\(style("info:", .bold)) \(TerminalText.visible(note))\n"
        }
        if !output.isEmpty, !output.hasSuffix("\n\n") { output += "\n" }
        output += summary(report)
        return output
    }

    private func lines(for finding: Finding) -> [String] {
        let severityStyle = Self.style(for: finding.severity)
        var lines = ["\(style(location(finding.range) + ":", .bold)) \(style(finding.severity.rawValue, severityStyle)) "
            + "\(style(TerminalText.visible(finding.code), .bold)) \(TerminalText.visible(finding.message))"]
        if let frame = frame(for: finding.range) {
            let number = String(finding.range.start.line)
            let blank = String(repeating: " ", count: number.count)
            lines.append(style(" \(number) |", .blue) + (frame.text.isEmpty ? "" : " \(frame.text)"))
            lines.append(style(" \(blank) |", .blue) + " " + String(repeating: " ", count: frame.markerStart)
                + style(frame.marker, severityStyle))
        }
        for related in finding.related {
            lines.append("  = \(location(related.range)): \(style("note:", .bold)) \(TerminalText.visible(related.message))")
        }
        return lines
    }

    private func location(_ range: SourceRange) -> String {
        "\(TerminalText.visible(range.path)):\(range.start.line):\(range.start.column)"
    }

    private func frame(for range: SourceRange) -> CodeFrame? {
        guard let file = sources(range.path), range.start.line >= 1, range.start.line <= file.lineCount else { return nil }
        let endColumn = range.end.line == range.start.line ? range.end.column : nil
        return CodeFrame(line: file.lineText(range.start.line), startColumn: range.start.column, endColumn: endColumn)
    }

    private func summary(_ report: ScanReport) -> String {
        let summary = report.summary
        let files = Self.count(summary.files, "file")
        guard summary.total > 0 else { return style("No problems found in \(files)", .bold) + "\n" }
        var output = style("Found \(Self.count(summary.total, "problem")) (\(Self.count(summary.errors, "error")), "
            + "\(Self.count(summary.warnings, "warning")), \(Self.count(summary.notes, "note"))) in \(files)", .bold) + "\n"
        let names = report.rulesByCode
        let perCode = summary.perCode
        let countWidth = String(perCode.first?.count ?? 0).count
        let codeWidth = perCode.map { TerminalText.visible($0.code).count }.max() ?? 0
        for (code, count) in perCode {
            let shownCode = TerminalText.visible(code)
            let number = String(count)
            var line = "  " + String(repeating: " ", count: countWidth - number.count) + number + "  " + shownCode
            if let name = names[code]?.name {
                line += String(repeating: " ", count: codeWidth - shownCode.count) + "  " + TerminalText.visible(name)
            }
            output += line + "\n"
        }
        return output
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private enum Style: String {
        case bold = "1", red = "1;31", yellow = "1;33", cyan = "1;36", blue = "34"
    }

    private static func style(for severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    private func style(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
