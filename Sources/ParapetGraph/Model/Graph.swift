import ParapetCore
import ParapetSyntax

/// What a node is, independent of where it was declared: a Deployment from YAML and a
/// `kubernetes_deployment` from Terraform are both `.workload`.
public enum NodeKind: String, Sendable, Hashable, CaseIterable, Comparable {
    // Kubernetes
    case workload, networkPolicy = "network-policy", service, namespace, resourceQuota = "resource-quota"
    case limitRange = "limit-range", serviceMonitor = "service-monitor", podMonitor = "pod-monitor"
    case podDisruptionBudget = "pod-disruption-budget", horizontalPodAutoscaler = "horizontal-pod-autoscaler"
    case persistentVolume = "persistent-volume", storageClass = "storage-class", kubernetesObject = "kubernetes-object"
    // Terraform
    case resource, dataSource = "data-source", module, variable, local, output
    case planChange = "plan-change"
    // Agents
    case agent, model, tool, mcpServer = "mcp-server"

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

public struct NodeID: Hashable, Comparable, Sendable {
    public let index: Int
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.index < rhs.index }
}

/// A node of the unified graph.
public struct GraphNode: Sendable {
    public var id: NodeID
    /// Stable address: `aws_security_group.web`, `module.net.aws_vpc.main`,
    /// `k8s:apps/Deployment/agents/support-bot`.
    public var address: String
    public var kind: NodeKind
    /// The raw type: `aws_security_group`, `apps/v1/Deployment`, `claude-settings`.
    public var type: String
    public var range: SourceRange
    /// The attribute tree (Kubernetes object, evaluated Terraform body, agent facets).
    public var attributes: Value
    /// Kubernetes namespace (explicit or `default`) for namespaced objects.
    public var namespace: String?
    public var labels: [String: String]
    /// `count` / `for_each` when present: the node stands for that many instances.
    public var multiplicity: Value?
    /// The file kind it was read from.
    public var origin: FileKind
    /// Terraform nodes: the root module directory they were lowered under, and their address
    /// within it (`module.net.aws_vpc.main`). The graph address adds `<root>//` when the root is
    /// not the working directory, so that two roots with `aws_vpc.main` stay two nodes.
    public var terraformRoot: String?
    public var localAddress: String?

    public var name: String { String(address.split(separator: "/").last ?? Substring(address)) }

    /// The address people read: a Terraform node's address within its root module.
    public var displayAddress: String { localAddress ?? address }
}

/// A labeled edge: `selects`, `references`, `restricts`, `logs-to`, `runs`, `uses-model`.
public struct GraphEdge: Hashable, Sendable {
    public var from: NodeID
    public var to: NodeID
    public var label: String
    /// What made the edge: the selector, the reference expression.
    public var range: SourceRange
}

/// The unified graph with indexes by kind, address and namespace.
public struct Graph: Sendable {
    public private(set) var nodes: [GraphNode] = []
    public private(set) var edges: [GraphEdge] = []
    /// The normalized facets of every `agent` node.
    public private(set) var agents: [NodeID: AgentProfile] = [:]
    private var byKind: [NodeKind: [NodeID]] = [:]
    private var byAddress: [String: NodeID] = [:]
    private var outgoing: [NodeID: [Int]] = [:]
    private var incoming: [NodeID: [Int]] = [:]

    public init() {}

    @discardableResult
    public mutating func add(address: String, kind: NodeKind, type: String, range: SourceRange, attributes: Value,
                             namespace: String? = nil, labels: [String: String] = [:], multiplicity: Value? = nil,
                             origin: FileKind, terraform: (root: String, local: String)? = nil) -> NodeID {
        if let existing = byAddress[address] { return existing }
        let id = NodeID(index: nodes.count)
        nodes.append(GraphNode(id: id, address: address, kind: kind, type: type, range: range, attributes: attributes,
                               namespace: namespace, labels: labels, multiplicity: multiplicity, origin: origin,
                               terraformRoot: terraform?.root, localAddress: terraform?.local))
        byKind[kind, default: []].append(id)
        byAddress[address] = id
        return id
    }

    public mutating func connect(_ from: NodeID, _ to: NodeID, label: String, range: SourceRange) {
        let edge = GraphEdge(from: from, to: to, label: label, range: range)
        edges.append(edge)
        outgoing[from, default: []].append(edges.count - 1)
        incoming[to, default: []].append(edges.count - 1)
    }

    public mutating func update(_ id: NodeID, _ body: (inout GraphNode) -> Void) {
        body(&nodes[id.index])
    }

    /// Adds an agent node (`agent:<path>#<name>`), a node per tool server it uses, and the
    /// edges of its links whose targets exist (links to nodes added later are made by `linkAgents`).
    @discardableResult
    public mutating func addAgent(_ profile: AgentProfile) -> NodeID {
        var address = "agent:\(profile.range.path)#\(profile.name)"
        var suffix = 2
        while byAddress[address] != nil {
            address = "agent:\(profile.range.path)#\(profile.name)-\(suffix)"
            suffix += 1
        }
        let id = add(address: address, kind: .agent, type: profile.format.rawValue, range: profile.range,
                     attributes: Value(.object([]), range: profile.range), origin: profile.format)
        agents[id] = profile
        for server in profile.servers.value ?? [] {
            let serverID = add(address: "mcp:\(server.range.path)#\(server.name)", kind: .mcpServer, type: server.transport.rawValue,
                               range: server.range, attributes: Value(.object([]), range: server.range), origin: profile.format)
            connect(id, serverID, label: "uses-server", range: server.range)
        }
        return id
    }

    /// Resolves agents' links (`runs-in`, `uses-model-config`) to the nodes now in the graph.
    public mutating func linkAgents() {
        for (id, profile) in agents.sorted(by: { $0.key < $1.key }) {
            for link in profile.links {
                if let target = byAddress[link.address], !edges(from: id, label: link.label).contains(where: { $0.to == target }) {
                    connect(id, target, label: link.label, range: link.range)
                }
            }
        }
    }

    public subscript(id: NodeID) -> GraphNode { nodes[id.index] }

    /// The graph address of a Terraform node of a root module.
    public static func terraformAddress(root: String, local: String) -> String {
        root == "." ? local : "\(root)//\(local)"
    }

    /// A Terraform node by its root and its address within the root.
    public func terraformNode(root: String, local: String) -> GraphNode? {
        node(Self.terraformAddress(root: root, local: local))
    }
    public func node(_ address: String) -> GraphNode? { byAddress[address].map { nodes[$0.index] } }
    public func nodes(_ kind: NodeKind) -> [GraphNode] { (byKind[kind] ?? []).map { nodes[$0.index] } }
    public func edges(from id: NodeID, label: String? = nil) -> [GraphEdge] {
        (outgoing[id] ?? []).map { edges[$0] }.filter { label == nil || $0.label == label }
    }
    public func edges(to id: NodeID, label: String? = nil) -> [GraphEdge] {
        (incoming[id] ?? []).map { edges[$0] }.filter { label == nil || $0.label == label }
    }
}
