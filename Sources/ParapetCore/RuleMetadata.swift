/// Everything about a rule except its check: one value that feeds `parapet rules`,
/// `parapet explain`, SARIF `driver.rules`, the generated rule docs and the example tests.
public struct RuleMetadata: Hashable, Sendable {
    /// Stable code such as `EGR201`; never reused.
    public let code: String
    /// Kebab-case name of the risky pattern, such as `security-group-unrestricted-egress`.
    public let name: String
    public let family: RuleFamily
    public let defaultSeverity: Severity
    /// One sentence ending with a period.
    public let summary: String
    /// Why the pattern is risky; a paragraph.
    public let rationale: String
    /// How to fix it; one sentence ending with a period.
    public let remediation: String
    /// Longer help in Markdown (defaults to the rationale and remediation).
    public let help: String?
    /// GitHub's `security-severity`, 0.0–10.0; derived from the default severity when absent.
    public let securitySeverity: Double?
    public let tags: [String]
    public let examples: [RuleExample]

    public init(code: String, name: String, family: RuleFamily, defaultSeverity: Severity,
                summary: String, rationale: String, remediation: String, help: String? = nil,
                securitySeverity: Double? = nil, tags: [String] = [], examples: [RuleExample] = []) {
        self.code = code
        self.name = name
        self.family = family
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.remediation = remediation
        self.help = help
        self.securitySeverity = securitySeverity
        self.tags = tags
        self.examples = examples
    }

    /// The score GitHub code scanning uses to bucket alerts (critical ≥ 9, high ≥ 7, medium ≥ 4).
    public var effectiveSecuritySeverity: Double {
        if let securitySeverity { return securitySeverity }
        switch defaultSeverity {
        case .error: return 7.5
        case .warning: return 5.0
        case .note: return 2.0
        }
    }
}

/// A rule example: source with `↓` markers where a triggering example expects findings.
public struct RuleExample: Hashable, Sendable {
    public enum Expectation: String, Sendable { case triggers, passes }

    public let expectation: Expectation
    /// The file name the example is scanned as (it decides the file kind).
    public let fileName: String
    public let source: String
    /// Further files scanned together with this one (path → contents), for cross-file examples.
    public let companions: [String: String]

    public init(_ expectation: Expectation, fileName: String, source: String, companions: [String: String] = [:]) {
        self.expectation = expectation
        self.fileName = fileName
        self.source = source
        self.companions = companions
    }

    public static func triggering(_ source: String, fileName: String, companions: [String: String] = [:]) -> RuleExample {
        RuleExample(.triggers, fileName: fileName, source: source, companions: companions)
    }

    public static func passing(_ source: String, fileName: String, companions: [String: String] = [:]) -> RuleExample {
        RuleExample(.passes, fileName: fileName, source: source, companions: companions)
    }
}
