import Foundation
import ParapetCore

/// Stable dumps of the graph: text (for debugging and snapshots), JSON, and Graphviz dot (a
/// picture for security reviews). Nodes sort by address, edges by endpoints and label.
public enum GraphDump {
    public static func text(_ graph: Graph, attributes: Bool = true) -> String {
        var out = ""
        for node in sortedNodes(graph) {
            out += "\(node.kind.rawValue) \(node.address) (\(node.type)) \(span(node.range))\n"
            if let multiplicity = node.multiplicity { out += "  multiplicity \(multiplicity.display)\n" }
            if attributes { write(node.attributes, indent: 1, into: &out) }
            for edge in sortedEdges(graph).filter({ $0.from == node.id }) {
                out += "  -> \(edge.label) \(graph[edge.to].address) \(span(edge.range))\n"
            }
        }
        return out
    }

    public static func dot(_ graph: Graph) -> String {
        var out = "digraph parapet {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
        for node in sortedNodes(graph) where node.kind != .local && node.kind != .variable {
            out += "  \(quote("\(node.address)")) [label=\(quote("\(node.address)\n\(node.kind.rawValue)"))];\n"
        }
        for edge in sortedEdges(graph) {
            let from = graph[edge.from], to = graph[edge.to]
            guard from.kind != .local, from.kind != .variable, to.kind != .local, to.kind != .variable else { continue }
            out += "  \(quote("\(from.address)")) -> \(quote("\(to.address)")) [label=\(quote(edge.label.rawValue))];\n"
        }
        return out + "}\n"
    }

    public static func json(_ graph: Graph) -> String {
        var out = "{\n  \"nodes\": ["
        let nodes = sortedNodes(graph)
        for (index, node) in nodes.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"address\": \(quote("\(node.address)")), \"kind\": \(quote(node.kind.rawValue)), \"type\": \(quote(node.type)), "
            out += "\"path\": \(quote(node.range.path)), \"line\": \(node.range.start.line), \"column\": \(node.range.start.column)"
            if let namespace = node.namespace { out += ", \"namespace\": \(quote(namespace))" }
            out += "}"
        }
        out += nodes.isEmpty ? "],\n  \"edges\": [" : "\n  ],\n  \"edges\": ["
        let edges = sortedEdges(graph)
        for (index, edge) in edges.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"from\": \(quote("\(graph[edge.from].address)")), \"to\": \(quote("\(graph[edge.to].address)")), \"label\": \(quote(edge.label.rawValue)), "
            out += "\"path\": \(quote(edge.range.path)), \"line\": \(edge.range.start.line)}"
        }
        return out + (edges.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    static func sortedNodes(_ graph: Graph) -> [GraphNode] {
        graph.nodes.sorted { $0.address < $1.address }
    }

    static func sortedEdges(_ graph: Graph) -> [GraphEdge] {
        graph.edges.sorted {
            (graph[$0.from].address, graph[$0.to].address, $0.label, $0.range) < (graph[$1.from].address, graph[$1.to].address, $1.label, $1.range)
        }
    }

    static func span(_ range: SourceRange) -> String {
        "\(range.path):\(range.start.line):\(range.start.column)"
    }

    static func write(_ value: Value, indent: Int, into out: inout String) {
        guard let members = value.members else { return }
        for member in members { writeMember(member.key, member.value, indent: indent, into: &out) }
    }

    private static func writeMember(_ key: String, _ value: Value, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        let origin = value.evidence.first.map { " <- \(span($0.range))" } ?? ""
        switch value.content {
        case .object(let members):
            out += "\(pad)\(key) = {\n"
            for member in members { writeMember(member.key, member.value, indent: indent + 1, into: &out) }
            out += "\(pad)}\n"
        case .list(let items) where items.contains(where: { $0.members != nil }):
            for (index, item) in items.enumerated() { writeMember("\(key)[\(index)]", item, indent: indent, into: &out) }
        case .unknown(let reason):
            out += "\(pad)\(key) = (unknown: \(reason))\n"
        default:
            out += "\(pad)\(key) = \(value.quotedDisplay)\(origin)\n"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if character.value < 0x20 { out += String(format: "\\u%04x", character.value) } else { out.unicodeScalars.append(character) }
            }
        }
        return out + "\""
    }
}
