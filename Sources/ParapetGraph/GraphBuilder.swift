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
        var graph = Graph()
        let declared = TerraformLowering.lower(files, varFiles: varFiles, into: &graph, diagnostics: &diagnostics)
        KubernetesLowering.lower(files, declared: declared, into: &graph)
        PlanLowering.lower(files, into: &graph)
        AgentAdapters.lower(files, into: &graph)
        return graph
    }
}
