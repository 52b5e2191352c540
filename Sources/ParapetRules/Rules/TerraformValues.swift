import ParapetCore
import ParapetGraph
import ParapetSyntax

extension GraphNode {
    /// Whether a range lies inside this node's block.
    func encloses(_ range: SourceRange) -> Bool { self.range.encloses(range) }
}

extension SourceRange {
    func encloses(_ other: SourceRange) -> Bool {
        other.path == path && other.start >= start && other.end <= end
    }
}

extension Value {
    /// Where this value was decided when that is not inside `node`: its evidence (variable default,
    /// tfvars, module argument, local) and the literal that wrote it.
    func provenance(outside node: GraphNode, what: String) -> [RelatedLocation] {
        var locations = evidence
        if !node.encloses(range) { locations.append(RelatedLocation(range: range, message: "\(what) is written here")) }
        return locations
    }

    /// Where to report `element` of this attribute of `node`: the element when it is written in
    /// the block, else the attribute (`var.cidrs`); with where both were decided.
    func locate(_ element: Value, in node: GraphNode) -> (at: SourceRange, related: [RelatedLocation]) {
        let at = node.encloses(element.range) ? element.range : range
        return (at, evidence + element.provenance(outside: node, what: "`\(element.display)`"))
    }
}

extension [RelatedLocation] {
    /// Drops repeats (one range told twice), keeping the first message.
    var unique: [RelatedLocation] {
        var seen: Set<SourceRange> = []
        return filter { seen.insert($0.range).inserted }
    }
}

extension Graph {
    /// False when configuration decides the node does not exist (`count = 0`, `for_each = {}`,
    /// or a module call that makes no instance): it neither triggers a rule nor satisfies one.
    /// Decided once, by the Terraform lowering.
    func mayExist(_ node: GraphNode) -> Bool { node.mayExist }
}

/// The Terraform configurations of a scan: each root module with the modules it calls, grouped
/// by the root directory the lowering recorded on every node.
struct TerraformConfigurations {
    let groups: [(root: String, nodes: [GraphNode])]

    init(_ graph: Graph) {
        var byRoot: [String: [GraphNode]] = [:]
        for node in graph.nodes(.resource) where node.origin == .terraform {
            byRoot[Self.root(of: node, in: graph), default: []].append(node)
        }
        groups = byRoot.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func root(of node: GraphNode, in graph: Graph) -> String {
        node.terraformRoot ?? TerraformModuleSource.directory(of: node.range.path)
    }
}

/// Whether other resources point at a node through one attribute: a flow log's `vpc_id`, a
/// diagnostic setting's `target_resource_id`.
enum Coverage {
    /// A resource of the wanted type provably names the node (see `TerraformReferences`).
    case covered
    /// None names it, and these name nothing Parapet can resolve (a variable without a value, a
    /// data source, a module that is not scanned): they prove nothing either way.
    case unresolved([GraphNode])
    case none

    static func of(_ target: GraphNode, by type: String, through attribute: String, in graph: Graph,
                   configuration: [GraphNode], references: TerraformReferences) -> Coverage {
        var unresolved: [GraphNode] = []
        for source in configuration where source.type == type && graph.mayExist(source) {
            guard let value = source.attributes.member(attribute)?.value else { continue }
            let named = references.resources(in: value, of: source)
            if named.contains(where: { $0.id == target.id }) { return .covered }
            if named.isEmpty && value.isUnknown { unresolved.append(source) }
        }
        return unresolved.isEmpty ? .none : .unresolved(unresolved)
    }
}

/// The resources a Terraform value provably refers to, through the lowering's `references`
/// edges (whose ranges are the reference expressions): those written in the value, and those
/// behind the locals, module arguments and module outputs it came from. A reference proves the
/// resource even when its attribute is unknown (`aws_vpc.main.id`); a variable without a value
/// or a data source proves nothing.
struct TerraformReferences {
    let graph: Graph
    /// `references` edges by the file they are written in, for finding those inside a range.
    private let byPath: [String: [GraphEdge]]

    init(_ graph: Graph) {
        self.graph = graph
        byPath = Dictionary(grouping: graph.edges.filter { $0.label == .references }, by: \.range.path)
    }

    func resources(in value: Value, of node: GraphNode) -> [GraphNode] {
        // Where the value was decided: the expression itself and, for a value that flowed in,
        // the local definitions and module arguments on its way.
        var ranges = [value.range] + value.evidence.map(\.range)
        var frontier: [NodeID] = []
        var seen: Set<NodeID> = [node.id]
        var found: [GraphNode] = []
        while true {
            for range in ranges {
                frontier += (byPath[range.path] ?? []).filter { range.encloses($0.range) }.map(\.to)
            }
            ranges = []
            guard let next = frontier.popLast() else { break }
            guard seen.insert(next).inserted else { continue }
            let target = graph[next]
            switch target.kind {
            case .resource: found.append(target)
            case .local, .output:
                frontier += graph.edges(from: next, label: .references).map(\.to)
            case .variable:
                // A module argument bound to the variable: what it references, in the caller.
                ranges = target.attributes["value"]?.evidence.map(\.range) ?? []
            default: continue
            }
        }
        return found.sorted { $0.id < $1.id }
    }
}

/// Terraform resources that provision or invoke hosted models, keyed by the cloud that bills them.
enum ModelUse {
    enum Cloud: String, CaseIterable {
        case aws, azure, google

        /// The budget resource that caps this cloud's spend; Azure has one type per scope.
        var budget: String {
            switch self {
            case .aws: "aws_budgets_budget"
            case .azure: "azurerm_consumption_budget_*"
            case .google: "google_billing_budget"
            }
        }

        func isBudget(_ type: String) -> Bool {
            budget.hasSuffix("*") ? type.hasPrefix(budget.dropLast()) : type == budget
        }
    }

    static let bedrockTypes: Set<String> = [
        "aws_bedrockagent_agent", "aws_bedrockagent_knowledge_base", "aws_bedrockagent_flow",
        "aws_bedrock_custom_model", "aws_bedrock_provisioned_model_throughput", "aws_bedrock_inference_profile",
        // The Cloud Control provider's counterparts.
        "awscc_bedrock_agent", "awscc_bedrock_knowledge_base", "awscc_bedrock_flow",
    ]

    static func cloud(of type: String) -> Cloud? {
        if bedrockTypes.contains(type) { return .aws }
        if type == "azurerm_cognitive_deployment" { return .azure }
        if type.hasPrefix("google_vertex_ai_endpoint") { return .google }
        return nil
    }
}

extension [GraphNode] {
    /// In source order: file, then position.
    var inSourceOrder: [GraphNode] { sorted { $0.range < $1.range } }
}
