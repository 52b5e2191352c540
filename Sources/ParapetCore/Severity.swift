/// How serious a finding is; the names are SARIF's levels.
public enum Severity: String, CaseIterable, Comparable, Sendable, Codable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The five risk families, plus meta diagnostics about Parapet's own inputs.
public enum RuleFamily: String, CaseIterable, Sendable, Codable {
    case telemetry, egress, budget, gate, pinning, meta

    /// The code prefix of every rule of the family.
    public var prefix: String {
        switch self {
        case .telemetry: "TEL"
        case .egress: "EGR"
        case .budget: "BUD"
        case .gate: "GATE"
        case .pinning: "PIN"
        case .meta: "PAR"
        }
    }

    public init?(prefix: String) {
        guard let family = Self.allCases.first(where: { $0.prefix == prefix.uppercased() }) else { return nil }
        self = family
    }
}
