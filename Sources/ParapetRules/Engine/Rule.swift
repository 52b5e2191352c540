import ParapetCore
import ParapetFacts
import ParapetGraph
import ParapetSyntax

/// A built-in rule: one metadata value, and a check over the graph.
public protocol Rule: Sendable {
    static var metadata: RuleMetadata { get }
    init()
    func check(_ context: RuleContext) -> [Finding]
}

/// What a rule reads: the graph and rule options. Rules never read syntax: what they need of a
/// declaration (its header range, its evaluated attributes) is on its node.
public struct RuleContext: Sendable {
    public let graph: Graph
    /// What the graph's objects are, decided once (workload postures, containers, quotas).
    public let facts: Facts
    /// Validated options from the configuration, by rule code, then option name; rules read them
    /// through `option(_:in:)`.
    public let options: [String: [String: RuleOptionValue]]

    public init(graph: Graph, facts: Facts? = nil, options: [String: [String: RuleOptionValue]] = [:]) {
        self.graph = graph
        self.facts = facts ?? Facts(graph: graph)
        self.options = options
    }
}

extension Rule {
    /// The configured value of one of this rule's options, or its default.
    public func option<Value>(_ key: RuleOptionKey<Value>, in context: RuleContext) -> Value {
        key.value(in: context.options[Self.metadata.code])
    }

    /// A finding of this rule at its default severity (configuration may change it later).
    public func finding(_ message: String, at range: SourceRange, node: GraphNode? = nil, path: String? = nil,
                        related: [RelatedLocation] = []) -> Finding {
        Finding(code: Self.metadata.code, severity: Self.metadata.defaultSeverity, message: message, range: range,
                related: related, address: node.map { "\($0.address)" }, attributePath: path)
    }
}

extension GraphNode {
    /// Workload name as people say it: `Deployment agents/support-bot`.
    public var kubernetesDisplay: String {
        let kind = type.split(separator: "/").last.map(String.init) ?? type
        return "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)"
    }

    /// The range of the object's `metadata.name`, or the object itself.
    public var nameRange: SourceRange { headerRange }
}
