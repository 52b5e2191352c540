import ParapetCore

/// Turns one scan into the bytes a person or a machine reads. Reporters are pure: the same
/// report gives the same string, so CI logs, golden files and SARIF uploads can be compared.
public protocol Reporter: Sendable {
    func render(_ report: ScanReport) -> String
}

/// What a format's reporter may use besides the report: only text uses them; machine formats
/// never carry escape sequences or source text.
public struct ReporterContext: Sendable {
    public var color: Bool
    public var sources: SourceLookup

    public init(color: Bool = false, sources: @escaping SourceLookup = { _ in nil }) {
        self.color = color
        self.sources = sources
    }
}

/// An output format the command line offers (`--format NAME`). Each format is declared next to
/// its reporter (`extension ReportFormat { static let … }`); adding one is that file plus one
/// line in `all`.
public struct ReportFormat: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    /// One phrase for `--help`.
    public let summary: String
    /// Whether colors apply (text on a terminal).
    public let isForPeople: Bool
    private let make: @Sendable (ReporterContext) -> any Reporter

    public init(name: String, summary: String, isForPeople: Bool = false, make: @escaping @Sendable (ReporterContext) -> any Reporter) {
        self.name = name
        self.summary = summary
        self.isForPeople = isForPeople
        self.make = make
    }

    /// Every format, in the order `--help` lists them.
    public static let all: [ReportFormat] = [.text, .json, .sarif, .github, .gitlab, .junit]

    public static func named(_ name: String) -> ReportFormat? {
        all.first { $0.name == name }
    }

    public func reporter(color: Bool = false, sources: @escaping SourceLookup = { _ in nil }) -> any Reporter {
        make(ReporterContext(color: color, sources: sources))
    }

    public var description: String { name }

    public static func == (lhs: ReportFormat, rhs: ReportFormat) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension ReportFormat {
    public static let text = ReportFormat(name: "text", summary: "for people, with code frames", isForPeople: true) {
        TextReporter(color: $0.color, sources: $0.sources)
    }
    public static let json = ReportFormat(name: "json", summary: "versioned schema") { _ in JSONReporter() }
    public static let sarif = ReportFormat(name: "sarif", summary: "SARIF 2.1.0") { _ in SARIFReporter() }
}
