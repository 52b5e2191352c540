import ParapetCore
import ParapetSyntax

/// One Kubernetes object, from YAML or lowered from a Terraform `kubernetes_*` resource: the
/// common input of the Kubernetes lowering.
public struct KubernetesObject: Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String?
    public var body: Value
    public var range: SourceRange
    public var origin: FileKind
    /// For Terraform-declared objects, the resource address (`kubernetes_network_policy.egress`).
    public var declaredAs: NodeAddress?
    /// Where it was read, for deciding its deployment unit: the file, or for a Terraform-declared
    /// object its root module directory.
    public var location: String

    public init?(body: Value, origin: FileKind, location: String, declaredAs: NodeAddress? = nil) {
        guard let apiVersion = body["apiVersion"]?.string, let kind = body["kind"]?.string else { return nil }
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = body.at("metadata.name")?.scalarString ?? body.at("metadata.generateName")?.scalarString ?? "(unnamed)"
        self.namespace = body.at("metadata.namespace")?.scalarString
        self.body = body
        self.range = body.range
        self.origin = origin
        self.declaredAs = declaredAs
        self.location = location
    }

    public var group: String {
        let parts = apiVersion.split(separator: "/")
        return parts.count == 2 ? String(parts[0]) : "core"
    }

    static let clusterScoped: Set<String> = [
        "Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration", "APIService", "RuntimeClass", "CSIDriver", "VolumeSnapshotClass",
    ]

    public var isNamespaced: Bool { !Self.clusterScoped.contains(kind) }

    /// Namespace as the API server would set it: explicit, or `default`.
    public var effectiveNamespace: String? { isNamespaced ? (namespace ?? "default") : nil }

    /// The place of an object that a Terraform root module declares: a name inside the root's
    /// directory that no file has, so that two roots are two places, and one root one place.
    public static func location(ofRoot root: String) -> String {
        root == "." ? "(terraform root)" : "\(root)/(terraform root)"
    }

    /// The address within a deployment unit, which is also what makes two objects the same
    /// object to the API server (group, kind, namespace, name): `k8s:apps/Deployment/agents/bot`.
    public var localAddress: String {
        "k8s:\(group)/\(kind)/" + (effectiveNamespace.map { "\($0)/" } ?? "") + name
    }

    /// Workloads by the `WorkloadKind` table (group and kind); the rest by kind, except that a
    /// `Service` outside the core group (Knative's) is not a core Service.
    public var nodeKind: NodeKind {
        if WorkloadKind.find(group: group, kind: kind) != nil { return .workload }
        switch kind {
        case "NetworkPolicy": return .networkPolicy
        case "Service": return group == "core" ? .service : .kubernetesObject
        case "Namespace": return .namespace
        case "ResourceQuota": return .resourceQuota
        case "LimitRange": return .limitRange
        case "ServiceMonitor": return .serviceMonitor
        case "PodMonitor": return .podMonitor
        case "PodDisruptionBudget": return .podDisruptionBudget
        case "HorizontalPodAutoscaler": return .horizontalPodAutoscaler
        case "PersistentVolume": return .persistentVolume
        case "StorageClass": return .storageClass
        default: return .kubernetesObject
        }
    }

    public var labels: [String: String] { Self.labelMap(body.at("metadata.labels")) }

    static func labelMap(_ value: Value?) -> [String: String] {
        var labels: [String: String] = [:]
        for member in value?.members ?? [] {
            if let v = member.value.scalarString { labels[member.key] = v }
        }
        return labels
    }
}

/// A pod template of a workload: the one of a Deployment, or each of a LeaderWorkerSet's leader
/// and worker, a PyTorchJob's replica specs, a RayCluster's head and worker groups.
public struct PodTemplate: Sendable {
    /// The pod spec.
    public var spec: Value
    /// The pod's labels (what selectors match).
    public var labels: [String: String]
    public var annotations: Value?

    /// The first pod template of a workload (what selectors match).
    public init?(workload node: GraphNode) {
        guard let first = Self.all(of: node).first else { return nil }
        self = first
    }

    init?(_ template: Value) {
        guard let spec = template["spec"] else { return nil }
        self.spec = spec
        self.labels = KubernetesObject.labelMap(template.at("metadata.labels"))
        self.annotations = template.at("metadata.annotations")
    }

    /// Every pod template of a workload, in the order `WorkloadKind` lists their paths.
    public static func all(of node: GraphNode) -> [PodTemplate] {
        guard let kind = WorkloadKind.of(node) else { return [] }
        return kind.templates.flatMap { kind.values(at: $0, in: node.attributes) }.compactMap(PodTemplate.init)
    }

    public var containers: [Value] { spec["containers"]?.elements ?? [] }
    public var initContainers: [Value] { spec["initContainers"]?.elements ?? [] }
    public var allContainers: [Value] { initContainers + containers }
}
