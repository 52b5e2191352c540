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
        return build(&files, varFiles: varFiles, releasingHCLTrees: false, diagnostics: &diagnostics)
    }

    /// With `releasingHCLTrees`, the HCL trees of `files` are dropped once Terraform is
    /// evaluated, before its nodes move into the graph: nothing later reads them, and keeping
    /// them through the peak of the scan cost a quarter of its memory. Files keep their
    /// source, comments and diagnostics.
    public static func build(_ files: inout [ParsedFile], varFiles: [ParsedFile] = [], releasingHCLTrees: Bool,
                             diagnostics: inout [SyntaxDiagnostic]) -> Graph {
        var graph = Graph()
        var terraform = TerraformLowering.evaluate(files, varFiles: varFiles)
        if releasingHCLTrees {
            for index in files.indices where files[index].hcl != nil { files[index].tree = nil }
        }
        terraform.flush(into: &graph)
        diagnostics += terraform.diagnostics
        KubernetesLowering.lower(files, declared: terraform.kubernetes, into: &graph)
        PlanLowering.lower(files, into: &graph)
        AgentAdapters.lower(files, into: &graph)
        return graph
    }
}
