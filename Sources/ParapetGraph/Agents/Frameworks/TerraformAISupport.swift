import ParapetCore
import ParapetSyntax

/// Shared reading of Terraform resources for the cloud model adapters: evaluated attributes
/// (`Value`), and the `references` edges the lowering drew from each reference expression.
enum TerraformAI {
    /// The nodes that an expression inside `value` refers to (through the lowering's
    /// `references` edges, whose ranges are the reference expressions).
    static func referenced(from node: GraphNode, within value: Value?, in graph: Graph) -> [GraphNode] {
        guard let value else { return [] }
        return graph.edges(from: node.id, label: .references)
            .filter { contains(value.range, $0.range) }
            .map { graph[$0.to] }
    }

    static func contains(_ outer: SourceRange, _ inner: SourceRange) -> Bool {
        outer.path == inner.path && outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset
    }

    /// A model reference from an evaluated attribute: a value not known before apply (a variable
    /// without a default, another resource's attribute) is never taken for a literal.
    static func model(_ value: Value?, provider: String?, role: String = "main") -> ModelReference? {
        guard let value, !value.isNull else { return nil }
        if let text = value.scalarString {
            return ModelReference(provider: provider, id: text, role: role, range: value.range, isInterpolated: Manifest.isInterpolated(text))
        }
        return ModelReference(provider: provider, id: "(not known before apply)", role: role, range: value.range, isInterpolated: true)
    }

    static func cap(_ kind: BudgetCap.Kind, _ value: Value?, setting: String) -> BudgetCap? {
        guard let value, !value.isNull else { return nil }
        return BudgetCap(kind: kind, value: value.display, setting: setting, range: value.range)
    }

    /// Resources of a type, in address order.
    static func resources(_ type: String, in graph: Graph) -> [GraphNode] {
        graph.nodes(ofType: type).filter { $0.kind == .resource }.sorted { $0.address < $1.address }
    }
}
