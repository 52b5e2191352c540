/// Adapters of MCP clients and coding agents (Claude Code, Cursor, VS Code, Cline, Gemini CLI, …).
let clientAdapters: [any AgentAdapter.Type] = [
    ClaudeSettingsAdapter.self,
    ClaudeSubagentAdapter.self,
    ClaudeSkillAdapter.self,
    CopilotAgentAdapter.self,
    CursorPermissionsAdapter.self,
    MCPClientAdapter.self,
    VSCodeSettingsAdapter.self,
    GeminiSettingsAdapter.self,
    AgentWorkflowAdapter.self,
]
