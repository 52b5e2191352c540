import ParapetCore
import ParapetGraph

struct AgentToolCallsUnauditedRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL102", name: "agent-tool-calls-unaudited", family: .telemetry, defaultSeverity: .note,
        summary: "Finds agents that can run write, exec or network tools with no audit sink for tool calls.",
        rationale: """
            After an incident the first question is which tool calls the agent made, with what \
            arguments. Without a post-tool hook, OpenTelemetry tool details or invocation logs, nobody \
            can answer it. A post-tool hook that only runs a formatter (listed in \
            `rules/agents/tool-capabilities.yaml`) records nothing and does not count.
            """,
        remediation: "Record tool calls: a `PostToolUse` hook, `OTEL_LOG_TOOL_DETAILS=1`, or the format's invocation logging.",
        examples: [
            .triggering("""
                {
                  "permissions": {"allow": [↓"Bash(npm test)"]},
                  "env": {"CLAUDE_CODE_ENABLE_TELEMETRY": "1", "OTEL_TRACES_EXPORTER": "otlp"}
                }
                """, fileName: ".claude/settings.json"),
            .passing("""
                {
                  "permissions": {"allow": ["Bash(npm test)"]},
                  "env": {"CLAUDE_CODE_ENABLE_TELEMETRY": "1", "OTEL_TRACES_EXPORTER": "otlp", "OTEL_LOG_TOOL_DETAILS": "1"}
                }
                """, fileName: ".claude/settings.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let capabilities = ToolCapabilities.builtIn
        var findings: [Finding] = []
        for (node, profile) in context.agents {
            guard profile.telemetry.isExpressible, let tools = profile.tools.value else { continue }
            // A hook that only formats the edited file sees each call and records nothing.
            if (profile.telemetry.value ?? []).contains(where: { sink in
                sink.kind == .toolAudit && !(sink.hookCommand.map(capabilities.isFormatterHook) ?? false)
            }) { continue }
            // A whole server nothing here knows may do any of these: it counts.
            let risky = tools.first { grant in
                guard grant.approval != .denied else { return false }
                let classified = capabilities.classify(grant, servers: profile.servers.value ?? [])
                return [.destructive, .exec, .write, .network].contains(classified.capability) || classified.isUnknownServer
            }
            guard let risky else { continue }
            findings.append(agentFinding("Agent `\(profile.name)` can run `\(risky.pattern)` and records no tool calls",
                                    at: risky.range, node: node, path: "telemetry.tool-audit"))
        }
        return findings
    }
}
