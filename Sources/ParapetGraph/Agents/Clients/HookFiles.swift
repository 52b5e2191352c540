import ParapetCore
import ParapetSyntax

/// A client's hooks file: `{"version": 1, "hooks": {"<event>": [{"command": "…"}]}}`. Each
/// client is one row of `HookFormat.all`; the events that run after a tool call see the call,
/// so a hook there is where tool calls can be recorded (TEL102 decides whether it records).
struct HookFormat: Sendable {
    var agent: String
    var kind: FileKind
    /// Events that run after the agent used a tool, with what they see.
    var afterToolEvents: Set<String>

    /// Cursor hooks (cursor.com/docs/agent/hooks, checked 2026-12-07).
    static let cursor = HookFormat(agent: "cursor", kind: .cursorHooks,
                                   afterToolEvents: ["afterShellExecution", "afterMCPExecution", "afterFileEdit", "postToolUse"])
    /// Windsurf Cascade hooks (docs.windsurf.com cascade/hooks, checked 2026-12-07).
    static let windsurf = HookFormat(agent: "windsurf", kind: .windsurfHooks,
                                     afterToolEvents: ["post_run_command", "post_write_code", "post_mcp_tool_use", "post_read_code"])

    static let all: [HookFormat] = [cursor, windsurf]
}

/// The agent of a hooks file: only what it records (its tool-call hooks). Cursor's merges with
/// the project's other `.cursor/` files (`ClientProject.cursor`).
enum HookFileAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { Set(HookFormat.all.map(\.kind)) }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let format = HookFormat.all.first(where: { $0.kind == file.kind }), let root = file.documents.first,
              let hooks = root["hooks"], hooks.isMapping else { return [] }
        var facts = ClientFacts()
        facts.telemetrySaid = true
        for event in ClientData.entries(hooks) where format.afterToolEvents.contains(event.name) {
            for hook in event.value.sequence ?? [] {
                guard let command = hook["command"], let text = ClientData.text(command), !text.isEmpty else { continue }
                let matcher = ClientData.string(hook["matcher"]).map { "[\($0)]" } ?? ""
                facts.telemetry.append(TelemetrySink(kind: .toolAudit, destination: "hooks.\(event.name)\(matcher) command: \(ClaudeSettingsReader.short(text))",
                                                     range: command.range, hookCommand: text))
            }
        }
        var profile = facts.profile(name: format.agent, format: file.kind, range: root.range, expressible: [.telemetry], budgetKinds: [])
        profile.canDeclareTracing = false
        return [profile]
    }
}
