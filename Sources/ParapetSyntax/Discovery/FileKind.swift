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
    /// A GitHub Copilot custom agent (`.github/agents/*.agent.md`, older `*.chatmode.md`).
    case copilotAgent = "copilot-agent"
    case claudeDesktop = "claude-desktop"
    case cursorMCP = "cursor-mcp"
    case cursorPermissions = "cursor-permissions"
    case vscodeMCP = "vscode-mcp"
    /// `.vscode/settings.json` when it configures the chat agent (`chat.*` keys, `mcp.servers`).
    case vscodeSettings = "vscode-settings"
    case clineMCP = "cline-mcp"
    case rooMCP = "roo-mcp"
    case windsurfMCP = "windsurf-mcp"
    case geminiSettings = "gemini-settings"
    case continueConfig = "continue-config"
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
    /// An MCP client config whose client the name does not tell (`mcpServers` at the top).
    case mcpConfig = "mcp-config"

    public static func < (lhs: FileKind, rhs: FileKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The syntax a front-end reads the kind with.
    public var syntax: Syntax {
        switch self {
        case .terraform, .tfvars: .hcl
        case .terraformJSON, .tfvarsJSON, .terraformPlan, .claudeMCP, .claudeSettings, .claudeDesktop, .cursorMCP,
             .cursorPermissions, .vscodeMCP, .vscodeSettings, .clineMCP, .rooMCP, .windsurfMCP, .geminiSettings, .a2aCard,
             .langgraph, .mcpConfig:
            .json
        case .codexConfig: .toml
        case .claudeSubagent, .claudeSkill, .copilotAgent, .prompty: .frontMatter
        case .kubernetes, .kustomization, .helmTemplate, .continueConfig, .crewaiAgents, .crewaiTasks, .cagent, .kagent,
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
