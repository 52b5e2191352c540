import ParapetCore
import Testing
@testable import ParapetGraph
@testable import ParapetSyntax

private func graph(_ yaml: String) -> Graph {
    let parsed = [Loader().load(SourceFile(path: "k8s/objects.yaml", text: yaml))].compactMap { $0 }
    return GraphBuilder.build(parsed)
}

private func node(_ graph: Graph, _ name: String) -> GraphNode? {
    graph.nodes.first { $0.address.local.hasSuffix("/\(name)") }
}

/// The containers' names of every pod template, in order.
private func containers(_ node: GraphNode?) -> [String] {
    guard let node else { return [] }
    return PodTemplate.all(of: node).flatMap(\.containers).compactMap { $0["name"]?.string }
}

@Suite struct WorkloadKindTests {
    @Test(arguments: [
        ("apps/v1", "Deployment", "spec:\n  template:\n    spec:\n      containers: [{name: a}]\n", ["a"]),
        ("batch/v1", "CronJob", "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: a}]\n", ["a"]),
        ("v1", "Pod", "spec:\n  containers: [{name: a}]\n", ["a"]),
        ("apps.openshift.io/v1", "DeploymentConfig", "spec:\n  template:\n    spec:\n      containers: [{name: a}]\n", ["a"]),
        ("argoproj.io/v1alpha1", "Rollout", "spec:\n  template:\n    spec:\n      containers: [{name: a}]\n", ["a"]),
        ("serving.knative.dev/v1", "Service", "spec:\n  template:\n    spec:\n      containers: [{name: a}]\n", ["a"]),
        ("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", """
            spec:
              leaderWorkerTemplate:
                leaderTemplate:
                  spec: {containers: [{name: leader}]}
                workerTemplate:
                  spec: {containers: [{name: worker}]}

            """, ["leader", "worker"]),
        ("kubeflow.org/v1", "PyTorchJob", """
            spec:
              pytorchReplicaSpecs:
                Master: {template: {spec: {containers: [{name: master}]}}}
                Worker: {template: {spec: {containers: [{name: worker}]}}}

            """, ["master", "worker"]),
        ("ray.io/v1", "RayCluster", """
            spec:
              headGroupSpec: {template: {spec: {containers: [{name: head}]}}}
              workerGroupSpecs:
                - {groupName: cpu, template: {spec: {containers: [{name: cpu}]}}}
                - {groupName: gpu, template: {spec: {containers: [{name: gpu}]}}}

            """, ["head", "cpu", "gpu"]),
        ("jobset.x-k8s.io/v1alpha2", "JobSet", """
            spec:
              replicatedJobs:
                - {name: w, template: {spec: {template: {spec: {containers: [{name: w}]}}}}}

            """, ["w"]),
    ])
    func everyPodTemplateOfAWorkloadIsRead(_ apiVersion: String, _ kind: String, _ spec: String, _ expected: [String]) {
        let g = graph("apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata: {name: x}\n" + spec)
        let x = node(g, "x")
        #expect(x?.kind == .workload)
        #expect(containers(x) == expected)
        #expect(x.flatMap { PodTemplate(workload: $0) }?.containers.first?["name"]?.string == expected.first)
    }

    @Test func theAPIGroupDecidesWhatAServiceIs() {
        let g = graph("""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: {name: knative}
            spec: {template: {spec: {containers: [{name: a}]}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: core}
            spec: {selector: {app: a}}
            ---
            apiVersion: example.com/v1
            kind: Deployment
            metadata: {name: custom}
            spec: {template: {spec: {containers: [{name: a}]}}}
            """)
        #expect(node(g, "knative")?.kind == .workload)
        #expect(node(g, "core")?.kind == .service)
        #expect(node(g, "custom")?.kind == .kubernetesObject)
    }

    @Test func aKubeAIModelHasNoPodTemplate() {
        let g = graph("""
            apiVersion: kubeai.org/v1
            kind: Model
            metadata: {name: llama}
            spec: {url: "hf://meta-llama/Llama-3.1-8B-Instruct", engine: VLLM, resourceProfile: "nvidia-gpu-l4:1"}
            """)
        #expect(node(g, "llama")?.kind == .kubernetesObject)
        #expect(containers(node(g, "llama")).isEmpty)
    }

    @Test func aWorkloadWithoutItsTemplateHasNone() {
        // An Argo Rollout that points at a Deployment through `workloadRef` carries no template.
        let g = graph("""
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: ref}
            spec: {workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}}
            """)
        #expect(node(g, "ref")?.kind == .workload)
        #expect(node(g, "ref").map(PodTemplate.all(of:))?.isEmpty == true)
    }

    @Test func everyRowIsKeyedOnce() {
        let keys = WorkloadKind.all.map { "\($0.group)/\($0.kind)" }
        #expect(Set(keys).count == keys.count)
    }
}
