import Dispatch
import Foundation
import ParapetCore
import ParapetSyntax

/// Terraform configurations into graph nodes. A directory is a module; a directory that another
/// scanned module calls through a local `source` is lowered only as that call's child, bound to
/// its arguments (so its resources appear at `module.NAME.type.name`, with real inputs). `count`
/// and `for_each` make one node per known instance, with `count.index` / `each.*` bound.
public enum TerraformLowering {
    static let maxModuleDepth = 16
    /// Instances evaluated per block (`ScanLimits.maxInstances`); beyond it, one abstract
    /// instance stands for the rest.
    public static let maxInstances = ScanLimits().maxInstances

    /// Lowers every root module into `graph`; returns the Kubernetes objects that `kubernetes_*`
    /// resources declare, for the Kubernetes lowering to place in their deployment units.
    public static func lower(_ files: [ParsedFile], varFiles: [ParsedFile] = [], into graph: inout Graph,
                             diagnostics: inout [SyntaxDiagnostic]) -> [KubernetesObject] {
        var lowered = evaluate(files, varFiles: varFiles)
        lowered.flush(into: &graph)
        diagnostics += lowered.diagnostics
        return lowered.kubernetes
    }

    /// Every root module evaluated, its nodes not yet in a graph. It holds no syntax tree: once
    /// it exists, the caller may release the files' trees before the nodes move into the graph.
    ///
    /// `onlyRootsReaching`: module directories whose nodes are the only ones reported (a
    /// pre-commit run on changed `.tf` files). Only the roots whose module tree reaches one of
    /// them are evaluated; when those trees declare Kubernetes objects (which may meet manifests
    /// and other roots' objects anywhere), so are the other roots that declare some. No other
    /// root makes a node in those directories, or changes one.
    static func evaluate(_ files: [ParsedFile], varFiles: [ParsedFile], onlyRootsReaching relevant: Set<String>? = nil) -> Lowered {
        let calls = TerraformModuleCalls(files)
        guard let relevant else { return evaluate(roots: calls.roots, modules: calls.modules, varFiles: varFiles) }
        let selection = calls.roots(reaching: relevant)
        return evaluate(roots: selection.roots, modules: calls.modules.filter { selection.modules.contains($0.key) }, varFiles: varFiles)
    }

    /// The directories of the module trees that reach `directories`, and whether those trees
    /// declare Kubernetes objects: if not, no manifest and no other root can change a finding in
    /// those directories, and a pre-commit run on Terraform files need not read them.
    ///
    /// `files` must hold every file with a `module` block or a `kubernetes_*` resource;
    /// `moduleDirectories` names every directory holding Terraform, parsed or not (a directory
    /// with no module call and no Kubernetes object is a tree's leaf whatever its content).
    public static func treesReaching(_ directories: Set<String>, in files: [ParsedFile],
                                     moduleDirectories: Set<String>) -> (modules: Set<String>, declareKubernetes: Bool) {
        let selection = TerraformModuleCalls(files, moduleDirectories: moduleDirectories).roots(reaching: directories)
        return (selection.modules, selection.declareKubernetes)
    }

    private static func evaluate(roots: [String], modules: [String: TerraformModuleSource], varFiles: [ParsedFile]) -> Lowered {
        // What each block refers to is the same in every instance of its module: found once.
        let references = ReferenceTable(modules)
        let results = ResultSlots<Lowering>(count: roots.count)
        DispatchQueue.concurrentPerform(iterations: roots.count) { index in
            guard let module = modules[roots[index]] else { return }
            var lowering = Lowering(modules: modules, references: references)
            lowering.root = roots[index]
            lowering.instantiate(module, prefix: "", inputs: [:], tfvars: module.tfvars + varFiles, stack: [roots[index]], absent: nil)
            lowering.indexDeclarations()
            results.set(index, lowering)
        }
        // Each lowering keeps its nodes until the flush; the merged one only the bookkeeping.
        var lowerings = results.take()
        var merged = Lowering(modules: modules, references: references)
        for lowering in lowerings { merged.absorb(lowering) }
        // Modules that only calls making no instance reach (`count = 0`) are lowered once, as not
        // existing, so that what they declare is still a node; a module some live call reached
        // already has its nodes.
        var done = merged.instantiated
        var index = 0
        while index < merged.deferred.count {
            let call = merged.deferred[index]
            index += 1
            guard !done.contains(call.directory), let module = modules[call.directory] else { continue }
            done.insert(call.directory)
            var lowering = Lowering(modules: modules, references: references)
            lowering.root = call.root
            lowering.instantiate(module, prefix: call.prefix, inputs: [:], tfvars: [], stack: call.stack, absent: call.reason)
            lowering.indexDeclarations()
            merged.absorb(lowering)
            lowerings.append(lowering)
        }
        for index in lowerings.indices { lowerings[index].modules = [:] }
        return Lowered(lowerings: lowerings, kubernetes: merged.kubernetes, diagnostics: merged.diagnostics)
    }

    /// What `evaluate` made: the nodes of each lowering, in order, and what lowering found.
    struct Lowered {
        fileprivate var lowerings: [Lowering]
        var kubernetes: [KubernetesObject]
        var diagnostics: [SyntaxDiagnostic]

        /// The nodes `flush` adds.
        var nodeCount: Int { lowerings.reduce(0) { $0 + $1.pending.count } }

        mutating func flush(into graph: inout Graph) {
            Lowering.flush(&lowerings, into: &graph)
        }
    }
}

/// A node waiting to be added: nodes are collected per root, then added in root order.
private struct PendingNode {
    var root: String
    /// The address within the root, with instance keys: `module.a["x"].aws_s3_bucket.b[0]`.
    var local: String
    /// The same without this block's own instance key, which references name.
    var declaration: String
    var kind: NodeKind
    var type: String
    var range: SourceRange
    var header: SourceRange
    var attributes: Value
    var multiplicity: Value?
    var instance: TerraformInstance
    var references: [(String, SourceRange)]
}

/// One instance a block makes, and the names it binds (`count`, `each`).
private struct BlockInstance {
    var instance: TerraformInstance
    var bindings: [String: Value]
}

/// The state of one lowering.
private struct Lowering {
    /// Emptied once every instance is made, so that the flush holds no syntax tree.
    var modules: [String: TerraformModuleSource]
    /// The root module being lowered.
    var root = "."
    var pending: [PendingNode] = []
    var kubernetes: [KubernetesObject] = []
    var diagnostics: [SyntaxDiagnostic] = []
    /// Module directories instantiated by a call that makes instances.
    var instantiated: Set<String> = []
    /// Calls that make no instance, lowered afterwards only if no live call reached their module.
    var deferred: [(directory: String, root: String, prefix: String, stack: [String], reason: String)] = []

    /// Pending nodes by declaration (`indexDeclarations`): what a reference names, resolved in
    /// the flush without hashing the root again for every node and reference.
    var declarations: [String: [Int]] = [:]

    let references: ReferenceTable

    init(modules: [String: TerraformModuleSource], references: ReferenceTable) {
        self.modules = modules
        self.references = references
    }

    /// Indexes the pending nodes by declaration; run where the lowering ran (in parallel).
    mutating func indexDeclarations() {
        declarations.reserveCapacity(pending.count)
        for (index, node) in pending.enumerated() { declarations[node.declaration, default: []].append(index) }
    }

    /// Everything but the nodes, which `flush` takes from each lowering in turn.
    mutating func absorb(_ other: Lowering) {
        kubernetes += other.kubernetes
        diagnostics += other.diagnostics
        instantiated.formUnion(other.instantiated)
        deferred += other.deferred
    }

    /// `absent` is the reason the module instance makes nothing (a call with `count = 0`): its
    /// blocks are still nodes, marked as not existing, so nothing read is dropped.
    mutating func instantiate(_ module: TerraformModuleSource, prefix: String, inputs: [String: Value], tfvars: [ParsedFile],
                              stack: [String], absent: String?) {
        let instance = ModuleInstance(source: module, prefix: prefix, inputs: inputs, tfvars: tfvars)
        let evaluator = Evaluator(instance: instance)
        // What does not exist is not evaluated: its nodes stand for what was read, nothing more.
        let live = absent == nil
        if live { instantiated.insert(module.directory) }
        let nothing = { (range: SourceRange) in Value(.object([]), range: range) }
        for block in module.blocks {
            let header = block.labels.last.map { block.typeRange.union($0.range) } ?? block.typeRange
            switch block.type {
            case "resource", "data":
                guard block.labels.count >= 2 else { continue }
                let type = block.labelValues[0], name = block.labelValues[1]
                let local = (block.type == "data" ? "data." : "") + "\(type).\(name)"
                let (multiplicity, instances) = Self.instances(of: block, evaluator: evaluator, absent: absent)
                let references = live ? references.of(block.body.range, prefix: prefix) : []
                for made in instances {
                    let attributes = live ? Evaluator(instance: instance, bindings: made.bindings).body(block.body) : nothing(block.body.range)
                    let address = prefix + local + made.instance.suffix
                    if block.type == "resource", made.instance.mayExist,
                       let object = KubernetesResourceLowering.object(type: type, body: attributes, range: block.range,
                                                                      address: Graph.terraformAddress(root: root, local: address), root: root) {
                        kubernetes.append(object)
                    }
                    pending.append(PendingNode(root: root, local: address, declaration: prefix + local, kind: block.type == "data" ? .dataSource : .resource,
                                               type: type, range: block.range, header: header, attributes: attributes,
                                               multiplicity: multiplicity, instance: made.instance, references: references))
                }
            case "variable":
                guard let name = block.label(0) else { continue }
                let value = instance.variable(name, at: block.labels[0].range)
                let attributes = Value(.object([Value.Member(key: "value", keyRange: block.labels[0].range, value: value)]), range: block.range)
                add(prefix + "var.\(name)", .variable, "variable", block, header, attributes, absent: absent)
            case "output":
                guard let name = block.label(0) else { continue }
                add(prefix + "output.\(name)", .output, "output", block, header, live ? evaluator.body(block.body) : nothing(block.body.range),
                    absent: absent, references: live ? references.of(block.body.range, prefix: prefix) : [])
            case "locals":
                for attribute in block.body.attributes {
                    let value = live ? instance.local(attribute.name, at: attribute.value.range) : Value(.unknown(absent ?? ""), range: attribute.value.range)
                    let attributes = Value(.object([Value.Member(key: "value", keyRange: attribute.nameRange, value: value)]), range: attribute.range)
                    pending.append(PendingNode(root: root, local: prefix + "local.\(attribute.name)", declaration: prefix + "local.\(attribute.name)",
                                               kind: .local, type: "local", range: attribute.range, header: attribute.nameRange,
                                               attributes: attributes, multiplicity: nil, instance: absent.map { .none(reason: $0) } ?? .single,
                                               references: live ? references.of(attribute.value.range, prefix: prefix) : []))
                }
            case "module":
                guard let name = block.label(0) else { continue }
                let (multiplicity, instances) = Self.instances(of: block, evaluator: evaluator, absent: absent)
                let references = live ? references.of(block.body.range, prefix: prefix) : []
                for made in instances {
                    let attributes = live ? Evaluator(instance: instance, bindings: made.bindings).body(block.body) : nothing(block.body.range)
                    let call = prefix + "module.\(name)" + made.instance.suffix
                    pending.append(PendingNode(root: root, local: call, declaration: prefix + "module.\(name)", kind: .module, type: "module",
                                               range: block.range, header: header, attributes: attributes, multiplicity: multiplicity,
                                               instance: made.instance, references: references))
                    var childAbsent = absent
                    if childAbsent == nil, case .none(let reason) = made.instance { childAbsent = "`module.\(name)` makes no instance: \(reason)" }
                    instantiateChild(block, name: name, call: call, shown: "module.\(name)" + made.instance.suffix, attributes: attributes, parent: module, stack: stack, absent: childAbsent)
                }
            default:
                continue
            }
        }
        diagnostics += instance.diagnostics
    }

    mutating func add(_ local: String, _ kind: NodeKind, _ type: String, _ block: HCLBlock, _ header: SourceRange, _ attributes: Value,
                      absent: String?, references: [(String, SourceRange)] = []) {
        pending.append(PendingNode(root: root, local: local, declaration: local, kind: kind, type: type, range: block.range, header: header,
                                   attributes: attributes, multiplicity: nil, instance: absent.map { .none(reason: $0) } ?? .single,
                                   references: references))
    }

    mutating func instantiateChild(_ block: HCLBlock, name: String, call: String, shown: String, attributes: Value, parent: TerraformModuleSource,
                                   stack: [String], absent: String?) {
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
            value.evidence.insert(RelatedLocation(range: member.value.range, message: "argument `\(member.key)` of `\(shown)`"), at: 0)
            inputs[member.key] = value
        }
        if let absent {
            deferred.append((directory, root, call + ".", stack + [directory], absent))
            return
        }
        instantiate(child, prefix: call + ".", inputs: inputs, tfvars: [], stack: stack + [directory], absent: nil)
    }

    /// The instances `count` or `for_each` make: none when known to be zero or empty, one per
    /// known element (up to `maxInstances`), or one abstract instance whose `count.index` /
    /// `each.*` are unknown with the reason.
    static func instances(of block: HCLBlock, evaluator: Evaluator, absent: String?) -> (Value?, [BlockInstance]) {
        if let absent { return (nil, [BlockInstance(instance: .none(reason: absent), bindings: [:])]) }
        if let count = block.body.attribute("count") {
            let value = evaluator.evaluate(count.value)
            let range = count.value.range
            guard let number = value.number, number.isFinite, number == number.rounded(), number >= 0 else {
                let reason = Self.unknownReason("count", count.value, value)
                return (value, [BlockInstance(instance: .abstract(reason: reason),
                                              bindings: ["count": Self.object(["index": Value(.unknown(reason), range: range)], range: range)])])
            }
            if number == 0 { return (value, [BlockInstance(instance: .none(reason: "`count` is 0"), bindings: [:])]) }
            let total = number > Double(TerraformLowering.maxInstances) ? TerraformLowering.maxInstances : Int(number)
            var made = (0..<total).map { index in
                BlockInstance(instance: .index(index),
                              bindings: ["count": Self.object(["index": Value(.number(Double(index)), range: range, evidence: value.evidence)], range: range)])
            }
            if number > Double(TerraformLowering.maxInstances) {
                let reason = "`count` is \(value.display), over the \(TerraformLowering.maxInstances) instances Parapet evaluates"
                made.append(BlockInstance(instance: .abstract(reason: reason),
                                          bindings: ["count": Self.object(["index": Value(.unknown(reason), range: range)], range: range)]))
            }
            return (value, made)
        }
        if let forEach = block.body.attribute("for_each") {
            let value = evaluator.evaluate(forEach.value)
            let range = forEach.value.range
            let elements: [(key: String, value: Value)]?
            switch value.content {
            case .object(let members): elements = members.map { ($0.key, $0.value) }
            case .list(let items):
                // A set of strings: each key is its value.
                let keys = items.map(\.scalarString)
                elements = keys.contains(nil) ? nil : zip(keys, items).map { ($0.0 ?? "", $0.1) }
            default: elements = nil
            }
            guard let elements else {
                let reason = Self.unknownReason("for_each", forEach.value, value)
                let unknown = Value(.unknown(reason), range: range)
                return (value, [BlockInstance(instance: .abstract(reason: reason), bindings: ["each": Self.object(["key": unknown, "value": unknown], range: range)])])
            }
            if elements.isEmpty { return (value, [BlockInstance(instance: .none(reason: "`for_each` is empty"), bindings: [:])]) }
            var made: [BlockInstance] = []
            var seen: Set<String> = []
            // Terraform orders instances by key; so does the graph (and so its output).
            for element in elements.sorted(by: { $0.key < $1.key }) where seen.insert(element.key).inserted {
                guard made.count < TerraformLowering.maxInstances else {
                    let reason = "`for_each` has \(elements.count) elements, over the \(TerraformLowering.maxInstances) instances Parapet evaluates"
                    let unknown = Value(.unknown(reason), range: range)
                    made.append(BlockInstance(instance: .abstract(reason: reason), bindings: ["each": Self.object(["key": unknown, "value": unknown], range: range)]))
                    break
                }
                var item = element.value
                item.evidence = value.evidence + item.evidence + [RelatedLocation(range: item.range, message: "`each.value` for key `\(element.key)`")]
                let key = Value(.string(element.key), range: item.range, evidence: value.evidence)
                made.append(BlockInstance(instance: .key(element.key), bindings: ["each": Self.object(["key": key, "value": item], range: range)]))
            }
            return (value, made)
        }
        return (nil, [BlockInstance(instance: .single, bindings: [:])])
    }

    /// Why `count` or `for_each` is not known: the references it depends on, and the value's own reason.
    static func unknownReason(_ argument: String, _ expression: HCLExpression, _ value: Value) -> String {
        let names = expression.references.map { $0.staticTraversalPrefix.joined(separator: ".") }
        var unique: [String] = []
        for name in names where !name.isEmpty && !unique.contains(name) { unique.append(name) }
        let detail: String
        if case .unknown(let why) = value.content { detail = why } else { detail = "it is `\(value.display)`, not a whole number or collection" }
        return unique.isEmpty ? "`\(argument)` is not known (\(detail))"
            : "`\(argument)` depends on \(unique.prefix(3).map { "`\($0)`" }.joined(separator: ", ")), not known before apply (\(detail))"
    }

    static func object(_ members: KeyValuePairs<String, Value>, range: SourceRange) -> Value {
        Value(.object(members.map { Value.Member(key: $0.key, keyRange: range, value: $0.value) }), range: range)
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

    /// Adds the nodes of every lowering, in order, then their reference edges. Each lowering's
    /// nodes are released as they move into the graph, so that the peak holds them once.
    static func flush(_ lowerings: inout [Lowering], into graph: inout Graph) {
        // Pending nodes are already in a deterministic order (roots sorted, files sorted, blocks in
        // source order, instances in key order), so they are added as they are. Node IDs are
        // consecutive, so a lowering's pending node `i` becomes node `first[lowering] + i`.
        let total = lowerings.reduce(0) { $0 + $1.pending.count }
        graph.reserveCapacity(nodes: total)
        var first: [Int] = []
        first.reserveCapacity(lowerings.count)
        var references: [(from: NodeID, lowering: Int, targets: [(String, SourceRange)])] = []
        references.reserveCapacity(total)
        for index in lowerings.indices {
            let pending = lowerings[index].pending
            lowerings[index].pending = []
            first.append(graph.nodes.count)
            for node in pending {
                let id = graph.add(address: Graph.terraformAddress(root: node.root, local: node.local), kind: node.kind, type: node.type,
                                   range: node.range, headerRange: node.header, attributes: node.attributes, multiplicity: node.multiplicity,
                                   instance: node.instance, origin: .terraform, terraform: (node.root, node.local))
                if !node.references.isEmpty { references.append((id, index, node.references)) }
            }
        }
        // A reference names a declaration of its own root, made by its root's lowering or by the
        // lowering of a module call that makes no instance (the same root): targets in
        // lowering order, so in node order.
        var sameRoot: [String: [Int]] = [:]
        for index in lowerings.indices { sameRoot[lowerings[index].root, default: []].append(index) }
        let lowerers = lowerings.map { sameRoot[$0.root] ?? [] }
        for (from, lowering, targets) in references {
            for (target, range) in targets {
                for other in lowerers[lowering] {
                    for local in lowerings[other].declarations[target] ?? [] where NodeID(index: first[other] + local) != from {
                        graph.connect(from, NodeID(index: first[other] + local), label: .references, range: range)
                    }
                }
            }
        }
    }
}

/// The references of every block body and local of every module, without a module prefix:
/// computed once, read by every instance of the module (from several threads, never written).
private final class ReferenceTable: @unchecked Sendable {
    private var table: [SourceRange: [(String, SourceRange)]] = [:]

    /// Modules are read in parallel (each range lies in one module's files, so no two write
    /// one key), then merged.
    init(_ modules: [String: TerraformModuleSource]) {
        let sources = Array(modules.values)
        let found = ResultSlots<[(SourceRange, [(String, SourceRange)])]>(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count) { index in
            var entries: [(SourceRange, [(String, SourceRange)])] = []
            for block in sources[index].blocks {
                switch block.type {
                case "locals":
                    for attribute in block.body.attributes { entries.append((attribute.value.range, Lowering.references(in: attribute.value, prefix: ""))) }
                case "resource", "data", "output", "module":
                    entries.append((block.body.range, Lowering.references(in: block.body, prefix: "")))
                default:
                    continue
                }
            }
            found.set(index, entries)
        }
        let all = found.take()
        table.reserveCapacity(all.reduce(0) { $0 + $1.count })
        for entries in all {
            for (range, references) in entries { table[range] = references }
        }
    }

    /// The references written at `range`, as addresses of the module instance at `prefix`.
    func of(_ range: SourceRange, prefix: String) -> [(String, SourceRange)] {
        guard let found = table[range] else { return [] }
        return prefix.isEmpty ? found : found.map { (prefix + $0.0, $0.1) }
    }
}

/// The module call graph of the scanned Terraform: every module directory, which of them no
/// scanned module calls through a local `source` (the roots), and what each calls.
struct TerraformModuleCalls {
    let modules: [String: TerraformModuleSource]
    /// Sorted, so roots are lowered and merged in a fixed order.
    let roots: [String]
    private var children: [String: [String]] = [:]

    /// `moduleDirectories`: directories known to hold Terraform besides those of `files`.
    init(_ files: [ParsedFile], moduleDirectories: Set<String> = []) {
        modules = TerraformModuleSource.group(files)
        let known = moduleDirectories.union(modules.keys)
        var called: Set<String> = []
        for (directory, module) in modules {
            for block in module.blocks where block.type == "module" {
                if let source = block.body["source"]?.literalString, let child = TerraformModuleSource.resolve(source, from: directory),
                   known.contains(child), child != directory {
                    called.insert(child)
                    children[directory, default: []].append(child)
                }
            }
        }
        roots = known.sorted().filter { !called.contains($0) }
    }

    /// The directories of a root's module tree, itself included.
    func tree(of root: String) -> Set<String> {
        var tree: Set<String> = [root]
        var stack = [root]
        while let directory = stack.popLast() {
            for child in children[directory] ?? [] where tree.insert(child).inserted { stack.append(child) }
        }
        return tree
    }

    /// The roots whose trees reach `relevant`, and the directories of those trees; when those
    /// trees declare Kubernetes objects, every root whose tree declares some as well, since
    /// their objects meet in the cluster (a policy of one selects pods of another).
    func roots(reaching relevant: Set<String>) -> (roots: [String], modules: Set<String>, declareKubernetes: Bool) {
        let declaring = Set(modules.filter { entry in
            entry.value.blocks.contains { $0.type == "resource" && ($0.label(0)?.hasPrefix("kubernetes_") ?? false) }
        }.keys)
        let trees = roots.map { (root: $0, tree: tree(of: $0)) }
        var kept: Set<String> = [], reachable: Set<String> = []
        for entry in trees where !entry.tree.isDisjoint(with: relevant) {
            kept.insert(entry.root)
            reachable.formUnion(entry.tree)
        }
        let declareKubernetes = !reachable.isDisjoint(with: declaring)
        if declareKubernetes {
            for entry in trees where !entry.tree.isDisjoint(with: declaring) {
                kept.insert(entry.root)
                reachable.formUnion(entry.tree)
            }
        }
        return (roots.filter(kept.contains), reachable, declareKubernetes)
    }
}
