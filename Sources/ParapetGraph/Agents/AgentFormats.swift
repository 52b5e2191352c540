import ParapetSyntax

/// Every agent format Parapet reads: its file kind, the files it is found in, the facts its
/// adapter fills, and where its keys were checked. `parapet formats` and `docs/formats.md` are
/// generated from this table; tests hold it to the classifier (each file pattern is read as its
/// kind) and to the fixtures (each fact listed is shown by a fixture of the format).
public struct AgentFormat: Sendable {
    /// The facets of an agent profile a format can fill.
    public enum Fact: String, Sendable, CaseIterable {
        case models, tools, servers, egress, budgets, telemetry
        case approval = "approval-mode"
        case endpoint
        case version = "agent-version"
        /// Code it fetches besides MCP servers (plugins, packages).
        case sources
    }

    public var kind: FileKind
    /// The client or framework, and what the file is to it.
    public var client: String
    public var title: String
    /// Where the files are, as people write them; the first of each is checked against the classifier.
    public var files: [String]
    /// Found by content rather than (only) by name.
    public var sniffed = false
    public var facts: [Fact]
    public var source: String
    /// Keys seen in repositories that the format's documentation does not define, so they are
    /// not read (the client is not known to act on them), each with why.
    public var unread: [String]

    init(_ kind: FileKind, _ client: String, _ title: String, files: [String], sniffed: Bool = false, facts: [Fact], source: String,
         unread: [String] = []) {
        self.kind = kind
        self.client = client
        self.title = title
        self.files = files
        self.sniffed = sniffed
        self.facts = facts
        self.source = source
        self.unread = unread
    }
}

extension AgentFormat {
    public static let all: [AgentFormat] = [
        AgentFormat(.claudeSettings, "Claude Code", "settings", files: [".claude/settings.json", ".claude/settings.local.json", "managed-settings.json"],
                    facts: [.models, .tools, .egress, .budgets, .telemetry, .approval, .sources], source: "code.claude.com/docs/en/settings; SchemaStore claude-code-settings.json"),
        AgentFormat(.claudeMCP, "Claude Code", "project MCP servers", files: [".mcp.json"], facts: [.servers], source: "code.claude.com/docs/en/mcp"),
        AgentFormat(.claudeSubagent, "Claude Code", "subagent", files: [".claude/agents/*.md"],
                    facts: [.models, .tools, .servers, .budgets, .approval], source: "code.claude.com/docs/en/sub-agents"),
        AgentFormat(.claudeSkill, "Claude Code", "skill", files: [".claude/skills/*/SKILL.md"], facts: [.models, .tools],
                    source: "agentskills specification; code.claude.com/docs/en/skills"),
        AgentFormat(.claudeCommand, "Claude Code", "slash command", files: [".claude/commands/**/*.md"], facts: [.models, .tools],
                    source: "code.claude.com/docs/en/slash-commands"),
        AgentFormat(.claudePlugin, "Claude Code", "plugin manifest", files: [".claude-plugin/plugin.json"], facts: [.servers, .telemetry],
                    source: "code.claude.com/docs/en/plugins-reference"),
        AgentFormat(.claudeMarketplace, "Claude Code", "plugin marketplace", files: [".claude-plugin/marketplace.json"], facts: [.sources],
                    source: "code.claude.com/docs/en/plugin-marketplaces"),
        AgentFormat(.claudeDesktop, "Claude Desktop", "MCP servers", files: ["claude_desktop_config.json"], facts: [.servers],
                    source: "modelcontextprotocol.io quickstart"),
        AgentFormat(.codexConfig, "OpenAI Codex", "config and custom agents", files: [".codex/config.toml", ".codex/agents/*.toml"],
                    sniffed: true, facts: [.models, .tools, .servers, .egress, .budgets, .telemetry, .approval],
                    source: "developers.openai.com/codex/config-reference; codex-rs/core/config.schema.json"),
        AgentFormat(.opencode, "OpenCode", "config", files: ["opencode.json", "opencode.jsonc"], facts: [.models, .tools, .servers, .approval],
                    source: "opencode.ai/docs/config, /permissions; opencode.ai/config.json"),
        AgentFormat(.cursorPermissions, "Cursor", "permissions and CLI config", files: [".cursor/permissions.json", ".cursor/cli.json", ".cursor/cli-config.json"],
                    facts: [.tools, .approval], source: "cursor.com/docs/reference/permissions; Cursor CLI permissions"),
        AgentFormat(.cursorMCP, "Cursor", "MCP servers", files: [".cursor/mcp.json"], facts: [.servers], source: "cursor.com/docs/context/mcp"),
        AgentFormat(.cursorSandbox, "Cursor", "sandbox", files: [".cursor/sandbox.json"], facts: [.egress], source: "cursor.com/docs/reference/sandbox",
                    unread: ["`filesystem.allowWrite` (and `filesystem.denyWrite`, `allowRead`, `denyRead`): Claude Code's sandbox shape, seen in "
                             + "Khan/todo-app; Cursor's sandbox.json reference (checked 2026-12-07) documents no `filesystem` key. Writable folders "
                             + "outside the workspace are `additionalReadwritePaths`, which is read."]),
        AgentFormat(.cursorHooks, "Cursor", "hooks", files: [".cursor/hooks.json"], facts: [.telemetry], source: "cursor.com/docs/agent/hooks"),
        AgentFormat(.vscodeMCP, "VS Code", "MCP servers", files: [".vscode/mcp.json"], sniffed: true, facts: [.tools, .servers, .egress, .approval],
                    source: "code.visualstudio.com/docs/copilot/reference/mcp-configuration"),
        AgentFormat(.vscodeSettings, "VS Code", "chat agent settings", files: [".vscode/settings.json"], sniffed: true,
                    facts: [.tools, .servers, .budgets, .approval], source: "code.visualstudio.com/docs/agents/run/approvals"),
        AgentFormat(.copilotAgent, "GitHub Copilot", "custom agent", files: [".github/agents/*.agent.md", "*.chatmode.md"],
                    facts: [.models, .tools, .servers], source: "docs.github.com/copilot/reference/custom-agents-configuration"),
        AgentFormat(.geminiSettings, "Gemini CLI", "settings and extensions", files: [".gemini/settings.json", "gemini-extension.json"],
                    sniffed: true, facts: [.models, .tools, .servers, .egress, .budgets, .telemetry, .approval],
                    source: "geminicli.com/docs/reference/configuration; schemas/settings.schema.json"),
        AgentFormat(.kiroAgent, "Kiro CLI / Amazon Q", "custom agent", files: [".kiro/agents/*.json", ".amazonq/cli-agents/*.json"],
                    facts: [.models, .tools, .servers], source: "kiro.dev/docs/cli/custom-agents/configuration-reference"),
        AgentFormat(.geminiPolicy, "Gemini CLI", "policy rules", files: [".gemini/policies/*.toml"], facts: [.tools],
                    source: "geminicli.com/docs/reference/policy-engine"),
        AgentFormat(.clineMCP, "Cline", "MCP servers", files: ["cline_mcp_settings.json"], sniffed: true, facts: [.tools, .servers],
                    source: "docs.cline.bot MCP configuration"),
        AgentFormat(.rooMCP, "Roo Code / Kilo Code", "MCP servers", files: [".roo/mcp.json", "mcp_settings.json"], sniffed: true,
                    facts: [.tools, .servers], source: "docs.roocode.com features/mcp"),
        AgentFormat(.windsurfMCP, "Windsurf", "MCP servers", files: ["mcp_config.json"], facts: [.servers], source: "docs.windsurf.com cascade/mcp"),
        AgentFormat(.windsurfHooks, "Windsurf", "hooks", files: [".windsurf/hooks.json"], facts: [.telemetry], source: "docs.windsurf.com cascade/hooks"),
        AgentFormat(.zedSettings, "Zed", "agent settings", files: [".config/zed/settings.json", ".zed/settings.json"], sniffed: true,
                    facts: [.models, .approval], source: "zed.dev/docs/ai/tool-permissions, /ai/agent-settings"),
        AgentFormat(.gooseConfig, "goose", "config", files: [".config/goose/config.yaml"], facts: [.models, .tools, .servers, .budgets, .approval],
                    source: "block.github.io/goose/docs/guides/config-files"),
        AgentFormat(.mcpConfig, "MCP client (unknown)", "servers by shape", files: ["*.json with mcpServers", ".kiro/settings/mcp.json"], sniffed: true,
                    facts: [.tools, .servers], source: "modelcontextprotocol.io client configuration"),
        AgentFormat(.mcpServerJSON, "MCP registry", "server.json", files: ["server.json"], sniffed: true, facts: [.servers, .sources],
                    source: "modelcontextprotocol/registry docs/reference/server-json"),
        AgentFormat(.a2aCard, "A2A", "agent card (v0.3 and v1.0)", files: [".well-known/agent-card.json"], sniffed: true, facts: [.endpoint, .version],
                    source: "a2a-protocol.org/latest/specification"),
        AgentFormat(.agentWorkflow, "GitHub Actions", "agent steps (Claude, Codex, Gemini)", files: [".github/workflows/*.yml"], sniffed: true,
                    facts: [.models, .tools, .servers, .egress, .budgets, .telemetry, .approval, .endpoint, .version],
                    source: "claude-code-action, codex-action, run-gemini-cli READMEs"),
        AgentFormat(.agenticWorkflow, "GitHub Agentic Workflows", "workflow front matter", files: [".github/workflows/*.md"],
                    facts: [.models, .tools, .servers, .egress, .budgets], source: "github.github.com/gh-aw/reference"),
        AgentFormat(.continueConfig, "Continue", "config", files: [".continue/config.yaml", ".continue/agents/*.yaml"],
                    facts: [.models, .servers, .budgets, .telemetry], source: "docs.continue.dev reference"),
        AgentFormat(.crewaiAgents, "crewAI", "agents", files: ["agents.yaml"], sniffed: true, facts: [.models, .tools, .servers, .budgets],
                    source: "docs.crewai.com concepts/agents"),
        AgentFormat(.crewaiTasks, "crewAI", "tasks", files: ["tasks.yaml"], sniffed: true, facts: [.tools], source: "docs.crewai.com concepts/tasks"),
        AgentFormat(.cagent, "Docker cagent", "agent YAML", files: ["*.yaml with agents:"], sniffed: true,
                    facts: [.models, .tools, .servers, .egress, .budgets, .telemetry, .approval], source: "docker/cagent docs"),
        AgentFormat(.kagent, "kagent", "Agent, ModelConfig, MCPServer objects", files: ["*.yaml (kagent.dev)"], sniffed: true,
                    facts: [.models, .tools, .servers, .egress, .budgets, .version], source: "kagent.dev docs; CRDs"),
        AgentFormat(.adkAgent, "Google ADK", "agent config", files: ["root_agent.yaml"], sniffed: true, facts: [.models, .tools, .servers, .budgets, .telemetry],
                    source: "google.github.io/adk-docs agents/config"),
        AgentFormat(.githubPrompt, "GitHub Models", "prompt file", files: ["*.prompt.yml"], facts: [.models, .budgets],
                    source: "docs.github.com github-models prompt files"),
        AgentFormat(.prompty, "Prompty", "prompt file", files: ["*.prompty"], facts: [.models, .tools, .servers, .budgets], source: "prompty.ai specification"),
        AgentFormat(.langgraph, "LangGraph", "deployment config", files: ["langgraph.json"], facts: [.telemetry],
                    source: "langchain-ai.github.io/langgraph cloud reference"),
    ]
}
