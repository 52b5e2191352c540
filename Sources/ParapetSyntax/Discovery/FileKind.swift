/// What a discovered file is. Recognising a kind is discovery's job; turning it into graph nodes
/// is an adapter's.
public enum FileKind: String, CaseIterable, Sendable, Codable, Comparable {
    // Terraform
    case terraform
    case terraformJSON = "terraform-json"
    case tfvars
    case tfvarsJSON = "tfvars-json"
    case terraformPlan = "terraform-plan"
    // Kubernetes
    case kubernetes
    /// `kustomization.yaml`: which manifests form one deployment unit, and its namespace.
    case kustomization
    case helmTemplate = "helm-template"
    // Agent manifests
    case claudeMCP = "claude-mcp-json"
    case claudeSettings = "claude-settings"
    case claudeSubagent = "claude-subagent"
    /// A Claude skill (`SKILL.md`): instructions loaded on demand, with the tools it may use.
    case claudeSkill = "claude-skill"
    /// A Claude Code slash command (`.claude/commands/**/*.md`): a prompt with the tools it may use.
    case claudeCommand = "claude-command"
    /// A Claude Code plugin manifest (`.claude-plugin/plugin.json`): its MCP servers and hooks.
    case claudePlugin = "claude-plugin"
    /// A Claude Code plugin marketplace (`.claude-plugin/marketplace.json`): where plugins come from.
    case claudeMarketplace = "claude-marketplace"
    /// A GitHub Copilot custom agent (`.github/agents/*.agent.md`, older `*.chatmode.md`).
    case copilotAgent = "copilot-agent"
    case claudeDesktop = "claude-desktop"
    case cursorMCP = "cursor-mcp"
    case cursorPermissions = "cursor-permissions"
    /// Cursor `.cursor/sandbox.json`: the sandbox the agent's terminal runs in.
    case cursorSandbox = "cursor-sandbox"
    /// Cursor `.cursor/hooks.json`: commands run before and after the agent's actions.
    case cursorHooks = "cursor-hooks"
    /// Windsurf `.windsurf/hooks.json` (and the legacy `.devin/hooks.json`).
    case windsurfHooks = "windsurf-hooks"
    case vscodeMCP = "vscode-mcp"
    /// `.vscode/settings.json` when it configures the chat agent (`chat.*` keys, `mcp.servers`).
    case vscodeSettings = "vscode-settings"
    case clineMCP = "cline-mcp"
    case rooMCP = "roo-mcp"
    case windsurfMCP = "windsurf-mcp"
    case geminiSettings = "gemini-settings"
    /// Kiro CLI / Amazon Q Developer CLI agents (`.kiro/agents/*.json`, `.amazonq/cli-agents/*.json`).
    case kiroAgent = "kiro-agent"
    /// Gemini CLI policy files (`.gemini/policies/*.toml`): `[[rule]]` tables deciding tool calls.
    case geminiPolicy = "gemini-policy"
    case continueConfig = "continue-config"
    /// Zed `settings.json` when it configures the agent (`agent`, `context_servers`).
    case zedSettings = "zed-settings"
    /// goose `config.yaml` (`~/.config/goose/`): mode, model, extensions.
    case gooseConfig = "goose-config"
    case codexConfig = "codex-config"
    case crewaiAgents = "crewai-agents"
    case crewaiTasks = "crewai-tasks"
    case cagent
    case kagent
    case adkAgent = "adk-agent-config"
    case githubPrompt = "github-prompt"
    case prompty
    case a2aCard = "a2a-agent-card"
    case langgraph
    case agentWorkflow = "gha-agent-workflow"
    /// A GitHub Agentic Workflow (`.github/workflows/*.md`): front matter compiled to a lock file.
    case agenticWorkflow = "gh-agentic-workflow"
    /// OpenCode `opencode.json` / `opencode.jsonc`: model, permissions, MCP servers.
    case opencode = "opencode-config"
    /// An MCP registry entry (`server.json`): a server's packages and remote endpoints.
    case mcpServerJSON = "mcp-server-json"
    /// An MCP client config whose client the name does not tell (`mcpServers` at the top).
    case mcpConfig = "mcp-config"

    public static func < (lhs: FileKind, rhs: FileKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The syntax a front-end reads the kind with.
    public var syntax: Syntax {
        switch self {
        case .terraform, .tfvars: .hcl
        case .terraformJSON, .tfvarsJSON, .terraformPlan, .claudeMCP, .claudeSettings, .claudeDesktop, .cursorMCP,
             .cursorPermissions, .vscodeMCP, .vscodeSettings, .clineMCP, .rooMCP, .windsurfMCP, .geminiSettings, .a2aCard,
             .langgraph, .mcpConfig, .mcpServerJSON, .kiroAgent, .zedSettings, .opencode, .cursorSandbox, .cursorHooks, .windsurfHooks, .claudePlugin, .claudeMarketplace:
            .json
        case .codexConfig, .geminiPolicy: .toml
        case .claudeSubagent, .claudeSkill, .claudeCommand, .copilotAgent, .prompty, .agenticWorkflow: .frontMatter
        case .kubernetes, .kustomization, .helmTemplate, .continueConfig, .gooseConfig, .crewaiAgents, .crewaiTasks, .cagent, .kagent,
             .adkAgent, .githubPrompt, .agentWorkflow:
            .yaml
        }
    }

    public var isAgentManifest: Bool {
        switch self {
        case .terraform, .terraformJSON, .tfvars, .tfvarsJSON, .terraformPlan, .kubernetes, .kustomization, .helmTemplate: false
        default: true
        }
    }
}

/// The front-end a file is read with.
public enum Syntax: String, Sendable {
    case hcl, yaml, json, toml, frontMatter = "front-matter"
}
