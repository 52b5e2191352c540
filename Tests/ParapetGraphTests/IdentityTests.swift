import ParapetCore
import Testing
@testable import ParapetGraph
@testable import ParapetSyntax

private func build(_ files: [(String, String)]) -> Graph {
    let loader = Loader()
    let parsed = files.compactMap { loader.load(SourceFile(path: $0.0, text: $0.1)) }
    var diagnostics: [SyntaxDiagnostic] = []
    return GraphBuilder.build(parsed, diagnostics: &diagnostics)
}

private let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: bot
    spec:
      template:
        metadata:
          labels: {app: bot}
        spec:
          containers: [{name: bot, image: "bot:1"}]
    """

private func addresses(_ graph: Graph, _ kind: NodeKind) -> [String] {
    graph.nodes(kind).map { "\($0.address)" }.sorted()
}

@Suite struct DeploymentUnitTests {
    @Test func collidingFoldersBecomeUnits() {
        let graph = build([("envs/prod/app.yaml", deployment), ("envs/staging/app.yaml", deployment), ("shared.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n")])
        #expect(addresses(graph, .workload) == ["envs/prod//k8s:apps/Deployment/default/bot", "envs/staging//k8s:apps/Deployment/default/bot"])
        #expect(addresses(graph, .namespace) == ["k8s:core/Namespace/default"])
        #expect(graph.duplicates.isEmpty)
    }

    @Test func unitsOfAbsolutePathsKeepTheirRoot() {
        let graph = build([("/srv/repo/envs/prod/app.yaml", deployment), ("/srv/repo/envs/staging/app.yaml", deployment)])
        #expect(addresses(graph, .workload) == ["/srv/repo/envs/prod//k8s:apps/Deployment/default/bot", "/srv/repo/envs/staging//k8s:apps/Deployment/default/bot"])
        #expect(graph.duplicates.isEmpty)
    }

    @Test func withoutCollisionsAddressesAreUnscoped() {
        let graph = build([("k8s/app.yaml", deployment)])
        #expect(addresses(graph, .workload) == ["k8s:apps/Deployment/default/bot"])
    }

    @Test func siblingFilesAreOneUnitSoARepeatIsADuplicate() throws {
        let graph = build([("k8s/a.yaml", deployment), ("k8s/b.yaml", deployment)])
        #expect(addresses(graph, .workload) == ["k8s//k8s:apps/Deployment/default/bot", "k8s//k8s:apps/Deployment/default/bot#2"])
        let duplicate = try #require(graph.duplicates.first)
        #expect(graph[duplicate.first].range.path == "k8s/a.yaml")
        #expect(graph[duplicate.second].range.path == "k8s/b.yaml")
        #expect(graph[duplicate.second].name == "bot")
    }

    @Test func kustomizeOverlaysGiveEachBaseObjectTheirUnitAndNamespace() {
        let graph = build([
            ("base/kustomization.yaml", "resources: [deployment.yaml]\n"),
            ("base/deployment.yaml", deployment),
            ("overlays/prod/kustomization.yaml", "namespace: prod\nresources: [../../base]\n"),
            ("overlays/staging/kustomization.yaml", "namespace: staging\nresources:\n  - ../../base\npatches:\n  - path: patch.yaml\n"),
            ("overlays/staging/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bot}\nspec: {replicas: 1}\n"),
        ])
        #expect(addresses(graph, .workload) == [
            "overlays/prod//k8s:apps/Deployment/prod/bot", "overlays/staging//k8s:apps/Deployment/staging/bot",
        ])
        // The patch is a node, but not a workload rules would judge as complete.
        #expect(graph.nodes(.kubernetesObject).map { "\($0.address)" } == ["overlays/staging//k8s-patch:apps/Deployment/default/bot"])
    }

    @Test func selectorsResolveWithinAUnitAndFromSharedFiles() {
        let policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}, policyTypes: [Egress]}\n"
        let graph = build([("envs/prod/app.yaml", deployment), ("envs/staging/app.yaml", deployment), ("envs/prod/p.yaml", policy), ("root-policy.yaml", policy)])
        let selected = graph.nodes(.workload).map { workload in
            graph.edges(to: workload.id, label: .selects).map { graph[$0.from].range.path }.sorted()
        }
        #expect(selected == [["envs/prod/p.yaml", "root-policy.yaml"], ["root-policy.yaml"]])
    }

    @Test func twoTerraformRootsDeclaringOneObjectAreTwoUnits() {
        let resource = """
            resource "kubernetes_deployment" "app" {
              metadata { name = "app" }
              spec {
                template {
                  metadata { labels = { app = "app" } }
                  spec {
                    container {
                      name  = "app"
                      image = "app:1"
                    }
                  }
                }
              }
            }
            """
        let graph = build([("examples/a/main.tf", resource), ("examples/b/main.tf", resource)])
        #expect(addresses(graph, .workload) == ["examples/a//k8s:apps/Deployment/default/app", "examples/b//k8s:apps/Deployment/default/app"])
        #expect(graph.duplicates.isEmpty)
        #expect(graph.edges.filter { $0.label == .declares }.count == 2)
    }
}

@Suite struct TerraformInstanceTests {
    @Test func forEachMakesOneNodePerKeyWithEachBound() throws {
        let graph = build([("main.tf", """
            resource "aws_s3_bucket" "b" {
              for_each      = { logs = true, data = false }
              bucket        = each.key
              force_destroy = each.value
            }
            """)])
        let nodes = graph.nodes(.resource)
        #expect(nodes.map { "\($0.address)" } == ["aws_s3_bucket.b[\"data\"]", "aws_s3_bucket.b[\"logs\"]"])
        #expect(nodes.map { $0.attributes["bucket"]?.string } == ["data", "logs"])
        #expect(nodes.map { $0.attributes["force_destroy"]?.bool } == [false, true])
        #expect(nodes.map(\.instance) == [.key("data"), .key("logs")])
    }

    @Test func countBindsTheIndex() {
        let graph = build([("main.tf", "resource \"aws_instance\" \"w\" {\n  count = 3\n  tags = { n = count.index * 10 }\n}\n")])
        #expect(graph.nodes(.resource).map { $0.attributes.at("tags.n")?.number } == [0, 10, 20])
    }

    @Test(arguments: ["count = 0", "count = false ? 1 : 0", "for_each = {}", "for_each = toset([])"])
    func noInstanceStillANodeThatDoesNotExist(_ argument: String) throws {
        let graph = build([("main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  \(argument)\n  force_destroy = true\n}\n")])
        let node = try #require(graph.nodes(.resource).first)
        #expect(graph.nodes(.resource).count == 1)
        #expect(!node.mayExist)
    }

    @Test(arguments: [ScanLimits().maxInstances, ScanLimits().maxInstances + 1])
    func instancesStopAtTheLimit(_ count: Int) throws {
        let graph = build([("main.tf", "resource \"aws_sqs_queue\" \"q\" {\n  count = \(count)\n}\n")])
        let nodes = graph.nodes(.resource)
        let limit = ScanLimits().maxInstances
        #expect(nodes.filter { if case .index = $0.instance { true } else { false } }.count == min(count, limit))
        let abstract = nodes.filter { if case .abstract = $0.instance { true } else { false } }
        #expect(abstract.count == (count > limit ? 1 : 0))
    }

    @Test func anUnknownCountIsOneAbstractInstanceWithTheReason() throws {
        let graph = build([("main.tf", "variable \"n\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  count = var.n\n  force_destroy = count.index == 0\n}\n")])
        let node = try #require(graph.nodes(.resource).first)
        #expect(graph.nodes(.resource).count == 1)
        guard case .abstract(let reason) = node.instance else { Issue.record("expected an abstract instance"); return }
        #expect(reason.contains("`var.n`"))
        #expect(node.attributes["force_destroy"]?.isUnknown == true)
    }

    @Test func moduleCallsWithForEachInstantiateTheModulePerKey() {
        let graph = build([
            ("main.tf", "module \"team\" {\n  source   = \"./team\"\n  for_each = toset([\"web\", \"batch\"])\n  name     = each.key\n}\n"),
            ("team/main.tf", "variable \"name\" {}\nresource \"aws_sqs_queue\" \"q\" {\n  name = var.name\n}\n"),
        ])
        let queues = graph.nodes(.resource).map { ("\($0.address)", $0.attributes["name"]?.string ?? "?") }
        // A set's instances come in Terraform's order: sorted.
        #expect(queues.map(\.0) == ["module.team[\"batch\"].aws_sqs_queue.q", "module.team[\"web\"].aws_sqs_queue.q"])
        #expect(queues.map(\.1) == ["batch", "web"])
    }

    @Test func aModuleCallWithNoInstanceKeepsItsNodesAsNotExisting() {
        let graph = build([
            ("main.tf", "module \"off\" {\n  source = \"./m\"\n  count  = 0\n}\n"),
            ("m/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  force_destroy = true\n}\n"),
        ])
        let bucket = graph.nodes(.resource).first
        #expect(bucket?.mayExist == false)
        #expect(bucket.map { "\($0.address)" } == "module.off.aws_s3_bucket.b")
    }

    @Test func referencesReachEveryInstance() {
        let graph = build([("main.tf", """
            resource "aws_s3_bucket" "b" {
              count = 2
            }
            resource "aws_s3_bucket_policy" "p" {
              bucket = aws_s3_bucket.b[0].id
            }
            """)])
        let policy = graph.nodes(.resource).first { $0.type == "aws_s3_bucket_policy" }
        #expect(policy.map { graph.edges(from: $0.id, label: .references).count } == 2)
    }
}
