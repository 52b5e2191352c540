import ParapetCore
import ParapetSyntax

/// Kubernetes objects into graph nodes, then selectors into edges.
public enum KubernetesLowering {
    /// The objects of a YAML file: one per document, `List` items expanded.
    public static func objects(in file: ParsedFile) -> [KubernetesObject] {
        var objects: [KubernetesObject] = []
        for document in file.documents where document.isMapping {
            let value = Value(document)
            if value["kind"]?.string == "List" || value["kind"]?.string?.hasSuffix("List") == true, let items = value["items"]?.list {
                objects += items.compactMap { KubernetesObject(body: $0, origin: file.kind) }
            } else if let object = KubernetesObject(body: value, origin: file.kind) {
                objects.append(object)
            }
        }
        return objects
    }

    public static func add(_ object: KubernetesObject, to graph: inout Graph) {
        graph.add(address: object.address, kind: object.nodeKind, type: "\(object.apiVersion)/\(object.kind)",
                  range: object.range, attributes: object.body, namespace: object.effectiveNamespace,
                  labels: object.labels, origin: object.origin)
    }

    /// Selector edges: NetworkPolicy, Service, PodMonitor, PodDisruptionBudget → workloads;
    /// ServiceMonitor → Services; HorizontalPodAutoscaler → its scale target. Workloads are indexed
    /// by namespace so each selector is compared only with the pods of its namespaces.
    public static func link(_ graph: inout Graph) {
        var podsByNamespace: [String: [(NodeID, [String: String])]] = [:]
        for workload in graph.nodes(.workload) {
            guard let template = PodTemplate(workload: workload) else { continue }
            podsByNamespace[workload.namespace ?? "default", default: []].append((workload.id, template.labels))
        }
        var servicesByNamespace: [String: [(NodeID, [String: String])]] = [:]
        for service in graph.nodes(.service) {
            servicesByNamespace[service.namespace ?? "default", default: []].append((service.id, service.labels))
        }
        let namespaceLabels = Dictionary(graph.nodes(.namespace).map { ($0.name, $0.labels) }, uniquingKeysWith: { a, _ in a })
        let knownNamespaces = Set(podsByNamespace.keys).union(servicesByNamespace.keys).union(namespaceLabels.keys)

        func connect(_ from: GraphNode, _ selector: LabelSelector, among candidates: [(NodeID, [String: String])], label: String) {
            for (target, labels) in candidates where selector.matches(labels) {
                graph.connect(from.id, target, label: label, range: selector.range)
            }
        }

        for policy in graph.nodes(.networkPolicy) {
            let selector = LabelSelector(policy.attributes.at("spec.podSelector") ?? Value(.object([]), range: policy.range))
            connect(policy, selector, among: podsByNamespace[policy.namespace ?? "default"] ?? [], label: "selects")
        }
        for service in graph.nodes(.service) {
            guard let raw = service.attributes.at("spec.selector"), !(raw.members ?? []).isEmpty || raw.isUnknown else { continue }
            connect(service, LabelSelector(labels: raw), among: podsByNamespace[service.namespace ?? "default"] ?? [], label: "selects")
        }
        for pdb in graph.nodes(.podDisruptionBudget) {
            guard let raw = pdb.attributes.at("spec.selector") else { continue }
            connect(pdb, LabelSelector(raw), among: podsByNamespace[pdb.namespace ?? "default"] ?? [], label: "protects")
        }
        for monitor in graph.nodes(.serviceMonitor) + graph.nodes(.podMonitor) {
            let selector = LabelSelector(monitor.attributes.at("spec.selector") ?? Value(.object([]), range: monitor.range))
            let namespaces = monitoredNamespaces(monitor, known: knownNamespaces)
            let pool = monitor.kind == .serviceMonitor ? servicesByNamespace : podsByNamespace
            for namespace in namespaces {
                connect(monitor, selector, among: pool[namespace] ?? [], label: "monitors")
            }
        }
        for hpa in graph.nodes(.horizontalPodAutoscaler) {
            guard let target = hpa.attributes.at("spec.scaleTargetRef"), let kind = target["kind"]?.string,
                  let name = target["name"]?.scalarString else { continue }
            let group = (target["apiVersion"]?.string?.split(separator: "/").first).map(String.init) ?? "apps"
            if let workload = graph.node("k8s:\(group)/\(kind)/\(hpa.namespace ?? "default")/\(name)") {
                graph.connect(hpa.id, workload.id, label: "scales", range: target.range)
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
