import ParapetCore
import ParapetGraph

/// What one Kubernetes workload is, with everything around it that rules judge.
public struct WorkloadFacts: Sendable {
    public var node: NodeID
    /// The kind as people say it: `Deployment`, `CronJob`.
    public var kind: String
    /// Its pod templates (a LeaderWorkerSet has a leader's and a worker's), by `WorkloadKind`.
    public var templates: [PodTemplate]
    /// Init containers and containers of every template.
    public var containers: [ContainerFacts]
    /// Whether its pods stay up (Deployment, StatefulSet, Rollout, ...), not run to completion.
    public var isLongRunning: Bool
    /// Probes the operator adds to every container itself (Knative adds a readiness probe).
    public var injectedProbes: Set<String>
    public var egress: NetworkPosture
    public var ingress: NetworkPosture
    /// Services whose selector matches its pods (within its deployment unit).
    public var services: [NodeID]
    /// ServiceMonitors and PodMonitors that scrape it, directly or through a Service.
    public var monitors: [NodeID]
    /// ResourceQuotas and LimitRanges of its namespace (within its deployment unit).
    public var quotas: [NodeID]
    /// The service account its pods run as (`default` when the template names none), and where.
    public var serviceAccount: (name: String, range: SourceRange?)
    /// Whether its namespace is written in the files (its own `metadata.namespace`, or a
    /// Namespace object of that name), rather than decided by `kubectl -n` at apply time.
    public var namespaceIsDeclared: Bool

    init(_ workload: GraphNode, graph: Graph, index: KubernetesIndex) {
        node = workload.id
        kind = workload.type.split(separator: "/").last.map(String.init) ?? workload.type
        templates = PodTemplate.all(of: workload)
        containers = templates.flatMap { template in
            template.initContainers.map { ContainerFacts($0, isInit: true) } + template.containers.map { ContainerFacts($0, isInit: false) }
        }
        let table = WorkloadKind.of(workload)
        isLongRunning = table?.lifecycle == .service
        injectedProbes = table?.injectedProbes ?? []
        let namespace = workload.namespace ?? "default"
        egress = NetworkPosture.of(workload, direction: .egress, policies: index.egressPolicies[namespace] ?? [], graph: graph)
        ingress = NetworkPosture.of(workload, direction: .ingress, policies: index.ingressPolicies[namespace] ?? [], graph: graph)
        let selectors = graph.edges(to: workload.id, label: .selects).map { graph[$0.from] }
        services = selectors.filter { $0.kind == .service }.map(\.id)
        var monitors = graph.edges(to: workload.id, label: .monitors).map(\.from)
        for service in services { monitors += graph.edges(to: service, label: .monitors).map(\.from) }
        self.monitors = monitors
        quotas = (index.quotas[namespace] ?? []).filter { Graph.scopesMeet($0.scope, workload.scope) }.map(\.id)
        if let account = templates.first?.spec["serviceAccountName"] ?? templates.first?.spec["serviceAccount"], let name = account.scalarString {
            serviceAccount = (name, account.range)
        } else {
            serviceAccount = ("default", nil)
        }
        namespaceIsDeclared = workload.attributes.at("metadata.namespace") != nil
            || (index.namespaces[namespace] ?? []).contains { Graph.scopesMeet($0, workload.scope) }
    }
}

/// One container of a pod template: its name, where to point, and its resource limits.
public struct ContainerFacts: Sendable {
    public var name: String
    /// The `name:` key, or the container.
    public var range: SourceRange
    public var isInit: Bool
    public var value: Value
    /// Resources without a limit (`cpu`, `memory`, and GPU resources that are requested);
    /// empty when limits are set or not knowable.
    public var missingLimits: [String]

    init(_ container: Value, isInit: Bool) {
        value = container
        self.isInit = isInit
        name = container["name"]?.string ?? "(unnamed)"
        range = container.member("name")?.keyRange ?? container.range
        var missing: [String] = []
        let resources = container["resources"]
        let limits = resources?["limits"]
        if resources?.isUnknown != true && limits?.isUnknown != true {
            for resource in ["cpu", "memory"] where limits?[resource] == nil { missing.append(resource) }
            for request in resources?["requests"]?.members ?? [] where request.key.hasSuffix("/gpu") && limits?[request.key] == nil {
                missing.append(request.key)
            }
        }
        missingLimits = missing
    }
}
