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
    /// Stable identity: `aws_security_group.web`, `examples/a//module.net.aws_vpc.main`,
    /// `k8s:apps/Deployment/agents/support-bot`, `envs/prod//k8s:apps/Deployment/agents/bot`.
    public var address: NodeAddress
    public var kind: NodeKind
    /// The raw type: `aws_security_group`, `apps/v1/Deployment`, `claude-settings`.
    public var type: String
    /// The whole declaration.
    public var range: SourceRange
    /// Where a finding about the object as a whole, or about something it lacks, points: a
    /// Terraform block's header (`resource "aws_vpc" "main"`), a Kubernetes object's
    /// `metadata.name`, an agent's definition.
    public var headerRange: SourceRange
    /// The attribute tree (Kubernetes object, evaluated Terraform body, agent facets).
    public var attributes: Value
    /// Kubernetes namespace (explicit, set by a kustomization, or `default`) for namespaced objects.
    public var namespace: String?
    public var labels: [String: String]
    /// `count` / `for_each` as evaluated, when present.
    public var multiplicity: Value?
    /// Which instance of its block this node is (Terraform); `.single` elsewhere.
    public var instance: TerraformInstance
    /// The file kind it was read from.
    public var origin: FileKind
    /// Terraform nodes: the root module directory they were lowered under, and their address
    /// within it (`module.net.aws_vpc.main`, `aws_s3_bucket.this["logs"]`).
    public var terraformRoot: String?
    public var localAddress: String?

    /// The last part of the address: a Kubernetes object's or agent's name (without the
    /// ordinal `#2` a repeated identity gets).
    public var name: String {
        var local = Substring(address.local)
        if kind != .agent, let hash = local.lastIndex(of: "#"), local[local.index(after: hash)...].allSatisfy(\.isNumber),
           local.index(after: hash) < local.endIndex {
            local = local[..<hash]
        }
        return String(local.split(separator: "/").last ?? local)
    }

    /// The address people read: a Terraform node's address within its root module.
    public var displayAddress: String { localAddress ?? address.description }

    /// The deployment unit (Kubernetes) or root module (Terraform) the node belongs to.
    public var scope: String { address.scope }

    /// False when configuration decides the object does not exist (`count = 0`).
    public var mayExist: Bool { instance.mayExist }
}

/// A labeled edge: `selects`, `references`, `runs-in`, `uses-server`, ...
public struct GraphEdge: Hashable, Sendable {
    public var from: NodeID
    public var to: NodeID
    public var label: EdgeLabel
    /// What made the edge: the selector, the reference expression.
    public var range: SourceRange
}

/// Two objects read with the same identity in one scope: both are nodes, and this says so.
public struct DuplicateObject: Sendable {
    public var first: NodeID
    public var second: NodeID
}

/// The unified graph with indexes by kind, address and namespace.
public struct Graph: Sendable {
    public private(set) var nodes: [GraphNode] = []
    public private(set) var edges: [GraphEdge] = []
    /// The normalized facets of every `agent` node.
    public private(set) var agents: [NodeID: AgentProfile] = [:]
    /// Objects whose identity repeats inside one scope (each is still a node).
    public private(set) var duplicates: [DuplicateObject] = []
    private var byKind: [NodeKind: [NodeID]] = [:]
    private var byType: [String: [NodeID]] = [:]
    private var byAddress: [NodeAddress: NodeID] = [:]
    /// Nodes by their address within a scope, across scopes (for scope-aware lookups).
    private var byLocal: [String: [NodeID]] = [:]
    /// The next ordinal of each repeated address, so that many repeats stay linear.
    private var nextOrdinal: [NodeAddress: Int] = [:]
    private var outgoing: [NodeID: [Int]] = [:]
    private var incoming: [NodeID: [Int]] = [:]

    public init() {}

    /// Makes room for `count` more nodes, so that adding many does not rehash the indexes.
    public mutating func reserveCapacity(nodes count: Int) {
        nodes.reserveCapacity(nodes.count + count)
        byAddress.reserveCapacity(byAddress.count + count)
        byLocal.reserveCapacity(byLocal.count + count)
    }

    /// Adds a node. An address already taken in its scope never drops the new object: it is
    /// added as `local#2` (`#3`, ...) and recorded in `duplicates`.
    @discardableResult
    public mutating func add(address: NodeAddress, kind: NodeKind, type: String, range: SourceRange, headerRange: SourceRange? = nil,
                             attributes: Value, namespace: String? = nil, labels: [String: String] = [:], multiplicity: Value? = nil,
                             instance: TerraformInstance = .single, origin: FileKind, terraform: (root: String, local: String)? = nil) -> NodeID {
        let id = NodeID(index: nodes.count)
        var unique = address
        var ordinalSuffix = ""
        var repeated: NodeID?
        // One hash in the common case: the address is taken for the new node, and given back
        // when it already had one.
        if let existing = byAddress.updateValue(id, forKey: address) {
            byAddress[address] = existing
            repeated = existing
            var ordinal = nextOrdinal[address] ?? 2
            while byAddress[NodeAddress(scope: address.scope, "\(address.local)#\(ordinal)")] != nil { ordinal += 1 }
            nextOrdinal[address] = ordinal + 1
            ordinalSuffix = "#\(ordinal)"
            unique = NodeAddress(scope: address.scope, address.local + ordinalSuffix)
            byAddress[unique] = id
        }
        // A node is some hundreds of bytes: past the reserved room the array grows by an
        // eighth, not twice over, so that neither the spare room nor the moment both arrays
        // exist costs as much as the graph itself.
        if nodes.count == nodes.capacity { nodes.reserveCapacity(nodes.count + max(64, nodes.count / 8)) }
        nodes.append(GraphNode(id: id, address: unique, kind: kind, type: type, range: range, headerRange: headerRange ?? range,
                               attributes: attributes, namespace: namespace, labels: labels, multiplicity: multiplicity,
                               instance: instance, origin: origin, terraformRoot: terraform?.root,
                               // `+ ""` would copy the string: the common case shares it.
                               localAddress: terraform.map { ordinalSuffix.isEmpty ? $0.local : $0.local + ordinalSuffix }))
        byKind[kind, default: []].append(id)
        byType[type, default: []].append(id)
        byLocal[address.local, default: []].append(id)
        if let repeated { duplicates.append(DuplicateObject(first: repeated, second: id)) }
        return id
    }

    /// The node at `address`, added when absent: for one thing that several readers name (an MCP
    /// server entry that two agents of one file share).
    public mutating func node(at address: NodeAddress, orAdd make: () -> (kind: NodeKind, type: String, range: SourceRange, origin: FileKind)) -> NodeID {
        if let existing = byAddress[address] { return existing }
        let spec = make()
        return add(address: address, kind: spec.kind, type: spec.type, range: spec.range,
                   attributes: Value(.object([]), range: spec.range), origin: spec.origin)
    }

    public mutating func connect(_ from: NodeID, _ to: NodeID, label: EdgeLabel, range: SourceRange) {
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
        var local = "agent:\(profile.range.path)#\(profile.name)"
        var suffix = 2
        while byAddress[NodeAddress(local)] != nil {
            local = "agent:\(profile.range.path)#\(profile.name)-\(suffix)"
            suffix += 1
        }
        let id = add(address: NodeAddress(local), kind: .agent, type: profile.format.rawValue, range: profile.range,
                     attributes: Value(.object([]), range: profile.range), origin: profile.format)
        agents[id] = profile
        for server in profile.servers.value ?? [] {
            let serverID = node(at: NodeAddress("mcp:\(server.range.path)#\(server.name)")) {
                (.mcpServer, server.transport.rawValue, server.range, profile.format)
            }
            connect(id, serverID, label: .usesServer, range: server.range)
        }
        return id
    }

    /// Resolves agents' links (`runs-in`, `uses-model-config`) to the nodes now in the graph; a
    /// link into Kubernetes resolves within the deployment units that can see the agent's file.
    public mutating func linkAgents() {
        for (id, profile) in agents.sorted(by: { $0.key < $1.key }) {
            for link in profile.links {
                for target in resolve(link.address, from: profile.range.path) where !edges(from: id, label: link.label).contains(where: { $0.to == target }) {
                    connect(id, target, label: link.label, range: link.range)
                }
            }
        }
    }

    /// The nodes a link written in `path` names: the exact address when it has one, else the
    /// scoped nodes with that local address whose scope can see the file.
    public func resolve(_ address: String, from path: String) -> [NodeID] {
        if let exact = node(address) { return [exact.id] }
        let candidates = byLocal[address] ?? []
        let visible = candidates.filter { Self.scope(nodes[$0.index].scope, contains: path) }
        return visible.isEmpty && candidates.count == 1 ? candidates : visible
    }

    public subscript(id: NodeID) -> GraphNode { nodes[id.index] }

    /// The address of a Terraform node of a root module.
    public static func terraformAddress(root: String, local: String) -> NodeAddress {
        NodeAddress(scope: root, local)
    }

    /// A Terraform node by its root and its address within the root.
    public func terraformNode(root: String, local: String) -> GraphNode? {
        node(Self.terraformAddress(root: root, local: local))
    }
    public func node(_ address: NodeAddress) -> GraphNode? { byAddress[address].map { nodes[$0.index] } }
    /// A node by its rendered address (`examples/a//aws_vpc.main`).
    public func node(_ rendered: String) -> GraphNode? {
        if let separator = rendered.firstRange(of: "//"), !rendered.hasPrefix("k8s:"), !rendered.hasPrefix("agent:"), !rendered.hasPrefix("mcp:"),
           !rendered.hasPrefix("plan:") {
            return node(NodeAddress(scope: String(rendered[..<separator.lowerBound]), String(rendered[separator.upperBound...])))
        }
        return node(NodeAddress(rendered))
    }
    /// The node with this address within the scope `scope`, or the nearest enclosing scope that
    /// has one: what an object of that deployment unit means by the name.
    public func node(local: String, seenFrom scope: String) -> GraphNode? {
        let candidates = byLocal[local] ?? []
        var best: GraphNode?
        for id in candidates {
            let candidate = nodes[id.index]
            guard candidate.scope == scope || candidate.scope.isEmpty || scope.hasPrefix(candidate.scope + "/") else { continue }
            if best == nil || candidate.scope.count > (best?.scope.count ?? 0) { best = candidate }
        }
        return best
    }
    /// Nodes with this address within some scope (`k8s:apps/Deployment/agents/bot` in every unit).
    public func nodes(local: String) -> [GraphNode] { (byLocal[local] ?? []).map { nodes[$0.index] } }
    public func nodes(_ kind: NodeKind) -> [GraphNode] { (byKind[kind] ?? []).map { nodes[$0.index] } }
    /// Nodes of one raw type (`aws_lambda_function`), in graph order, without visiting the others.
    public func nodes(ofType type: String) -> [GraphNode] { (byType[type] ?? []).map { nodes[$0.index] } }
    public func edges(from id: NodeID, label: EdgeLabel? = nil) -> [GraphEdge] {
        (outgoing[id] ?? []).map { edges[$0] }.filter { label == nil || $0.label == label }
    }
    public func edges(to id: NodeID, label: EdgeLabel? = nil) -> [GraphEdge] {
        (incoming[id] ?? []).map { edges[$0] }.filter { label == nil || $0.label == label }
    }

    /// Whether two scopes see each other: the same unit, or one inside the other (the scan's
    /// own scope `""` holds what belongs to every unit: a shared namespace, quota or policy).
    public static func scopesMeet(_ a: String, _ b: String) -> Bool {
        a == b || a.isEmpty || b.isEmpty || a.hasPrefix(b + "/") || b.hasPrefix(a + "/")
    }

    /// Whether a file at `path` lies in `scope`.
    public static func scope(_ scope: String, contains path: String) -> Bool {
        scope.isEmpty || path == scope || path.hasPrefix(scope + "/")
    }
}
