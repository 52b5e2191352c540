import Foundation
import ParapetCore
import ParapetTestSupport
import Testing
@testable import ParapetRules

/// A fixture folder: `fixtures/rules/<family>/<rule-name>/` runs that rule only (plus the meta
/// rules); `fixtures/projects/<name>/` and `fixtures/demo/` run every rule. The concise output
/// is compared with `findings.snap` in the folder (`UPDATE_SNAPSHOTS=1` records it).
struct Fixture: CustomTestStringConvertible, Sendable {
    let directory: URL
    let rule: String?
    var testDescription: String { directory.path.replacingOccurrences(of: fixturesRoot.path + "/", with: "") }

    static func all() -> [Fixture] {
        var fixtures: [Fixture] = []
        let fm = FileManager.default
        let rulesRoot = fixturesRoot.appendingPathComponent("rules")
        for family in ((try? fm.contentsOfDirectory(atPath: rulesRoot.path)) ?? []).sorted() {
            let familyURL = rulesRoot.appendingPathComponent(family)
            for name in ((try? fm.contentsOfDirectory(atPath: familyURL.path)) ?? []).sorted() {
                let url = familyURL.appendingPathComponent(name)
                // Several cases of one rule: `<rule-name>/<case>/`; a single case: files directly.
                let children = ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
                let caseDirectories = children.filter { child in
                    var isDirectory: ObjCBool = false
                    return fm.fileExists(atPath: url.appendingPathComponent(child).path, isDirectory: &isDirectory)
                        && isDirectory.boolValue && !child.hasPrefix(".")
                }
                if children.contains("findings.snap") || caseDirectories.isEmpty {
                    fixtures.append(Fixture(directory: url, rule: name))
                } else {
                    fixtures += caseDirectories.map { Fixture(directory: url.appendingPathComponent($0), rule: name) }
                }
            }
        }
        let projects = fixturesRoot.appendingPathComponent("projects")
        for name in ((try? fm.contentsOfDirectory(atPath: projects.path)) ?? []).sorted() {
            fixtures.append(Fixture(directory: projects.appendingPathComponent(name), rule: nil))
        }
        fixtures.append(Fixture(directory: fixturesRoot.appendingPathComponent("demo"), rule: nil))
        return fixtures
    }
}

func concise(_ findings: [Finding]) -> String {
    var out = ""
    for finding in findings {
        let start = finding.range.start
        out += "\(finding.range.path):\(start.line):\(start.column): \(finding.severity.rawValue) \(finding.code) \(finding.message)\n"
        for related in finding.related {
            out += "  = \(related.range.path):\(related.range.start.line):\(related.range.start.column): \(related.message)\n"
        }
    }
    return out
}

@Suite struct FixtureTests {
    @Test(arguments: Fixture.all())
    func fixtureFindingsMatchTheSnapshot(_ fixture: Fixture) throws {
        if let rule = fixture.rule {
            #expect(RuleCatalog.find(rule) != nil, "fixture folder names no rule: \(rule)")
        }
        var options = ScanOptions(roots: ["."], workingDirectory: fixture.directory.path, workers: 2)
        options.configSearchCeiling = fixture.directory.path
        if let rule = fixture.rule { options.only = [rule, "PAR"] }
        let result = try Scan.run(options)
        for finding in result.findings {
            #expect(finding.range.start.line >= 1, "\(finding.code) has no real position")
        }
        assertSnapshot(concise(result.findings), at: fixture.directory.appendingPathComponent("findings.snap"))
    }

    @Test func everyRuleFileIsRegistered() throws {
        let rulesDirectory = packageRoot.appendingPathComponent("Sources/ParapetRules/Rules")
        let enumerator = FileManager.default.enumerator(atPath: rulesDirectory.path)
        var typeNames: Set<String> = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix("Rule.swift") { typeNames.insert(String(path.split(separator: "/").last!.dropLast(".swift".count))) }
        }
        let registered = Set(builtInRules.map { String(describing: $0) })
        #expect(typeNames == registered)
    }

    @Test func embeddedRuleFilesMatchRulesDirectory() throws {
        let rules = packageRoot.appendingPathComponent("rules")
        let enumerator = FileManager.default.enumerator(atPath: rules.path)
        var onDisk: [String: String] = [:]
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".yaml") else { continue }
            onDisk["rules/" + path] = try String(contentsOf: rules.appendingPathComponent(path), encoding: .utf8)
        }
        let embedded = Dictionary(EmbeddedRuleFiles.files.map { ($0.path, $0.contents + "\n") }, uniquingKeysWith: { a, _ in a })
        #expect(embedded == onDisk, "Sources/ParapetRules/Data/EmbeddedRuleFiles.generated.swift is out of date. Run `make generate`.")
        #expect(RuleData.builtIn.problems.isEmpty, "\(RuleData.builtIn.problems)")
    }
}
