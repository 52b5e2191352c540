import Foundation
import ParapetCore
import ParapetGraph
import ParapetTestSupport
import Testing
@testable import ParapetRules

/// Nothing read is ever dropped: over every fixture, each object read (Kubernetes document or
/// `List` item, Terraform block or local, agent definition) has at least one node.
@Suite struct CensusTests {
    @Test(arguments: Fixture.all())
    func everyObjectReadIsANode(_ fixture: Fixture) throws {
        let options = ScanOptions(roots: ["."], workingDirectory: fixture.directory.path, workers: 2)
        let census = try Scan.build(options).census
        #expect(census.dropped.isEmpty, "objects read without a node: \(census.dropped)")
        #expect(census.totalRead == census.totalAnalysed)
    }

    @Test func theCountsAddUpOnAProject() throws {
        let directory = fixturesRoot.appendingPathComponent("projects/k8s-envs-units")
        let census = try Scan.build(ScanOptions(roots: ["."], workingDirectory: directory.path, workers: 1)).census
        #expect(census.counts["kubernetes Deployment"] == Census.Count(read: 2, analysed: 2))
        #expect(census.counts["kubernetes NetworkPolicy"] == Census.Count(read: 1, analysed: 1))
        #expect(census.counts["kubernetes ResourceQuota"] == Census.Count(read: 1, analysed: 1))
    }

    @Test func aSymlinkedFileCountsInEveryModuleThatLinksIt() throws {
        let directory = fixturesRoot.appendingPathComponent("projects/terraform-symlinked-file")
        let built = try Scan.build(ScanOptions(roots: ["."], workingDirectory: directory.path, workers: 1))
        let buckets = built.graph.nodes(.resource).filter { $0.type == "aws_s3_bucket" }.map { "\($0.address)" }
        #expect(buckets == ["a//aws_s3_bucket.logs", "b//aws_s3_bucket.logs", "shared//aws_s3_bucket.logs"])
        let forceDestroy = buckets.compactMap { built.graph.node($0)?.attributes["force_destroy"]?.bool }
        #expect(forceDestroy == [true, false, false])
        #expect(built.realPaths["a/bucket.tf"] == built.realPaths["b/bucket.tf"])
    }
}

/// Rules read facts and graph nodes, never syntax: no rule file names a syntax tree.
@Suite struct RuleIsolationTests {
    @Test func noRuleFileReadsSyntax() throws {
        let rules = packageRoot.appendingPathComponent("Sources/ParapetRules/Rules")
        let enumerator = FileManager.default.enumerator(atPath: rules.path)
        var offenders: [String] = []
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: rules.appendingPathComponent(path), encoding: .utf8)
            for marker in ["ParsedFile", ".hcl", "HCLBlock", "HCLBody", "DataNode", "context.files", ".documents"] where text.contains(marker) {
                offenders.append("\(path): \(marker)")
            }
        }
        #expect(offenders.isEmpty)
    }
}

/// Releasing HCL trees after Terraform is evaluated (what the CLI does for memory) changes no
/// finding: nothing after the evaluation reads them.
@Suite struct ReleasedTreesTests {
    @Test(arguments: Fixture.all().filter { $0.rule == nil })
    func theSameFindingsWithTreesReleased(_ fixture: Fixture) throws {
        var options = ScanOptions(roots: ["."], workingDirectory: fixture.directory.path, workers: 2)
        let kept = try Scan.run(options).findings
        options.releaseSyntaxTrees = true
        let built = try Scan.build(options)
        #expect(built.parsed.allSatisfy { $0.hcl == nil })
        let released = try Scan.run(options).findings
        #expect(released.map(\.fingerprint) == kept.map(\.fingerprint))
        #expect(released.map(\.range) == kept.map(\.range))
        #expect(released.map(\.message) == kept.map(\.message))
    }
}
