import Foundation
import ParapetCore
import ParapetGraph

/// Three-valued truth: a predicate over a value Parapet cannot know is `unknown`, and a rule
/// never fires on unknown.
enum Truth {
    case yes, no, unknown

    static func all(_ values: [Truth]) -> Truth {
        if values.contains(.no) { return .no }
        return values.contains(.unknown) ? .unknown : .yes
    }

    static func any(_ values: [Truth]) -> Truth {
        if values.contains(.yes) { return .yes }
        return values.contains(.unknown) ? .unknown : .no
    }

    var negated: Truth {
        switch self {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }
}

/// A predicate of a declarative rule: a path into the node's attributes with a test, `all`,
/// `any`, `not`, or `connected` (an edge with a label to a node of a kind and type).
indirect enum Predicate: Sendable {
    enum Test: Sendable {
        case equals(String), oneOf([String]), matches(Regex), exists, absent
    }

    /// A compiled regular expression, checked when the rule is loaded.
    struct Regex: @unchecked Sendable {
        let pattern: String
        let expression: NSRegularExpressionBox
    }

    case path(String, Test)
    case all([Predicate])
    case any([Predicate])
    case not(Predicate)
    case connected(label: EdgeLabel, incoming: Bool, kind: NodeKind?, type: String?)

    func evaluate(_ node: GraphNode, _ graph: Graph) -> Truth {
        switch self {
        case .all(let parts): return .all(parts.map { $0.evaluate(node, graph) })
        case .any(let parts): return .any(parts.map { $0.evaluate(node, graph) })
        case .not(let inner): return inner.evaluate(node, graph).negated
        case .connected(let label, let incoming, let kind, let type):
            let edges = incoming ? graph.edges(to: node.id, label: label) : graph.edges(from: node.id, label: label)
            let hit = edges.contains { edge in
                let other = graph[incoming ? edge.from : edge.to]
                return (kind == nil || other.kind == kind) && (type == nil || other.type == type)
            }
            return hit ? .yes : .no
        case .path(let path, let test):
            let value = node.attributes.at(path)
            if value?.isUnknown == true { return .unknown }
            switch test {
            case .exists: return value == nil || value?.isNull == true ? .no : .yes
            case .absent: return value == nil || value?.isNull == true ? .yes : .no
            case .equals(let expected):
                guard let value else { return .no }
                return value.scalarString == expected ? .yes : .no
            case .oneOf(let expected):
                guard let text = value?.scalarString else { return .no }
                return expected.contains(text) ? .yes : .no
            case .matches(let regex):
                guard let text = value?.scalarString else { return .no }
                return regex.expression.matches(text) ? .yes : .no
            }
        }
    }
}
