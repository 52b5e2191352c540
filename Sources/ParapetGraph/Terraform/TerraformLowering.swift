import Dispatch
import Foundation
import ParapetCore
import ParapetSyntax

/// Terraform configurations into graph nodes. A directory is a module; a directory that another
/// scanned module calls through a local `source` is lowered only as that call's child, bound to
/// its arguments (so its resources appear once, at `module.NAME.type.name`, with real inputs).
public enum TerraformLowering {
    static let maxModuleDepth = 16

    public static func lower(_ files: [ParsedFile], varFiles: [ParsedFile] = [], into graph: inout Graph, diagnostics: inout [SyntaxDiagnostic]) {
        let modules = TerraformModuleSource.group(files)
        var called: Set<String> = []
        for (directory, module) in modules {
            for block in module.blocks where block.type == "module" {
                if let source = block.body["source"]?.literalString, let child = TerraformModuleSource.resolve(source, from: directory),
                   modules[child] != nil, child != directory {
                    called.insert(child)
                }
            }
        }
        // Roots are independent, so they are lowered in parallel; the results are merged in
        // root order, so the graph does not depend on scheduling.
        let roots = modules.keys.sorted().filter { !called.contains($0) }
        let results = RootResults(count: roots.count)
        DispatchQueue.concurrentPerform(iterations: roots.count) { index in
            guard let module = modules[roots[index]] else { return }
            var lowering = Lowering(modules: modules)
            lowering.root = roots[index]
            lowering.instantiate(module, prefix: "", inputs: [:], tfvars: module.tfvars + varFiles, stack: [roots[index]])
            results.set(index, lowering)
        }
        var merged = Lowering(modules: modules)
        for lowering in results.all {
            merged.pending += lowering.pending
            merged.kubernetes += lowering.kubernetes
            merged.diagnostics += lowering.diagnostics
        }
        merged.flush(into: &graph)
        diagnostics += merged.diagnostics
    }
}

/// The state of one lowering: nodes are collected per root, then added in root order, so the
/// graph does not depend on scheduling.
private struct Lowering {
    let modules: [String: TerraformModuleSource]
    /// The root module being lowered.
    var root = "."
    var pending: [(root: String, address: String, kind: NodeKind, type: String, range: SourceRange, attributes: Value, multiplicity: Value?, references: [(String, SourceRange)])] = []
    var kubernetes: [KubernetesObject] = []
    var diagnostics: [SyntaxDiagnostic] = []

    init(modules: [String: TerraformModuleSource]) {
        self.modules = modules
    }

    mutating func instantiate(_ module: TerraformModuleSource, prefix: String, inputs: [String: Value], tfvars: [ParsedFile], stack: [String]) {
        let instance = ModuleInstance(source: module, prefix: prefix, inputs: inputs, tfvars: tfvars)
        let evaluator = Evaluator(instance: instance)
        for block in module.blocks {
            switch block.type {
            case "resource", "data":
                guard block.labels.count >= 2 else { continue }
                let type = block.labelValues[0], name = block.labelValues[1]
                let local = (block.type == "data" ? "data." : "") + "\(type).\(name)"
                let attributes = evaluator.body(block.body)
                let multiplicity = (block.body.attribute("count") ?? block.body.attribute("for_each")).map { evaluator.evaluate($0.value) }
                let references = Self.references(in: block.body, prefix: prefix)
                if block.type == "resource", let object = KubernetesResourceLowering.object(type: type, body: attributes, range: block.range,
                                                                                             address: Graph.terraformAddress(root: root, local: prefix + local)) {
                    kubernetes.append(object)
                }
                pending.append((root, prefix + local, block.type == "data" ? .dataSource : .resource, type, block.range, attributes, multiplicity, references))
            case "variable":
                guard let name = block.label(0) else { continue }
                let value = instance.variable(name, at: block.labels[0].range)
                let attributes = Value(.object([Value.Member(key: "value", keyRange: block.labels[0].range, value: value)]), range: block.range)
                pending.append((root, prefix + "var.\(name)", .variable, "variable", block.range, attributes, nil, []))
            case "output":
                guard let name = block.label(0) else { continue }
                pending.append((root, prefix + "output.\(name)", .output, "output", block.range, evaluator.body(block.body), nil,
                                Self.references(in: block.body, prefix: prefix)))
            case "locals":
                for attribute in block.body.attributes {
                    let value = instance.local(attribute.name, at: attribute.value.range)
                    let attributes = Value(.object([Value.Member(key: "value", keyRange: attribute.nameRange, value: value)]), range: attribute.range)
                    pending.append((root, prefix + "local.\(attribute.name)", .local, "local", attribute.range, attributes, nil,
                                    Self.references(in: attribute.value, prefix: prefix)))
                }
            case "module":
                guard let name = block.label(0) else { continue }
                let attributes = evaluator.body(block.body)
                let multiplicity = (block.body.attribute("count") ?? block.body.attribute("for_each")).map { evaluator.evaluate($0.value) }
                pending.append((root, prefix + "module.\(name)", .module, "module", block.range, attributes, multiplicity,
                                Self.references(in: block.body, prefix: prefix)))
                // A call known to make no instance (`count = 0`, `for_each = {}`) creates nothing.
                if let multiplicity, Self.isEmpty(multiplicity) { continue }
                instantiateChild(block, name: name, attributes: attributes, parent: module, prefix: prefix, stack: stack)
            default:
                continue
            }
        }
        diagnostics += instance.diagnostics
    }

    mutating func instantiateChild(_ block: HCLBlock, name: String, attributes: Value, parent: TerraformModuleSource, prefix: String, stack: [String]) {
        guard let source = block.body["source"]?.literalString,
              let directory = TerraformModuleSource.resolve(source, from: parent.directory), let child = modules[directory] else { return }
        if stack.contains(directory) || stack.count >= TerraformLowering.maxModuleDepth {
            diagnostics.append(SyntaxDiagnostic(.parseError, "Module `\(name)` calls itself through `\(source)`; not expanded", at: block.typeRange))
            return
        }
        let meta: Set<String> = ["source", "version", "providers", "count", "for_each", "depends_on"]
        var inputs: [String: Value] = [:]
        for member in attributes.members ?? [] where !meta.contains(member.key) {
            var value = member.value
            value.evidence.insert(RelatedLocation(range: member.value.range, message: "argument `\(member.key)` of `module.\(name)`"), at: 0)
            inputs[member.key] = value
        }
        instantiate(child, prefix: prefix + "module.\(name).", inputs: inputs, tfvars: [], stack: stack + [directory])
    }

    static func isEmpty(_ multiplicity: Value) -> Bool {
        switch multiplicity.content {
        case .number(let count): count <= 0
        case .list(let items): items.isEmpty
        case .object(let members): members.isEmpty
        default: false
        }
    }

    /// References to resources, data sources and modules of the same module instance.
    static func references(in body: HCLBody, prefix: String) -> [(String, SourceRange)] {
        var found: [(String, SourceRange)] = []
        func visit(_ body: HCLBody) {
            for item in body.items {
                switch item {
                case .attribute(let attribute): found += references(in: attribute.value, prefix: prefix)
                case .block(let block): visit(block.body)
                }
            }
        }
        visit(body)
        return found
    }

    /// References of one expression. `module.net.vpc_id` names the call and, when the module
    /// is scanned, its output `module.net.output.vpc_id`, so what the output refers to can be followed.
    static func references(in expression: HCLExpression, prefix: String) -> [(String, SourceRange)] {
        var found: [(String, SourceRange)] = []
        for reference in expression.references {
            let path = reference.staticTraversalPrefix
            guard path.count >= 2 else { continue }
            switch path[0] {
            case "var", "local", "each", "count", "self", "path", "terraform": continue
            case "data" where path.count >= 3: found.append((prefix + "data.\(path[1]).\(path[2])", reference.range))
            case "module":
                found.append((prefix + "module.\(path[1])", reference.range))
                if path.count >= 3 { found.append((prefix + "module.\(path[1]).output.\(path[2])", reference.range)) }
            default: found.append((prefix + "\(path[0]).\(path[1])", reference.range))
            }
        }
        return found
    }

    func flush(into graph: inout Graph) {
        // Pending nodes are already in a deterministic order (roots sorted, files sorted, blocks in
        // source order), so they are added as they are.
        for node in pending {
            graph.add(address: Graph.terraformAddress(root: node.root, local: node.address), kind: node.kind, type: node.type,
                      range: node.range, attributes: node.attributes, multiplicity: node.multiplicity, origin: .terraform,
                      terraform: (node.root, node.address))
        }
        for object in kubernetes.sorted(by: { $0.address < $1.address }) {
            KubernetesLowering.add(object, to: &graph)
            if let declared = object.declaredAs.flatMap(graph.node), let lowered = graph.node(object.address) {
                graph.connect(declared.id, lowered.id, label: "declares", range: declared.range)
            }
        }
        for node in pending {
            guard let from = graph.terraformNode(root: node.root, local: node.address) else { continue }
            for (target, range) in node.references {
                if let to = graph.terraformNode(root: node.root, local: target), to.id != from.id {
                    graph.connect(from.id, to.id, label: "references", range: range)
                }
            }
        }
    }
}

/// The lowering of each root, written by index from worker threads.
private final class RootResults: @unchecked Sendable {
    private var slots: [Lowering?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ lowering: Lowering) {
        lock.lock()
        slots[index] = lowering
        lock.unlock()
    }

    var all: [Lowering] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
