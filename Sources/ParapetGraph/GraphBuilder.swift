import ParapetCore
import ParapetSyntax

/// Lowers parsed files into one graph: each adapter adds its nodes, then the global linking
/// stage (references, selectors) adds edges.
public enum GraphBuilder {
    public static func build(_ files: [ParsedFile]) -> Graph {
        var graph = Graph()
        for file in files where file.kind == .kubernetes || file.kind == .kagent {
            for object in KubernetesLowering.objects(in: file) {
                KubernetesLowering.add(object, to: &graph)
            }
        }
        KubernetesLowering.link(&graph)
        return graph
    }
}
