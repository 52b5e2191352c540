/// Adapters of MCP clients and coding agents (Claude Code, Cursor, VS Code, Cline, Gemini CLI, …).
let clientAdapters: [any AgentAdapter.Type] = [
    ClaudeSettingsAdapter.self,
    ClaudeSubagentAdapter.self,
    ClaudeSkillAdapter.self,
    CopilotAgentAdapter.self,
    CursorPermissionsAdapter.self,
    CursorSandboxAdapter.self,
    MCPClientAdapter.self,
    VSCodeSettingsAdapter.self,
    GeminiSettingsAdapter.self,
    GeminiPolicyAdapter.self,
    OpenCodeAdapter.self,
    HookFileAdapter.self,
    ClaudePluginAdapter.self,
    MCPRegistryServerAdapter.self,
    AgentWorkflowAdapter.self,
    AgenticWorkflowAdapter.self,
]
