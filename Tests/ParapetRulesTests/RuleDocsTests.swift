import Foundation
import ParapetCore
import ParapetTestSupport
import Testing
@testable import ParapetRules

/// The rule docs in `docs/rules/` are generated from the rule metadata; these tests fail when a
/// doc is stale. Regenerate with `UPDATE_SNAPSHOTS=1 swift test --filter RuleDocs`.
@Suite struct RuleDocsTests {
    static let directory = packageRoot.appendingPathComponent("docs/rules")

    @Test(arguments: RuleCatalog.all)
    func ruleDocIsUpToDate(_ rule: RuleMetadata) {
        assertSnapshot(RuleDocs.markdown(rule), at: Self.directory.appendingPathComponent("\(rule.code).md"))
    }

    @Test func indexIsUpToDate() {
        var index = "# Parapet rules\n\nGenerated from the rule metadata; do not edit by hand.\n\n| code | name | family | severity | summary |\n| --- | --- | --- | --- | --- |\n"
        for rule in RuleCatalog.all {
            index += "| [\(rule.code)](\(rule.code).md) | `\(rule.name)` | \(rule.family.rawValue) | \(rule.defaultSeverity.rawValue) | \(rule.summary) |\n"
        }
        assertSnapshot(index, at: Self.directory.appendingPathComponent("README.md"))
    }

    @Test func noDocForARuleThatNoLongerExists() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory.path)) ?? []
        let codes = Set(RuleCatalog.all.map { "\($0.code).md" })
        for name in names where name != "README.md" {
            #expect(codes.contains(name), "docs/rules/\(name) documents no rule; delete it")
        }
    }
}
