import ParapetCore
import ParapetGraph

/// The Terraform resources whose type `rules/data/stateful-resource-types.yaml` lists, each with
/// its entry: what GATE401–GATE404 walk. Resources that do not exist (`count = 0` on them or on
/// a module call around them) are left out.
struct StatefulResource {
    let node: GraphNode
    let type: RuleData.StatefulType

    static func all(in graph: Graph, data: RuleData = .builtIn) -> [StatefulResource] {
        graph.nodes(.resource).compactMap { node in
            guard let type = data.statefulTypes[node.type], graph.mayExist(node) else { return nil }
            return StatefulResource(node: node, type: type)
        }
    }

    /// The attribute's value when it is set; nil when absent or `null` (the provider default).
    func setting(_ attribute: String) -> Value? {
        guard let value = node.attributes[attribute], !value.isNull else { return nil }
        return value
    }
}

extension GraphNode {
    /// The address inside its module instance (`aws_db_instance.main` for
    /// `module.db.aws_db_instance.main`): what messages name, so that one block instantiated by
    /// several module calls gives one message, which the scan merges into one finding.
    var addressInModule: String {
        TerraformAddress.withinModule(localAddress ?? address.local)
    }
}
