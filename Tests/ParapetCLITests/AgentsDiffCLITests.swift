import Foundation
import Testing

/// `parapet agents --diff BASE_DIR`: what an onboarding change adds, compared with a base checkout.
@Suite(.serialized) struct AgentsDiffCLITests {
    static let baseSettings = """
        {
          "model": "claude-sonnet-4-5-20250929",
          "permissions": { "allow": ["Read"], "ask": ["Bash(git push:*)"] },
          "sandbox": { "enabled": true, "network": { "allowedDomains": ["registry.npmjs.org"] } },
          "env": { "CLAUDE_CODE_MAX_TURNS": "30" }
        }
        """
    static let headSettings = """
        {
          "model": "sonnet",
          "permissions": { "allow": ["Read", "Bash(git push:*)", "WebFetch"] },
          "sandbox": { "enabled": true, "network": { "allowedDomains": ["registry.npmjs.org", "api.github.com"] } }
        }
        """

    func workspaces() throws -> Workspace {
        try Workspace([
            "base/.claude/settings.json": Self.baseSettings,
            "head/.claude/settings.json": Self.headSettings,
            "head/.mcp.json": #"{"mcpServers": {"gh": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]}}}"#,
            "head/.claude/agents/fixer.md": "---\nname: fixer\ndescription: Fixes\ntools: Edit, Bash\n---\nFix.\n",
            "same/.claude/settings.json": Self.baseSettings,
        ])
    }

    @Test func theDiffNamesWhatTheChangeAddsAndWidens() throws {
        let workspace = try workspaces()
        let output = try CLI.run(["agents", "head", "--diff", "base"], in: workspace.url)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Agent changes compared with base")
        #expect(lines.contains { $0.hasPrefix("+ fixer: agent-added claude-subagent") })
        #expect(lines.contains { $0.hasPrefix("~ claude-code: tool-approval-loosened Bash(git push:*): required → auto") })
        #expect(lines.contains { $0.hasPrefix("~ claude-code: tool-added WebFetch: auto, network") })
        #expect(lines.contains { $0.hasPrefix("~ claude-code: server-added gh: npx -y @modelcontextprotocol/server-github (not pinned)") })
        #expect(lines.contains { $0.hasPrefix("~ claude-code: egress-widened allow-list: registry.npmjs.org → api.github.com, registry.npmjs.org") })
        #expect(lines.contains { $0.hasPrefix("~ claude-code: cap-removed turns") })
        #expect(lines.contains { $0.hasPrefix("~ claude-code: model-changed main: claude-sonnet-4-5-20250929 → sonnet") })
        #expect(lines.last == "7 changes")
        // Read was granted before: not new.
        #expect(!output.stdout.contains("tool-added Read"))
    }

    @Test func theJSONHasEnumKindsAndNoDisplayStringsForThem() throws {
        let workspace = try workspaces()
        let output = try CLI.run(["agents", "head", "--diff", "base", "--format", "json"], in: workspace.url)
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let changes = try #require(object["changes"] as? [[String: Any]])
        let kinds = changes.compactMap { $0["kind"] as? String }
        #expect(kinds == ["agent-added", "tool-approval-loosened", "tool-added", "server-added", "egress-widened", "cap-removed", "model-changed"])
        let model = try #require(changes.first { $0["kind"] as? String == "model-changed" })
        #expect(model["before"] as? String == "claude-sonnet-4-5-20250929")
        #expect(model["after"] as? String == "sonnet")
    }

    @Test func anUnchangedCheckoutHasNoChanges() throws {
        let workspace = try workspaces()
        let output = try CLI.run(["agents", "same", "--diff", "base"], in: workspace.url)
        #expect(output.status == 0)
        #expect(output.stdout == "No agent changes compared with base.\n")
    }

    @Test func theBaseMustBeADirectory() throws {
        let workspace = try workspaces()
        let output = try CLI.run(["agents", "head", "--diff", "missing"], in: workspace.url)
        #expect(output.status == 2)
        #expect(output.stderr.contains("`missing` is not a directory"))
    }
}
