import Foundation
import ParapetCore
@testable import ParapetReport
import Testing

@Suite struct BaselineTests {
    @Test func roundTripThroughTheFileKeepsEveryEntry() throws {
        let baseline = Baseline(findings: ReportSamples.report.findings)
        let read = try Baseline.parse(Data(baseline.render().utf8))
        #expect(read == baseline)
        #expect(read.entries.count == 4)
        #expect(baseline.render() == Baseline(findings: ReportSamples.report.findings.reversed()).render())
    }

    @Test func knownFindingsAreHiddenNewOnesKeptFixedOnesStale() {
        let baseline = Baseline(findings: [ReportSamples.egressFinding, ReportSamples.parseFinding])
        let outcome = baseline.apply(to: [ReportSamples.egressFinding, ReportSamples.imageFinding])
        #expect(outcome.findings == [ReportSamples.imageFinding])
        #expect(outcome.hidden == 1)
        #expect(outcome.stale.map(\.code) == ["PAR001"])
        #expect(baseline.pruning(outcome.stale).entries.map(\.code) == ["EGR201"])
    }

    @Test func movedLinesKeepTheFingerprint() {
        var moved = ReportSamples.egressFinding
        moved.range = ReportSamples.range("main.tf", 30, 4, 30, 15)
        let outcome = Baseline(findings: [ReportSamples.egressFinding]).apply(to: [moved])
        #expect(outcome.findings.isEmpty)
        #expect(outcome.stale.isEmpty)
    }

    @Test func aSecondCopyOfAKnownFindingIsNew() {
        var copy = ReportSamples.parseFinding
        copy.range = ReportSamples.range(copy.range.path, 5, 1, 5, 2)
        let outcome = Baseline(findings: [ReportSamples.parseFinding]).apply(to: [ReportSamples.parseFinding, copy])
        #expect(outcome.findings.count == 1)
    }

    @Test func wrongFilesAreRejectedWithAReason() {
        #expect(throws: Baseline.ReadError.self) { try Baseline.parse(Data("[]".utf8)) }
        #expect(throws: Baseline.ReadError.self) { try Baseline.parse(Data("{\"version\": 9, \"tool\": \"parapet\", \"findings\": []}".utf8)) }
    }
}
