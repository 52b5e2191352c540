import ParapetCore

/// Which Kubernetes objects run pods, and where their pod templates live, keyed by API group and
/// kind: the one place that knows it, so a new operator's workload is a row here and a fixture,
/// not a new `case` in every rule. The kind alone does not decide: Knative's `Service` is a
/// workload, the core `Service` is not.
///
/// Swift rather than a file in `rules/`: the graph layer reads it while lowering, before any
/// rule data is loaded, and a path that does not match its CRD is a bug to fix here with a test.
/// Each row names where its paths come from (checked 2026-12-06).
///
/// Not rows, on purpose: KubeAI `Model` (kubeai.org) has no pod template; the operator builds
/// the pods from `spec.engine`, `spec.url` and a cluster-wide `resourceProfile` (since KubeAI
/// 0.6 a Model cannot set resources), so there are no containers, limits or probes to judge in
/// the manifest. KServe `InferenceService` is read as a model server by the model rules instead.
/// Argo `Workflow` steps are containers, not pod templates. Spark `SparkApplication` driver and
/// executor are not pod specs.
public struct WorkloadKind: Sendable {
    /// How its pods run: `service` pods are expected to stay up (probes, metrics apply);
    /// `toCompletion` pods run a job and exit; `pod` is a bare Pod, usually a one-off.
    public enum Lifecycle: Sendable { case service, toCompletion, pod }

    public let group: String
    public let kind: String
    /// Dotted paths to each pod template (an object with `metadata` and `spec`); `*` stands for
    /// every member of an object or element of a list; `.` is the object itself (a Pod).
    public let templates: [String]
    public let lifecycle: Lifecycle
    /// Probes the operator adds to a container that has none (`readinessProbe`, `livenessProbe`).
    public let injectedProbes: Set<String>

    init(_ group: String, _ kind: String, _ templates: [String], _ lifecycle: Lifecycle, injects injectedProbes: Set<String> = []) {
        self.group = group
        self.kind = kind
        self.templates = templates
        self.lifecycle = lifecycle
        self.injectedProbes = injectedProbes
    }

    public static let all: [WorkloadKind] = [
        // Kubernetes API reference, workload resources (kubernetes.io/docs/reference/kubernetes-api/workload-resources).
        WorkloadKind("core", "Pod", ["."], .pod),
        WorkloadKind("core", "ReplicationController", ["spec.template"], .service),
        WorkloadKind("apps", "Deployment", ["spec.template"], .service),
        WorkloadKind("apps", "StatefulSet", ["spec.template"], .service),
        WorkloadKind("apps", "DaemonSet", ["spec.template"], .service),
        WorkloadKind("apps", "ReplicaSet", ["spec.template"], .service),
        WorkloadKind("batch", "Job", ["spec.template"], .toCompletion),
        WorkloadKind("batch", "CronJob", ["spec.jobTemplate.spec.template"], .toCompletion),
        // Removed in Kubernetes 1.16, still in old manifests.
        WorkloadKind("extensions", "Deployment", ["spec.template"], .service),
        WorkloadKind("extensions", "DaemonSet", ["spec.template"], .service),
        WorkloadKind("extensions", "ReplicaSet", ["spec.template"], .service),
        // OpenShift API reference, DeploymentConfig (apps.openshift.io/v1).
        WorkloadKind("apps.openshift.io", "DeploymentConfig", ["spec.template"], .service),
        // Knative Serving API (serving.knative.dev/v1): Service and Configuration carry a RevisionTemplateSpec.
        // Knative gives a container without one a TCP readiness probe (knative.dev/docs/serving/application-debugging/health-checks).
        WorkloadKind("serving.knative.dev", "Service", ["spec.template"], .service, injects: ["readinessProbe"]),
        WorkloadKind("serving.knative.dev", "Configuration", ["spec.template"], .service, injects: ["readinessProbe"]),
        // Argo Rollouts specification (argoproj.io/v1alpha1 Rollout); a `workloadRef` Rollout has no template.
        WorkloadKind("argoproj.io", "Rollout", ["spec.template"], .service),
        // LeaderWorkerSet API (lws.sigs.k8s.io): the leader template is optional, the worker template required.
        WorkloadKind("leaderworkerset.x-k8s.io", "LeaderWorkerSet",
                     ["spec.leaderWorkerTemplate.leaderTemplate", "spec.leaderWorkerTemplate.workerTemplate"], .service),
        // KubeRay API reference (ray.io/v1): a head group and a list of worker groups. KubeRay 1.1 and
        // later add readiness and liveness probes to Ray containers that have none.
        WorkloadKind("ray.io", "RayCluster", ["spec.headGroupSpec.template", "spec.workerGroupSpecs.*.template"], .service,
                     injects: ["readinessProbe", "livenessProbe"]),
        WorkloadKind("ray.io", "RayService",
                     ["spec.rayClusterConfig.headGroupSpec.template", "spec.rayClusterConfig.workerGroupSpecs.*.template"], .service,
                     injects: ["readinessProbe", "livenessProbe"]),
        WorkloadKind("ray.io", "RayJob",
                     ["spec.rayClusterSpec.headGroupSpec.template", "spec.rayClusterSpec.workerGroupSpecs.*.template"], .toCompletion),
        // Kubeflow Training Operator v1 (kubeflow.org/v1): replica specs keyed by role (Master, Worker, PS, ...).
        WorkloadKind("kubeflow.org", "PyTorchJob", ["spec.pytorchReplicaSpecs.*.template"], .toCompletion),
        WorkloadKind("kubeflow.org", "TFJob", ["spec.tfReplicaSpecs.*.template"], .toCompletion),
        WorkloadKind("kubeflow.org", "MPIJob", ["spec.mpiReplicaSpecs.*.template"], .toCompletion),
        WorkloadKind("kubeflow.org", "XGBoostJob", ["spec.xgbReplicaSpecs.*.template"], .toCompletion),
        WorkloadKind("kubeflow.org", "PaddleJob", ["spec.paddleReplicaSpecs.*.template"], .toCompletion),
        WorkloadKind("kubeflow.org", "JAXJob", ["spec.jaxReplicaSpecs.*.template"], .toCompletion),
        // Kubeflow Notebooks (kubeflow.org/v1 Notebook).
        WorkloadKind("kubeflow.org", "Notebook", ["spec.template"], .service),
        // JobSet API (jobset.x-k8s.io/v1alpha2): each replicated job embeds a Job template.
        WorkloadKind("jobset.x-k8s.io", "JobSet", ["spec.replicatedJobs.*.template.spec.template"], .toCompletion),
        // Volcano batch Job (batch.volcano.sh/v1alpha1): one pod template per task.
        WorkloadKind("batch.volcano.sh", "Job", ["spec.tasks.*.template"], .toCompletion),
        // OpenKruise workloads (apps.kruise.io).
        WorkloadKind("apps.kruise.io", "CloneSet", ["spec.template"], .service),
        WorkloadKind("apps.kruise.io", "StatefulSet", ["spec.template"], .service),
        WorkloadKind("apps.kruise.io", "DaemonSet", ["spec.template"], .service),
    ]

    private static let byKey: [String: WorkloadKind] = Dictionary(all.map { ("\($0.group)/\($0.kind)", $0) }, uniquingKeysWith: { a, _ in a })

    public static func find(group: String, kind: String) -> WorkloadKind? { byKey["\(group)/\(kind)"] }

    /// The row of a graph node, whose type is `apiVersion/kind` (`apps/v1/Deployment`, `v1/Pod`).
    public static func of(_ node: GraphNode) -> WorkloadKind? {
        let parts = node.type.split(separator: "/")
        guard let kind = parts.last else { return nil }
        return find(group: parts.count == 3 ? String(parts[0]) : "core", kind: String(kind))
    }

    /// The values at a template path, in document order.
    func values(at path: String, in body: Value) -> [Value] {
        if path == "." { return [body] }
        var current = [body]
        for part in path.split(separator: ".") {
            current = current.flatMap { value -> [Value] in
                if part == "*" { return value.members?.map(\.value) ?? value.list ?? [] }
                return value.at(String(part)).map { [$0] } ?? []
            }
        }
        return current
    }
}
