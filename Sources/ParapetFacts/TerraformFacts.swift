import ParapetCore
import ParapetGraph

/// Whether other resources point at a node through one attribute: a flow log's `vpc_id`, a
/// diagnostic setting's `target_resource_id`.
public enum Coverage: Sendable {
    /// A resource of the wanted type provably names the node (see `TerraformReferences`).
    case covered
    /// None names it, and these name nothing Parapet can resolve (a variable without a value, a
    /// data source, a module that is not scanned): they prove nothing either way.
    case unresolved([GraphNode])
    case none

    public static func of(_ target: GraphNode, by type: String, through attribute: String, in graph: Graph,
                          configuration: [GraphNode], references: TerraformReferences) -> Coverage {
        var unresolved: [GraphNode] = []
        for source in configuration where source.type == type && source.mayExist {
            guard let value = source.attributes.member(attribute)?.value else { continue }
            let named = references.resources(in: value, of: source)
            if named.contains(where: { $0.id == target.id }) { return .covered }
            if named.isEmpty && value.isUnknown { unresolved.append(source) }
        }
        return unresolved.isEmpty ? .none : .unresolved(unresolved)
    }
}

/// The resources a Terraform value provably refers to, through the lowering's `references`
/// edges (whose ranges are the reference expressions): those written in the value, and those
/// behind the locals, module arguments and module outputs it came from. A reference proves the
/// resource even when its attribute is unknown (`aws_vpc.main.id`); a variable without a value
/// or a data source proves nothing.
public struct TerraformReferences: Sendable {
    let graph: Graph
    /// `references` edges by the file they are written in, for finding those inside a range.
    private let byPath: [String: [GraphEdge]]

    public init(_ graph: Graph) {
        self.graph = graph
        byPath = Dictionary(grouping: graph.edges.filter { $0.label == .references }, by: \.range.path)
    }

    public func resources(in value: Value, of node: GraphNode) -> [GraphNode] {
        // Where the value was decided: the expression itself and, for a value that flowed in,
        // the local definitions and module arguments on its way.
        var ranges = [value.range] + value.evidence.map(\.range)
        var frontier: [NodeID] = []
        var seen: Set<NodeID> = [node.id]
        var found: [GraphNode] = []
        while true {
            for range in ranges {
                // Only edges of the same root: a module file shared by two roots holds both roots' references.
                frontier += (byPath[range.path] ?? []).filter { edge in
                    range.encloses(edge.range) && graph[edge.from].terraformRoot == node.terraformRoot
                }.map(\.to)
            }
            ranges = []
            guard let next = frontier.popLast() else { break }
            guard seen.insert(next).inserted else { continue }
            let target = graph[next]
            switch target.kind {
            case .resource: found.append(target)
            case .local, .output:
                frontier += graph.edges(from: next, label: .references).map(\.to)
            case .variable:
                // A module argument bound to the variable: what it references, in the caller.
                ranges = target.attributes["value"]?.evidence.map(\.range) ?? []
            default: continue
            }
        }
        return found.sorted { $0.id < $1.id }
    }
}

extension SourceRange {
    /// Whether `other` lies inside this range, in the same file.
    public func encloses(_ other: SourceRange) -> Bool {
        other.path == path && other.start >= start && other.end <= end
    }
}
