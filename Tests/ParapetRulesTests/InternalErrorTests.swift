import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax
import Testing
@testable import ParapetRules

/// A rule that fails on the workload named `bad`, as a rule with a broken invariant would.
private struct FailingOnBadWorkload: FallibleRuleCheck {
    var metadata: RuleMetadata { ImageNotPinnedRule.metadata }

    func checkOrThrow(_ context: RuleContext) throws(InternalError) -> [Finding] {
        for workload in context.graph.nodes(.workload) where workload.name == "bad" {
            throw InternalError("no pod template", at: workload.headerRange)
        }
        return []
    }
}

private func pod(_ name: String) -> String {
    "apiVersion: v1\nkind: Pod\nmetadata: {name: \(name)}\nspec: {containers: [{name: c, image: \"nginx:latest\"}]}\n"
}

/// One file Parapet fails on (an error thrown, not a trap) costs no other file or rule.
@Suite struct InternalErrorTests {
    @Test func aRuleThatThrowsIsOnePAR007AtItsPositionAndTheOtherRulesStillReport() {
        let findings = Scan.analyze([SourceFile(path: "bad.yaml", text: pod("bad")), SourceFile(path: "good.yaml", text: pod("good"))],
                                    checks: [FailingOnBadWorkload(), BuiltInRuleCheck(type: ImageNotPinnedRule.self)])
        let failures = findings.filter { $0.code == "PAR007" }
        #expect(failures.map(\.message) == ["Internal error while checking `PIN504`: no pod template"])
        #expect(failures.first?.range.path == "bad.yaml")
        #expect(failures.first?.range.start.line == 3)
        #expect(Set(findings.filter { $0.code == "PIN504" }.map(\.range.path)) == ["bad.yaml", "good.yaml"])
    }

    @Test func aFileWhoseLoweringFailsIsLeftOutAndTheScanGoesOn() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-internal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["bad", "good"] { try pod(name).write(to: root.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8) }
        var options = ScanOptions(roots: ["."], workingDirectory: root.path, workers: 1)
        options.configSearchCeiling = root.path
        options.only = ["PIN504"]
        options.loweringFault = { file throws(InternalError) in
            if file.source.path == "bad.yaml" { throw InternalError("injected", at: .fileStart(file.source.path)) }
        }
        let result = try Scan.run(options)
        // Reported although `--select PIN504` leaves PAR007 out: the report is incomplete.
        #expect(result.findings.map { "\($0.range.path) \($0.code)" } == ["bad.yaml PAR007", "good.yaml PIN504"])
        #expect(result.internalErrors.map(\.message) == ["Internal error while lowering `bad.yaml`: injected"])
        #expect(result.sources["bad.yaml"] != nil, "the failed file keeps its code frame")

        options.loweringFault = nil
        let clean = try Scan.run(options)
        #expect(clean.internalErrors.isEmpty)
        #expect(clean.findings.map { "\($0.range.path) \($0.code)" } == ["bad.yaml PIN504", "good.yaml PIN504"])
    }
}
