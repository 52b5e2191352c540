import ParapetCore
import Testing
@testable import ParapetGraph
@testable import ParapetSyntax

private func lowered(_ path: String, _ text: String) -> Graph {
    let parsed = [Loader().load(SourceFile(path: path, text: text))].compactMap { $0 }
    return GraphBuilder.build(parsed)
}

struct LoweringCase: Sendable, CustomTestStringConvertible {
    var manifest: String
    var kind: NodeKind
    var address: String
    var namespace: String?
    var testDescription: String { address }
}

@Suite struct KubernetesLoweringTests {
    static let cases: [LoweringCase] = [
        LoweringCase(manifest: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n", kind: .workload,
                     address: "k8s:apps/Deployment/default/web", namespace: "default"),
        LoweringCase(manifest: "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: ops}\n", kind: .workload,
                     address: "k8s:batch/CronJob/ops/nightly", namespace: "ops"),
        LoweringCase(manifest: "apiVersion: v1\nkind: Namespace\nmetadata: {name: ops}\n", kind: .namespace,
                     address: "k8s:core/Namespace/ops", namespace: nil),
        LoweringCase(manifest: "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\n", kind: .storageClass,
                     address: "k8s:storage.k8s.io/StorageClass/fast", namespace: nil),
        LoweringCase(manifest: "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n", kind: .service,
                     address: "k8s:core/Service/default/web", namespace: "default"),
        // Knative's Service runs pods: a workload, not a core Service.
        LoweringCase(manifest: "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: fn}\nspec: {template: {spec: {containers: [{image: fn}]}}}\n",
                     kind: .workload, address: "k8s:serving.knative.dev/Service/default/fn", namespace: "default"),
        LoweringCase(manifest: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\n", kind: .networkPolicy,
                     address: "k8s:networking.k8s.io/NetworkPolicy/a/deny", namespace: "a"),
        LoweringCase(manifest: "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: cfg-}\n", kind: .kubernetesObject,
                     address: "k8s:core/ConfigMap/default/cfg-", namespace: "default"),
        LoweringCase(manifest: "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", kind: .kubernetesObject,
                     address: "k8s:core/ConfigMap/default/(unnamed)", namespace: "default"),
    ]

    @Test(arguments: cases)
    func objectsBecomeNodesOfTheirKind(_ example: LoweringCase) throws {
        let graph = lowered("k8s/object.yaml", example.manifest)
        let node = try #require(graph.nodes.first)
        #expect(graph.nodes.count == 1)
        #expect(node.kind == example.kind)
        #expect("\(node.address)" == example.address)
        #expect(node.namespace == example.namespace)
    }

    @Test func listItemsAndDocumentsAreEachAnObject() {
        let graph = lowered("k8s/all.yaml", """
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            ---
            # a document that is not an object is not a node
            just: data
            """)
        #expect(graph.nodes.map(\.name) == ["a", "b", "c"])
    }

    @Test func theHeaderIsTheName() throws {
        let graph = lowered("k8s/object.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")
        let node = try #require(graph.nodes.first)
        #expect(node.headerRange.start.line == 4)
        #expect(node.headerRange.start.column == 9)
        #expect(node.range.start.line == 1)
    }

    @Test func terraformKubernetesResourcesAreTheSameObjects() throws {
        let graph = lowered("main.tf", """
            resource "kubernetes_network_policy_v1" "deny" {
              metadata {
                name      = "deny"
                namespace = "agents"
              }
              spec {
                pod_selector {}
                policy_types = ["Egress"]
              }
            }
            """)
        let policy = try #require(graph.nodes(.networkPolicy).first)
        #expect("\(policy.address)" == "k8s:networking.k8s.io/NetworkPolicy/agents/deny")
        #expect(policy.attributes.at("spec.policyTypes")?.strings == ["Egress"])
        let resource = try #require(graph.nodes(.resource).first)
        #expect(graph.edges(from: resource.id, label: .declares).map(\.to) == [policy.id])
    }
}
