import ParapetCore
import ParapetSyntax

/// A module as instantiated: its address prefix, its variables bound to values, and memoized
/// locals and resource bodies. Evaluation is lazy and cycle-checked: a cycle is an `unknown` with
/// a diagnostic at the expression, never a hang.
final class ModuleInstance {
    let source: TerraformModuleSource
    /// `""` for a root module, `module.net.` for a child.
    let prefix: String
    private(set) var variables: [String: Value] = [:]
    private var localDefinitions: [String: HCLAttribute] = [:]
    private var localValues: [String: Value] = [:]
    private var resourceBlocks: [String: HCLBlock] = [:]
    private var resourceValues: [String: Value] = [:]
    private var inProgress: Set<String> = []
    private(set) var diagnostics: [SyntaxDiagnostic] = []
    /// What evaluating this instance may still cost, shared by all its evaluators.
    let budget = EvaluationBudget()

    init(source: TerraformModuleSource, prefix: String, inputs: [String: Value], tfvars: [ParsedFile]) {
        self.source = source
        self.prefix = prefix
        for block in source.blocks {
            switch block.type {
            case "locals":
                for attribute in block.body.attributes { localDefinitions[attribute.name] = attribute }
            case "resource" where block.labels.count >= 2:
                resourceBlocks["\(block.labelValues[0]).\(block.labelValues[1])"] = block
            default: break
            }
        }
        bindVariables(inputs: inputs, tfvars: tfvars)
    }

    /// Inputs (module arguments) win over tfvars, which win over defaults; a variable with none
    /// of them is unknown (Terraform would ask for it).
    private func bindVariables(inputs: [String: Value], tfvars: [ParsedFile]) {
        var fromFiles: [String: (HCLAttribute, String)] = [:]
        for file in tfvars {
            let attributes = file.kind == .tfvarsJSON ? TerraformJSON.variables(file) : (file.hcl?.body.attributes ?? [])
            for attribute in attributes { fromFiles[attribute.name] = (attribute, file.source.path) }
        }
        let constants = Evaluator(instance: nil)
        for block in source.blocks where block.type == "variable" {
            guard let name = block.label(0) else { continue }
            if let input = inputs[name] {
                variables[name] = input
            } else if let (attribute, path) = fromFiles[name] {
                var value = constants.evaluate(attribute.value)
                value.evidence.insert(RelatedLocation(range: attribute.range, message: "`var.\(name)` is set in `\(path)`"), at: 0)
                variables[name] = value
            } else if let defaultValue = block.body.attribute("default") {
                var value = constants.evaluate(defaultValue.value)
                value.evidence.insert(RelatedLocation(range: defaultValue.range, message: "default of `var.\(name)`"), at: 0)
                variables[name] = value
            } else {
                variables[name] = Value(.unknown("variable `\(name)` has no value"), range: block.range)
            }
        }
    }

    func variable(_ name: String, at range: SourceRange) -> Value {
        guard var value = variables[name] else {
            return Value(.unknown("undeclared variable `\(name)`"), range: range)
        }
        value.range = range
        return value
    }

    func local(_ name: String, at range: SourceRange) -> Value {
        if var value = localValues[name] {
            value.range = range
            return value
        }
        guard let definition = localDefinitions[name] else {
            return Value(.unknown("undeclared local `\(name)`"), range: range)
        }
        let key = "local.\(name)"
        if inProgress.contains(key) {
            diagnostics.append(SyntaxDiagnostic(.parseError, "Cycle in local values through `local.\(name)`", at: range))
            return Value(.unknown("cycle"), range: range)
        }
        inProgress.insert(key)
        var value = Evaluator(instance: self).evaluate(definition.value)
        inProgress.remove(key)
        value.evidence.append(RelatedLocation(range: definition.range, message: "value of `local.\(name)`"))
        localValues[name] = value
        value.range = range
        return value
    }

    /// A resource's configured attribute tree, when the resource is a single instance; resources
    /// with `count` or `for_each` are lists or maps of instances, which stay unknown.
    func resource(_ address: String, at range: SourceRange) -> Value? {
        guard let block = resourceBlocks[address] else { return nil }
        if block.body.attribute("count") != nil || block.body.attribute("for_each") != nil { return nil }
        if let value = resourceValues[address] { return value }
        if inProgress.contains(address) { return nil }
        inProgress.insert(address)
        let value = Evaluator(instance: self).body(block.body)
        inProgress.remove(address)
        resourceValues[address] = value
        return value
    }
}
