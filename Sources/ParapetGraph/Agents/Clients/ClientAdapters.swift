/// Adapters of MCP clients and coding agents (Claude Code, Cursor, VS Code, Cline, Gemini CLI, …).
let clientAdapters: [any AgentAdapter.Type] = [
    ClaudeMCPAdapter.self,
    ClaudeSettingsAdapter.self,
    ClaudeSubagentAdapter.self,
    ClaudeSkillAdapter.self,
    CopilotAgentAdapter.self,
    ClaudeDesktopAdapter.self,
    CursorMCPAdapter.self,
    CursorPermissionsAdapter.self,
    VSCodeMCPAdapter.self,
    ClineMCPAdapter.self,
    RooMCPAdapter.self,
    WindsurfMCPAdapter.self,
    GeminiSettingsAdapter.self,
    GenericMCPAdapter.self,
    AgentWorkflowAdapter.self,
]
