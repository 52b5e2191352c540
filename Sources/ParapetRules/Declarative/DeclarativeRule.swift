import ParapetCore
import ParapetGraph

/// A rule that is only a predicate over node attributes, written as YAML in `rules/` (or a
/// project's own `rules-dirs`), with the same metadata and examples as a Swift rule.
struct DeclarativeRule: RuleCheck {
    let metadata: RuleMetadata
    let kind: NodeKind
    let types: [String]
    let predicate: Predicate
    /// `{name}`, `{type}`, `{address}` and `{value}` (the value at `at`) are filled in.
    let message: String
    /// Attribute paths whose value's range the finding points at: the first that the node has
    /// (one per shape when the rule matches several, such as a legacy inline block); the node
    /// when none.
    let at: [String]

    func check(_ context: RuleContext) -> [Finding] {
        context.graph.nodes(kind).compactMap { node in
            guard types.isEmpty || types.contains(node.type), predicate.evaluate(node, context.graph) == .yes else { return nil }
            let path = at.first { node.attributes.at($0) != nil }
            let target = path.flatMap { node.attributes.at($0) }
            let range = target?.range ?? node.range
            var text = message
            for (key, value) in [("name", node.name), ("type", node.type), ("address", "\(node.address)"), ("value", target?.display ?? "")] {
                text = text.replacingOccurrences(of: "{\(key)}", with: value)
            }
            return Finding(code: metadata.code, severity: metadata.defaultSeverity, message: text, range: range,
                           related: target?.evidence ?? [], address: "\(node.address)", attributePath: path)
        }
    }
}
