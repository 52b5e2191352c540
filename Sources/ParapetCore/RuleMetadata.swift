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
    /// Settings the rule reads from `.parapet.yaml` (`rules: {TEL123: {minimum-days: 90}}`).
    public let options: [RuleOption]

    public init(code: String, name: String, family: RuleFamily, defaultSeverity: Severity,
                summary: String, rationale: String, remediation: String, help: String? = nil,
                securitySeverity: Double? = nil, tags: [String] = [], examples: [RuleExample] = [],
                options: [RuleOption] = []) {
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
        self.options = options
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

/// One setting of a rule, declared in its metadata so that the configuration can be checked
/// against it and `parapet explain` and the rule docs can show it.
public struct RuleOption: Hashable, Sendable {
    public let name: String
    public let defaultValue: RuleOptionValue
    /// One sentence ending with a period.
    public let doc: String

    public init(name: String, defaultValue: RuleOptionValue, doc: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.doc = doc
    }

    public var kind: RuleOptionValue.Kind { defaultValue.kind }
}

/// A rule option's value, as validated from the configuration.
public enum RuleOptionValue: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case boolean(Bool)
    case string(String)
    case strings([String])

    public enum Kind: String, Sendable {
        case integer, boolean, string, strings = "list of strings"

        /// "an integer", "a list of strings": for messages.
        public var withArticle: String { self == .integer ? "an integer" : "a \(rawValue)" }
    }

    public var kind: Kind {
        switch self {
        case .integer: .integer
        case .boolean: .boolean
        case .string: .string
        case .strings: .strings
        }
    }

    /// The value as it is written in `.parapet.yaml`.
    public var description: String {
        switch self {
        case .integer(let value): "\(value)"
        case .boolean(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .strings(let values): "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }
}

/// A Swift type a rule option can have.
public protocol RuleOptionType: Sendable {
    init?(optionValue value: RuleOptionValue)
    var optionValue: RuleOptionValue { get }
}

extension Int: RuleOptionType {
    public init?(optionValue value: RuleOptionValue) { guard case .integer(let v) = value else { return nil }; self = v }
    public var optionValue: RuleOptionValue { .integer(self) }
}

extension Bool: RuleOptionType {
    public init?(optionValue value: RuleOptionValue) { guard case .boolean(let v) = value else { return nil }; self = v }
    public var optionValue: RuleOptionValue { .boolean(self) }
}

extension String: RuleOptionType {
    public init?(optionValue value: RuleOptionValue) { guard case .string(let v) = value else { return nil }; self = v }
    public var optionValue: RuleOptionValue { .string(self) }
}

extension Array: RuleOptionType where Element == String {
    public init?(optionValue value: RuleOptionValue) { guard case .strings(let v) = value else { return nil }; self = v }
    public var optionValue: RuleOptionValue { .strings(self) }
}

/// A typed handle on one option: the rule declares it once as a static, lists `key.option` in its
/// metadata, and reads the configured value (or the default) as a `Value`.
public struct RuleOptionKey<Value: RuleOptionType>: Sendable {
    public let option: RuleOption
    public let defaultValue: Value

    public init(_ name: String, default defaultValue: Value, doc: String) {
        self.option = RuleOption(name: name, defaultValue: defaultValue.optionValue, doc: doc)
        self.defaultValue = defaultValue
    }

    /// The configured value from a rule's validated options, or the default.
    public func value(in options: [String: RuleOptionValue]?) -> Value {
        options?[option.name].flatMap { Value(optionValue: $0) } ?? defaultValue
    }
}
