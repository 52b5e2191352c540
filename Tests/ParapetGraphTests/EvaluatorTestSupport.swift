import ParapetCore
@testable import ParapetGraph
import ParapetSyntax

/// Evaluates `expression` as a local value of a module made of `module` plus the given tfvars
/// files (in Terraform's reading order) and module inputs.
func evaluate(_ expression: String, module: String = "", tfvars: [(String, String)] = [],
              inputs: [String: Value] = [:], limits: ScanLimits = ScanLimits()) -> Value {
    evaluateWithBudget(expression, module: module, tfvars: tfvars, inputs: inputs, limits: limits).value
}

/// `evaluate`, plus the steps the evaluation spent.
func evaluateWithBudget(_ expression: String, module: String = "", tfvars: [(String, String)] = [],
                        inputs: [String: Value] = [:], limits: ScanLimits = ScanLimits()) -> (value: Value, steps: Int) {
    let loader = Loader()
    let text = module + "\nlocals {\n  probe = \(expression)\n}\n"
    let main = loader.load(SourceFile(path: "main.tf", text: text), as: .terraform)
    let files = tfvars.map { loader.load(SourceFile(path: $0.0, text: $0.1), as: .tfvars) }
    let source = TerraformModuleSource(directory: ".", files: [main], tfvars: files)
    let instance = ModuleInstance(source: source, prefix: "", inputs: inputs, tfvars: files)
    instance.budget.limits = limits
    let value = instance.local("probe", at: .fileStart("main.tf"))
    return (value, instance.budget.steps)
}

/// A value as HCL-like text: strings quoted, `error(reason)` for what Terraform rejects,
/// `unknown(reason)` for what is known only at apply time or beyond the evaluator.
func rendered(_ value: Value) -> String {
    guard case .unknown(let reason) = value.content else { return value.quotedDisplay }
    if reason.hasPrefix(Evaluator.invalid) { return "error" }
    return "unknown"
}

/// The reason of an unknown value, without the error marker; nil for a known value.
func reason(_ value: Value) -> String? {
    guard case .unknown(let reason) = value.content else { return nil }
    return reason.hasPrefix(Evaluator.invalid) ? String(reason.dropFirst(Evaluator.invalid.count)) : reason
}
