import Foundation
import ParapetTestSupport
import ParapetCore
@testable import ParapetRules
import Testing

@Suite struct UnifiedDiffTests {
    @Test func addedLinesOfGitDiffWithPrefixes() {
        let diff = """
            diff --git a/k8s/web.yaml b/k8s/web.yaml
            index 1111111..2222222 100644
            --- a/k8s/web.yaml
            +++ b/k8s/web.yaml
            @@ -3,4 +3,5 @@ metadata:
               name: web
            -  replicas: 1
            +  replicas: 2
            +  paused: false
               x: y
               z: w
            @@ -20 +21 @@
            -old
            +new
            diff --git a/gone.tf b/gone.tf
            deleted file mode 100644
            --- a/gone.tf
            +++ /dev/null
            @@ -1,2 +0,0 @@
            -a
            -b
            diff --git a/new.tf b/new.tf
            new file mode 100644
            --- /dev/null
            +++ b/new.tf
            @@ -0,0 +1,2 @@
            +a
            ++++ b
            """
        let lines = UnifiedDiff.changedLines(diff)
        #expect(lines == ["k8s/web.yaml": [4, 5, 21], "new.tf": [1, 2]])
    }

    @Test func plainDiffWithoutPrefixesAndWithDates() {
        let diff = "--- web.yaml\t2026-01-01 10:00:00\n+++ web.yaml\t2026-01-02 10:00:00\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
        #expect(UnifiedDiff.changedLines(diff) == ["web.yaml": [2]])
    }

    @Test func quotedPathsAreUnescaped() {
        let diff = "--- \"a/caf\\303\\251.yaml\"\n+++ \"b/caf\\303\\251.yaml\"\n@@ -1 +1 @@\n-x\n+y\n"
        #expect(UnifiedDiff.changedLines(diff) == ["café.yaml": [1]])
    }

    @Test func garbageGivesNothingAndDoesNotTrap() {
        #expect(UnifiedDiff.changedLines("@@ -a +b @@\n+x\n+++ \n@@ -1,-5 +9999999999999999999999 @@\n\"\\").isEmpty)
    }
}

@Suite struct ReportScopeTests {
    private func finding(_ path: String, line: Int, code: String = "PIN504") -> Finding {
        Finding(code: code, severity: .warning, message: "m",
                range: SourceRange(path: path, start: SourcePosition(line: line, column: 1, offset: 0),
                                   end: SourcePosition(line: line + 2, column: 1, offset: 0)))
    }

    @Test func pathsAreFilesOrDirectories() {
        let scope = ReportScope(paths: ["/repo/k8s/web.yaml", "/repo/tf"])
        #expect(scope.includes(finding("k8s/web.yaml", line: 1), workingDirectory: "/repo"))
        #expect(scope.includes(finding("tf/modules/a.tf", line: 1), workingDirectory: "/repo"))
        #expect(!scope.includes(finding("k8s/web.yaml.bak", line: 1), workingDirectory: "/repo"))
        #expect(!scope.includes(finding("tfx/a.tf", line: 1), workingDirectory: "/repo"))
    }

    @Test func changedLinesMustTouchTheFindingsRange() {
        let scope = ReportScope(changedLines: ["/repo/a.yaml": [10]])
        #expect(scope.includes(finding("a.yaml", line: 8), workingDirectory: "/repo"))
        #expect(!scope.includes(finding("a.yaml", line: 11), workingDirectory: "/repo"))
        #expect(!scope.includes(finding("b.yaml", line: 10), workingDirectory: "/repo"))
    }

    @Test func configurationErrorsAreAlwaysReported() {
        let scope = ReportScope(paths: ["/repo/a.yaml"], changedLines: [:])
        #expect(scope.includes(finding(".parapet.yaml", line: 1, code: MetaRules.configError.code), workingDirectory: "/repo"))
    }
}

/// A pre-commit run on Terraform files evaluates only the roots that reach them; the findings on
/// those files are the same as when every root is evaluated. Checked for every Terraform file of
/// every fixture that has any.
@Suite struct NarrowedTerraformTests {
    static let cases: [(Fixture, String)] = Fixture.all().flatMap { fixture -> [(Fixture, String)] in
        guard let walker = FileManager.default.enumerator(atPath: fixture.directory.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tfvars") }.sorted()
            .map { (fixture, $0) }
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 50)
    }

    @Test func narrowedRootsGiveTheSameFindings() throws {
        for (fixture, file) in Self.cases {
            var options = ScanOptions(roots: ["."], workingDirectory: fixture.directory.path, workers: 2)
            options.configSearchCeiling = fixture.directory.path
            options.reportScope = ReportScope(paths: [fixture.directory.path + "/" + file])
            #expect(Scan.reportedTerraformDirectories(options) != nil, "\(fixture.testDescription)/\(file)")
            let narrowed = try Scan.run(options).findings
            options.narrowTerraformToReport = false
            let full = try Scan.run(options).findings
            #expect(narrowed.map(\.fingerprint) == full.map(\.fingerprint), "\(fixture.testDescription)/\(file)")
            #expect(narrowed.map(\.message) == full.map(\.message), "\(fixture.testDescription)/\(file)")
            #expect(narrowed.map(\.range) == full.map(\.range), "\(fixture.testDescription)/\(file)")
        }
    }

    /// A repository of the shapes pre-commit meets: a root calling a leaf module, an unrelated
    /// root, manifests and an agent file; `kubernetes` adds a `kubernetes_*` resource to the leaf.
    private func repository(kubernetes: Bool) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-narrow-\(UUID().uuidString)")
        let files = [
            "envs/prod/main.tf": "module \"db\" {\n  source = \"../../modules/db\"\n  protect = false\n}\n",
            "modules/db/main.tf": "variable \"protect\" {}\nresource \"aws_db_instance\" \"main\" {\n  deletion_protection = var.protect\n}\n"
                + (kubernetes ? "resource \"kubernetes_pod\" \"p\" {\n  metadata {\n    name = \"p\"\n    labels = { app = \"p\" }\n  }\n  spec {\n    container {\n      name = \"c\"\n      image = \"nginx:1.27\"\n    }\n  }\n}\n" : ""),
            "modules/db/variables.tf": "variable \"unused\" {\n  default = 1\n}\n",
            // Read to find the trees (it says `module`), then left out: it reaches nothing reported.
            "other/main.tf": "# calls no module\nresource \"aws_db_instance\" \"other\" {\n  deletion_protection = false\n}\n",
            "k8s/policy.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n",
            ".mcp.json": "{\"mcpServers\": {\"x\": {\"command\": \"npx\", \"args\": [\"some-server\"]}}}\n",
        ]
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    /// The scan of the module's `main.tf` change, narrowed and not.
    private func scanModuleChange(kubernetes: Bool) throws -> (narrowed: ScanResult, full: ScanResult) {
        let directory = try repository(kubernetes: kubernetes)
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = ScanOptions(roots: ["."], workingDirectory: directory.path, workers: 2)
        options.configSearchCeiling = directory.path
        options.reportScope = ReportScope(paths: [directory.path + "/modules/db/main.tf"])
        let narrowed = try Scan.run(options)
        options.narrowTerraformToReport = false
        let full = try Scan.run(options)
        #expect(full.files.count == 6)
        #expect(narrowed.findings.map(\.fingerprint) == full.findings.map(\.fingerprint))
        #expect(narrowed.findings.map(\.message) == full.findings.map(\.message))
        return (narrowed, full)
    }

    @Test func aTerraformChangeReadsOnlyTheModuleTreesReachingIt() throws {
        let (narrowed, _) = try scanModuleChange(kubernetes: false)
        // The root calling the module and the module's other file are read; the unrelated root,
        // the manifest and the agent file are not.
        #expect(narrowed.files.map(\.path) == ["envs/prod/main.tf", "modules/db/main.tf", "modules/db/variables.tf"])
        #expect(!narrowed.findings.isEmpty)
    }

    @Test func kubernetesObjectsInTheTreeReadEverything() throws {
        let (narrowed, _) = try scanModuleChange(kubernetes: true)
        #expect(narrowed.files.count == 6)
    }

    @Test func anyOtherReportedFileEvaluatesEveryRoot() throws {
        let directory = fixturesRoot.appendingPathComponent("demo").path
        var options = ScanOptions(roots: ["."], workingDirectory: directory, workers: 1)
        options.reportScope = ReportScope(paths: [directory])
        #expect(Scan.reportedTerraformDirectories(options) == nil)
    }
}
