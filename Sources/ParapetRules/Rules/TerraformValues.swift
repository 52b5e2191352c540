import ParapetCore
import ParapetFacts
import ParapetGraph

extension GraphNode {
    /// Whether a range lies inside this node's block.
    func encloses(_ range: SourceRange) -> Bool { self.range.encloses(range) }
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
