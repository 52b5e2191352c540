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

    @Test func anyOtherReportedFileEvaluatesEveryRoot() throws {
        let directory = fixturesRoot.appendingPathComponent("demo").path
        var options = ScanOptions(roots: ["."], workingDirectory: directory, workers: 1)
        options.reportScope = ReportScope(paths: [directory])
        #expect(Scan.reportedTerraformDirectories(options) == nil)
    }
}
