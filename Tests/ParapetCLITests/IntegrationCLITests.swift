import Foundation
import ParapetTestSupport
import Testing

/// A namespace whose NetworkPolicy and ResourceQuota sit in one file, and a Deployment in another
/// that is clean only when the first file is part of the graph.
private let namespaceFile = """
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: default-deny
      namespace: shop
    spec:
      podSelector: {}
      policyTypes: [Ingress, Egress]
    ---
    apiVersion: v1
    kind: ResourceQuota
    metadata:
      name: quota
      namespace: shop
    spec:
      hard: {requests.cpu: "4", limits.memory: 16Gi}

    """

private func deployment(image: String = "registry.example.com/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                        name: String = "web") -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: \(name)
      namespace: shop
    spec:
      selector:
        matchLabels: {app: \(name)}
      template:
        metadata:
          labels: {app: \(name)}
          annotations: {prometheus.io/scrape: "true"}
        spec:
          containers:
            - name: \(name)
              image: \(image)
              readinessProbe: {httpGet: {path: /healthz, port: 8080}}
              livenessProbe: {httpGet: {path: /healthz, port: 8080}}
              resources:
                requests: {cpu: 100m, memory: 128Mi}
                limits: {cpu: 500m, memory: 256Mi}

    """
}

@Suite(.serialized) struct ContextAndDiffTests {
    @Test func aChangedFileAloneMissesThePolicyInAnotherFile() throws {
        let workspace = try Workspace(["policy.yaml": namespaceFile, "web.yaml": deployment()])
        let alone = try CLI.run(["scan", "web.yaml"], in: workspace.url)
        #expect(alone.status == 1)
        #expect(alone.stdout.contains("EGR202"))
        let withContext = try CLI.run(["scan", "web.yaml", "--context", "."], in: workspace.url)
        #expect(withContext.status == 0, "\(withContext.stdout)")
    }

    @Test func contextReportsOnlyOnTheGivenPaths() throws {
        let workspace = try Workspace(["policy.yaml": namespaceFile, "web.yaml": deployment(),
                                       "old.yaml": deployment(image: "nginx:latest", name: "old")])
        let output = try CLI.run(["scan", "web.yaml", "--context", ".", "--format", "json"], in: workspace.url)
        #expect(output.status == 0, "\(output.stdout)")
        let both = try CLI.run(["scan", "web.yaml", "old.yaml", "--context", "."], in: workspace.url)
        #expect(both.status == 1)
        #expect(both.stdout.contains("old.yaml:16:18: warning PIN504"), "\(both.stdout)")
        #expect(!both.stdout.contains("web.yaml:"))
    }

    @Test func contextAutoIsTheDirectoryOfTheConfiguration() throws {
        let workspace = try Workspace([".parapet.yaml": "ignore: [TEL110]\n", "k8s/policy.yaml": namespaceFile,
                                       "apps/new.yaml": deployment(name: "new")])
        let apps = workspace.url.appendingPathComponent("apps")
        let alone = try CLI.run(["scan", "new.yaml"], in: apps)
        #expect(alone.stdout.contains("EGR202"))
        let output = try CLI.run(["scan", "new.yaml", "--context", "auto"], in: apps)
        #expect(output.status == 0, "\(output.stdout)")
    }

    @Test func contextWithoutPathsReportsOnEverythingInIt() throws {
        let workspace = try Workspace(["k8s/policy.yaml": namespaceFile, "k8s/old.yaml": deployment(image: "nginx:latest", name: "old")])
        let output = try CLI.run(["scan", "--context", "k8s"], in: workspace.url)
        #expect(output.status == 1)
        #expect(output.stdout.contains("k8s/old.yaml:16:18: warning PIN504"), "\(output.stdout)")
    }

    @Test func aPathOutsideTheContextIsAUsageError() throws {
        let workspace = try Workspace(["a/web.yaml": deployment(), "b/policy.yaml": namespaceFile])
        let output = try CLI.run(["scan", "a/web.yaml", "--context", "b"], in: workspace.url)
        #expect(output.status == 2)
        #expect(output.stderr.contains("outside the context"))
    }

    @Test func aDiffLimitsFindingsToAddedLines() throws {
        let change = ["diff --git a/web.yaml b/web.yaml", "--- a/web.yaml", "+++ b/web.yaml", "@@ -15,3 +15,3 @@ spec:",
                      "           - name: web", "-          image: nginx:1.27", "+          image: nginx:latest",
                      "           readinessProbe: {httpGet: {path: /healthz, port: 8080}}", ""]
        let other = ["--- a/web.yaml", "+++ b/web.yaml", "@@ -18,0 +19,1 @@",
                     "+          livenessProbe: {httpGet: {path: /healthz, port: 8080}}", ""]
        let workspace = try Workspace(["policy.yaml": namespaceFile, "web.yaml": deployment(image: "nginx:latest"),
                                       "change.diff": change.joined(separator: "\n"), "other.diff": other.joined(separator: "\n")])
        let changed = try CLI.run(["scan", ".", "--diff", "change.diff"], in: workspace.url)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("web.yaml:16:18: warning PIN504"), "\(changed.stdout)")
        let elsewhere = try CLI.run(["scan", ".", "--diff", "other.diff"], in: workspace.url)
        #expect(elsewhere.status == 0, "\(elsewhere.stdout)")
    }
}

extension CLI {
    /// Runs the binary with `input` on its standard input.
    static func run(_ arguments: [String], in directory: URL, input: String) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite(.serialized) struct DiffFromStandardInputTests {
    @Test func aDiffOnStandardInputLimitsTheReport() throws {
        let workspace = try Workspace(["policy.yaml": namespaceFile, "web.yaml": deployment(image: "nginx:latest")])
        let diff = ["--- a/web.yaml", "+++ b/web.yaml", "@@ -16 +16 @@", "-          image: nginx:1.27", "+          image: nginx:latest", ""]
        let output = try CLI.run(["scan", "--diff", "-"], in: workspace.url, input: diff.joined(separator: "\n"))
        #expect(output.status == 1)
        #expect(output.stdout.contains("web.yaml:16:18: warning PIN504"), "\(output.stdout)")
        let unrelated = try CLI.run(["scan", "--diff", "-"], in: workspace.url, input: "--- a/policy.yaml\n+++ b/policy.yaml\n@@ -1 +1 @@\n-x\n+apiVersion: v1\n")
        #expect(unrelated.status == 0, "\(unrelated.stdout)")
    }
}

@Suite(.serialized) struct BaselineCLITests {
    @Test func roundTripHidesKnownFailsNewAndSurvivesMovedLines() throws {
        let workspace = try Workspace(["policy.yaml": namespaceFile, "web.yaml": deployment(image: "nginx:latest")])
        let write = try CLI.run(["scan", ".", "--write-baseline", "baseline.json"], in: workspace.url)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stderr.contains("Wrote 1 finding to baseline.json"))
        let saved = try String(contentsOf: workspace.url.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(saved.contains("\"code\" : \"PIN504\""))

        let unchanged = try CLI.run(["scan", ".", "--baseline", "baseline.json"], in: workspace.url)
        #expect(unchanged.status == 0, "\(unchanged.stdout)")
        #expect(unchanged.stdout.contains("1 known finding hidden by the baseline baseline.json"))

        // Lines moved: the Deployment now comes after a new, clean ConfigMap in the same file.
        let moved = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata: {a: b}\n---\n"
            + deployment(image: "nginx:latest")
        try moved.write(to: workspace.url.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        let afterMove = try CLI.run(["scan", ".", "--baseline", "baseline.json"], in: workspace.url)
        #expect(afterMove.status == 0, "\(afterMove.stdout)")

        // A second workload with the same problem is new.
        try deployment(image: "nginx:latest", name: "api").write(to: workspace.url.appendingPathComponent("api.yaml"), atomically: true, encoding: .utf8)
        let added = try CLI.run(["scan", ".", "--baseline", "baseline.json", "--format", "json"], in: workspace.url)
        #expect(added.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["path"] as? String } == ["api.yaml"])
    }

    @Test func fixedFindingsAreStaleAndCanBePruned() throws {
        let workspace = try Workspace(["policy.yaml": namespaceFile, "web.yaml": deployment(image: "nginx:latest")])
        _ = try CLI.run(["scan", ".", "--write-baseline", "baseline.json"], in: workspace.url)
        try deployment().write(to: workspace.url.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        let stale = try CLI.run(["scan", ".", "--baseline", "baseline.json"], in: workspace.url)
        #expect(stale.status == 0)
        #expect(stale.stdout.contains("stale baseline entry"), "\(stale.stdout)")
        #expect(stale.stdout.contains("web.yaml PIN504"))
        let pruned = try CLI.run(["scan", ".", "--baseline", "baseline.json", "--prune-baseline"], in: workspace.url)
        #expect(pruned.status == 0)
        #expect(pruned.stdout.contains("1 stale entry removed"))
        let saved = try String(contentsOf: workspace.url.appendingPathComponent("baseline.json"), encoding: .utf8)
        #expect(!saved.contains("PIN504"))
        let again = try CLI.run(["scan", ".", "--baseline", "baseline.json"], in: workspace.url)
        #expect(!again.stdout.contains("stale"))
    }

    @Test func aBrokenBaselineIsAUsageError() throws {
        let workspace = try Workspace(["web.yaml": deployment(), "baseline.json": "{\"version\": 1}"])
        let output = try CLI.run(["scan", ".", "--baseline", "baseline.json"], in: workspace.url)
        #expect(output.status == 2)
        #expect(output.stderr.contains("not a Parapet baseline (missing key `tool`)"), "\(output.stderr)")
    }

    @Test func writingABaselineOfPartOfTheScanIsRefused() throws {
        let workspace = try Workspace(["web.yaml": deployment(), "policy.yaml": namespaceFile])
        let output = try CLI.run(["scan", "web.yaml", "--context", ".", "--write-baseline", "b.json"], in: workspace.url)
        #expect(output.status == 2)
    }
}

/// The repository's own configuration, which `swift package parapet` (run from the package root)
/// applies: the fixtures are problems on purpose and stay out of a scan of the package.
@Suite struct RepositoryConfigurationTests {
    @Test func aScanOfThePackageSkipsTheFixturesButTheDemoCanStillBeScanned() throws {
        let package = try CLI.run(["scan", ".", "--list-files", "--no-cache"], in: packageRoot)
        #expect(package.status == 0)
        #expect(!package.stdout.contains("fixtures/"), "\(package.stdout)")
        let demo = try CLI.run(["scan", "fixtures/demo", "--list-files", "--no-cache"], in: packageRoot)
        #expect(demo.stdout.contains("fixtures/demo/k8s/vllm.yaml"), "\(demo.stdout)")
    }
}
