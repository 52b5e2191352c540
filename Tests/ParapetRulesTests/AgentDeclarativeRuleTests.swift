import ParapetCore
import ParapetGraph
import ParapetSyntax
import Testing
@testable import ParapetRules

/// Agents are graph citizens: a declarative rule can match their tool nodes by attributes and
/// edges, without Swift.
@Suite struct AgentDeclarativeRuleTests {
    @Test func aDeclarativeRuleMatchesAutoApprovedWebFetchOfAnAgent() throws {
        var loader = DeclarativeRuleLoader()
        loader.load(SourceFile(path: "rules/team/no-unasked-fetch.yaml", text: """
            code: EGR901
            name: no-unasked-fetch
            family: egress
            severity: warning
            summary: Finds agents that fetch URLs without asking.
            rationale: Our agents ask before they fetch.
            remediation: Move `WebFetch` to `ask`.
            match:
              kind: tool
              where:
                all:
                  - path: approval
                    equals: auto
                  - connected: {label: calls-tool, direction: in, kind: agent}
            message: "`{name}` runs without asking"
            """))
        #expect(loader.problems.isEmpty)
        let files = [
            SourceFile(path: ".claude/settings.json", text: #"{"permissions": {"allow": ["WebFetch"], "ask": ["Bash"]}}"#),
        ].compactMap { Loader().load($0) }
        let graph = GraphBuilder.build(files)
        let findings = RuleEngine.run(loader.rules, graph: graph)
        #expect(findings.map(\.range.start.line) == [1])
        #expect(findings.count == 1)
        #expect(findings.first?.address?.hasSuffix("/WebFetch") == true)
    }
}
