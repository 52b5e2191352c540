import ParapetCore
import ParapetSyntax

/// Lowers parsed files into one graph: each adapter adds its nodes, then the global linking
/// stage (references, selectors) adds edges.
public enum GraphBuilder {
    public static func build(_ files: [ParsedFile]) -> Graph {
        var diagnostics: [SyntaxDiagnostic] = []
        return build(files, diagnostics: &diagnostics)
    }

    /// Builds the graph; problems found while lowering (module cycles, local cycles) are added
    /// to `diagnostics` with their positions.
    /// `varFiles` are tfvars files given on the command line (`--var-file`); they apply to every
    /// root module after its own `terraform.tfvars` and `*.auto.tfvars`, as `terraform plan -var-file` does.
    public static func build(_ files: [ParsedFile], varFiles: [ParsedFile] = [], diagnostics: inout [SyntaxDiagnostic]) -> Graph {
        var files = files
        return build(&files, varFiles: varFiles, releasingTrees: false, diagnostics: &diagnostics)
    }

    /// With `releasingTrees`, the HCL trees of `files` are dropped once Terraform is evaluated,
    /// before its nodes move into the graph, and every other syntax tree once the graph is built:
    /// nothing later reads them (suppressions read comments, reports read the source), and
    /// keeping them through the peak of the scan cost a quarter of its memory. Files keep their
    /// source, comments and diagnostics.
    ///
    /// `terraformRootsReaching`: when only nodes of these module directories are reported, only
    /// the Terraform roots that reach them are evaluated (see `TerraformLowering.evaluate`).
    public static func build(_ files: inout [ParsedFile], varFiles: [ParsedFile] = [], releasingTrees: Bool,
                             terraformRootsReaching: Set<String>? = nil, diagnostics: inout [SyntaxDiagnostic]) -> Graph {
        var graph = Graph()
        var terraform = TerraformLowering.evaluate(files, varFiles: varFiles, onlyRootsReaching: terraformRootsReaching)
        if releasingTrees {
            for index in files.indices where files[index].hcl != nil { files[index].tree = nil }
            FreedMemory.returnToSystem()
        }
        // Room for every node up front: the node array is the largest block of the scan, and
        // growing it past the Terraform nodes would hold the old and the new array at once.
        // Agents, their servers and tools, and plan changes are not counted before they are
        // made: room for some per file, and a quarter on top. Room never written costs no memory
        // (the pages of a large block are not touched), while growing past it copies the array.
        let manifests = files.reduce(0) { $0 + ($1.kind == .kubernetes || $1.kind == .kagent ? $1.documents.count : 0) }
        let others = files.reduce(0) { $0 + ($1.kind.isAgentManifest || $1.kind == .terraformPlan ? 1 : 0) }
        let counted = terraform.nodeCount + manifests + terraform.kubernetes.count
        graph.reserveCapacity(nodes: counted + 16 * others + counted / 4)
        terraform.flush(into: &graph)
        diagnostics += terraform.diagnostics
        KubernetesLowering.lower(files, declared: terraform.kubernetes, into: &graph)
        PlanLowering.lower(files, into: &graph)
        AgentAdapters.lower(files, into: &graph)
        if releasingTrees {
            for index in files.indices { files[index].tree = nil }
            FreedMemory.returnToSystem()
        }
        return graph
    }
}
