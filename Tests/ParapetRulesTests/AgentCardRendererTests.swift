import ParapetCore
import ParapetGraph
import ParapetSyntax
import Testing
@testable import ParapetRules

@Suite struct AgentCardRendererTests {
    @Test func markdownValuesAreCodeSpans() {
        #expect(AgentCardRenderer.code("$x$ <b>hi</b>") == "`$x$ <b>hi</b>`")
        #expect(AgentCardRenderer.code("a `b` c") == "``a `b` c``")
        #expect(AgentCardRenderer.code("`edge`") == "`` `edge` ``")
        #expect(AgentCardRenderer.code("a|b\nc") == "`a\\|b c`")
    }

    @Test func theReportStartsWithASummaryOfEveryAgent() {
        let files = [
            SourceFile(path: ".claude/settings.json", text: #"{"model": "claude-sonnet-4-5-20250929", "permissions": {"defaultMode": "bypassPermissions"}}"#),
            SourceFile(path: ".claude/agents/a.md", text: "---\nname: a\ndescription: A\ntools: Read\n---\nDo A.\n"),
        ].compactMap { Loader().load($0) }
        let graph = GraphBuilder.build(files)
        let cards = AgentCard.cards(graph: graph, findings: [], pinning: ModelPinningDescription.describe)
        let markdown = AgentCardRenderer.markdown(cards)
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst().first == "| agent | model pinned | can write | network | caps | telemetry | approval |")
        #expect(lines.contains("| `claude-code` | `yes` | `yes` | `yes` | `none` | `no` | `bypass` |"))
        #expect(lines.contains("| `a` | `unknown` | `yes` | `n/a` | `none` | `n/a` | `bypass (from .claude/settings.json)` |"))
    }
}
