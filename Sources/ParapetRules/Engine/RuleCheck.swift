import ParapetCore
import ParapetGraph

/// A rule as the engine runs it: a built-in Swift rule type or a declarative rule read from YAML.
public protocol RuleCheck: Sendable {
    var metadata: RuleMetadata { get }
    func check(_ context: RuleContext) -> [Finding]
}

/// A built-in Swift rule, as a check.
public struct BuiltInRuleCheck: RuleCheck {
    public let type: any Rule.Type
    public var metadata: RuleMetadata { type.metadata }
    public func check(_ context: RuleContext) -> [Finding] { type.init().check(context) }
}

/// Every rule that ships with Parapet: the Swift rules and the declarative rules in `rules/`.
public let shippedRules: [any RuleCheck] = builtInRules.map(BuiltInRuleCheck.init) + DeclarativeRuleLoader.builtIn.rules
