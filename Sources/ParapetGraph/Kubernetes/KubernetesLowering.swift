import Dispatch
import ParapetCore
import ParapetSyntax

/// Kubernetes objects into graph nodes, one per object and deployment unit, then selectors into
/// edges within each unit.
public enum KubernetesLowering {
    /// The objects of a YAML or JSON file: one per document, `List` items expanded.
    public static func objects(in file: ParsedFile) -> [KubernetesObject] {
        objectNodes(in: file).compactMap { KubernetesObject(body: Value($0.node), origin: file.kind, location: file.source.path) }
    }

    /// The documents and `List` items that are objects (they have `apiVersion` and `kind`),
    /// before conversion: what the lowering reads and the census counts.
    public static func objectNodes(in file: ParsedFile) -> [(node: DataNode, kind: String)] {
        var found: [(node: DataNode, kind: String)] = []
        for document in file.documents where document.isMapping {
            let kind = document["kind"]?.string
            let items = (kind == "List" || kind?.hasSuffix("List") == true) ? document["items"]?.sequence : nil
            for object in items ?? [document] {
                guard object["apiVersion"]?.string != nil, let objectKind = object["kind"]?.string else { continue }
                found.append((object, objectKind))
            }
        }
        return found
    }

    /// Adds every object of the Kubernetes files and the objects Terraform declared, in their
    /// deployment units, and links them.
    public static func lower(_ files: [ParsedFile], declared: [KubernetesObject], into graph: inout Graph) {
        let manifests = files.filter { $0.kind == .kubernetes || $0.kind == .kagent }
        // Converting documents to values is per file: done in parallel, kept in file order.
        let converted = ResultSlots<[KubernetesObject]>(count: manifests.count)
        DispatchQueue.concurrentPerform(iterations: manifests.count) { converted.set($0, objects(in: manifests[$0])) }
        let byFile = converted.values
        let read = manifests.indices.map { (manifests[$0].source.path, byFile[$0] ?? []) }
        let units = DeploymentUnits(kustomizations: files.filter { $0.kind == .kustomization },
                                    scannedPaths: Set(files.map(\.source.path))) { excluded in
            read.filter { !excluded.contains($0.0) }.flatMap { $0.1 }.map { ($0.localAddress, $0.location) }
                + declared.map { ($0.localAddress, $0.location) }
        }
        for (path, objects) in read {
            for object in objects {
                if units.patches.contains(path) {
                    // Scoped by its own folder: two overlays patching one object are not duplicates.
                    add(object, scope: DisplayPath.directory(of: path), namespace: nil, patch: true, to: &graph)
                    continue
                }
                for membership in units.memberships(of: path) {
                    add(object, scope: membership.unit, namespace: membership.namespace, to: &graph)
                }
            }
        }
        for object in declared {
            for membership in units.memberships(of: object.location) {
                let id = add(object, scope: membership.unit, namespace: nil, to: &graph)
                if let declaredAs = object.declaredAs, let declaring = graph.node(declaredAs) {
                    graph.connect(declaring.id, id, label: .declares, range: declaring.headerRange)
                }
            }
        }
        link(&graph)
    }

    /// A patch (listed under a kustomization's `patches`) is a partial object: it is a node of
    /// its own kind, never a workload that rules would judge as if it were complete.
    @discardableResult
    static func add(_ object: KubernetesObject, scope: String, namespace: String?, patch: Bool = false, to graph: inout Graph) -> NodeID {
        var object = object
        if let namespace, object.isNamespaced { object.namespace = namespace }
        let local = patch ? "k8s-patch:" + object.localAddress.dropFirst("k8s:".count) : object.localAddress
        return graph.add(address: NodeAddress(scope: scope, local), kind: patch ? .kubernetesObject : object.nodeKind,
                         type: "\(object.apiVersion)/\(object.kind)", range: object.range,
                         headerRange: object.body.at("metadata.name")?.range ?? object.range, attributes: object.body,
                         namespace: object.effectiveNamespace, labels: object.labels, origin: object.origin)
    }

    /// Selector edges: NetworkPolicy, Service, PodMonitor, PodDisruptionBudget → workloads;
    /// ServiceMonitor → Services; HorizontalPodAutoscaler → its scale target. Workloads are indexed
    /// by namespace so each selector is compared only with the pods of its namespaces, and only
    /// objects whose deployment units meet are related.
    public static func link(_ graph: inout Graph) {
        typealias Candidate = (id: NodeID, labels: [String: String], scope: String)
        var podsByNamespace: [String: [Candidate]] = [:]
        for workload in graph.nodes(.workload) {
            guard let template = PodTemplate(workload: workload) else { continue }
            podsByNamespace[workload.namespace ?? "default", default: []].append((workload.id, template.labels, workload.scope))
        }
        var servicesByNamespace: [String: [Candidate]] = [:]
        for service in graph.nodes(.service) {
            servicesByNamespace[service.namespace ?? "default", default: []].append((service.id, service.labels, service.scope))
        }
        let namespaceNames = Set(graph.nodes(.namespace).map(\.name))
        let knownNamespaces = Set(podsByNamespace.keys).union(servicesByNamespace.keys).union(namespaceNames)

        func connect(_ from: GraphNode, _ selector: LabelSelector, among candidates: [Candidate], label: EdgeLabel) {
            for candidate in candidates where Graph.scopesMeet(from.scope, candidate.scope) && selector.matches(candidate.labels) {
                graph.connect(from.id, candidate.id, label: label, range: selector.range)
            }
        }

        for policy in graph.nodes(.networkPolicy) {
            let selector = LabelSelector(policy.attributes.at("spec.podSelector") ?? Value(.object([]), range: policy.range))
            connect(policy, selector, among: podsByNamespace[policy.namespace ?? "default"] ?? [], label: .selects)
        }
        for service in graph.nodes(.service) {
            guard let raw = service.attributes.at("spec.selector"), !(raw.members ?? []).isEmpty || raw.isUnknown else { continue }
            connect(service, LabelSelector(labels: raw), among: podsByNamespace[service.namespace ?? "default"] ?? [], label: .selects)
        }
        for pdb in graph.nodes(.podDisruptionBudget) {
            guard let raw = pdb.attributes.at("spec.selector") else { continue }
            connect(pdb, LabelSelector(raw), among: podsByNamespace[pdb.namespace ?? "default"] ?? [], label: .protects)
        }
        for monitor in graph.nodes(.serviceMonitor) + graph.nodes(.podMonitor) {
            let selector = LabelSelector(monitor.attributes.at("spec.selector") ?? Value(.object([]), range: monitor.range))
            let namespaces = monitoredNamespaces(monitor, known: knownNamespaces)
            let pool = monitor.kind == .serviceMonitor ? servicesByNamespace : podsByNamespace
            for namespace in namespaces {
                connect(monitor, selector, among: pool[namespace] ?? [], label: .monitors)
            }
        }
        for hpa in graph.nodes(.horizontalPodAutoscaler) {
            guard let target = hpa.attributes.at("spec.scaleTargetRef"), let kind = target["kind"]?.string,
                  let name = target["name"]?.scalarString else { continue }
            let group = (target["apiVersion"]?.string?.split(separator: "/").first).map(String.init) ?? "apps"
            if let workload = graph.node(local: "k8s:\(group)/\(kind)/\(hpa.namespace ?? "default")/\(name)", seenFrom: hpa.scope) {
                graph.connect(hpa.id, workload.id, label: .scales, range: target.range)
            }
        }
    }

    /// The namespaces a monitor looks in: its own by default, `any: true` for all, or `matchNames`.
    static func monitoredNamespaces(_ monitor: GraphNode, known: Set<String>) -> [String] {
        let own = monitor.namespace ?? "default"
        guard let selector = monitor.attributes.at("spec.namespaceSelector") else { return [own] }
        if selector["any"]?.bool == true { return known.sorted() }
        let names = selector["matchNames"]?.strings ?? []
        return names.isEmpty ? [own] : names
    }
}
