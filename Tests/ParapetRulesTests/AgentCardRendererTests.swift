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

    /// Names and values come from the scanned repository: nothing in them may end a label or
    /// start a new statement, and the same input draws the same picture.
    @Test func theMermaidPictureEscapesLabelsAndIsDeterministic() throws {
        let hostile = #"x"] --> evil["<b>|#`"#
        let files = [
            SourceFile(path: ".claude/settings.json", text: #"{"model": "claude-sonnet-4-6", "permissions": {"allow": ["Bash(rm:*)", "mcp__docs"]}}"#),
            SourceFile(path: ".mcp.json", text: #"{"mcpServers": {"docs": {"command": "npx", "args": ["-y", "@upstash/context7-mcp@1.0.14"]}}}"#),
            SourceFile(path: ".claude/agents/a.md", text: "---\nname: '\(hostile)'\ndescription: A\ntools: Read\n---\nDo A.\n"),
        ].compactMap { Loader().load($0) }
        let graph = GraphBuilder.build(files)
        let cards = AgentCard.cards(graph: graph, findings: [], pinning: ModelPinningDescription.describe)
        let picture = AgentCardRenderer.mermaid(cards)
        #expect(picture == AgentCardRenderer.mermaid(cards))
        let lines = picture.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart LR")
        #expect(lines.contains(#"  a0["agent claude-code (claude-settings)"]"#))
        #expect(lines.contains(#"  a0 -->|"uses model (main)"| a0_m0"#))
        #expect(lines.contains(#"  a0_s0[("docs: npx -y @upstash/context7-mcp@1.0.14 (pinned)")]"#))
        #expect(lines.contains(#"  a1["agent x#quot;] --#gt; evil[#quot;#lt;b#gt;#124;#35;#96; (claude-subagent)"]"#))
        // Every statement is a node or an edge of a node drawn before it.
        for line in lines.dropFirst() {
            #expect(line.hasPrefix("  a0") || line.hasPrefix("  a1"), "\(line)")
            #expect(!line.dropFirst(2).contains("\n"))
        }
        let markdown = AgentCardRenderer.markdown(cards)
        #expect(markdown.components(separatedBy: "```mermaid\nflowchart LR\n").count == cards.count + 1)
    }
}
