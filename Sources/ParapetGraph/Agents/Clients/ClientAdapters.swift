/// Adapters of MCP clients and coding agents (Claude Code, Cursor, VS Code, Cline, Gemini CLI, …).
let clientAdapters: [any AgentAdapter.Type] = []
