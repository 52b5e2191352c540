import ParapetCore

/// Turns one scan into the bytes a person or a machine reads. Reporters are pure: the same
/// report gives the same string, so CI logs, golden files and SARIF uploads can be compared.
public protocol Reporter: Sendable {
    func render(_ report: ScanReport) -> String
}

/// The output formats the command line offers (`--format`).
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif

    /// The reporter for this format. Only text uses `color` and `sources`; the machine formats
    /// never carry escape sequences or source text.
    public func reporter(color: Bool = false, sources: @escaping SourceLookup = { _ in nil }) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color, sources: sources)
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        }
    }
}
