import ParapetCore
import ParapetFacts
import ParapetGraph

struct AgentWithoutTracingRule: Rule {
    static let metadata = RuleMetadata(
        code: "TEL101", name: "agent-without-tracing", family: .telemetry, defaultSeverity: .warning,
        summary: "Finds agents whose format can export traces, metrics or logs and that export none.",
        rationale: """
            When an agent misbehaves in production, its traces are the only record of what it was \
            asked, which tools it called and what they returned. Formats that cannot declare \
            telemetry are never flagged; an agent in a Kubernetes workload with an OpenTelemetry \
            exporter counts as traced.
            """,
        remediation: "Turn on the format's telemetry (`CLAUDE_CODE_ENABLE_TELEMETRY` and an OTEL exporter, Codex `[otel]`, Gemini `telemetry.enabled`).",
        examples: [
            .triggering("""
                ↓{
                  "model": "claude-sonnet-4-5-20250929",
                  "permissions": {"allow": ["Read"]}
                }
                """, fileName: ".claude/settings.json"),
            .passing("""
                {
                  "model": "claude-sonnet-4-5-20250929",
                  "permissions": {"allow": ["Read"]},
                  "env": {"CLAUDE_CODE_ENABLE_TELEMETRY": "1", "OTEL_TRACES_EXPORTER": "otlp"}
                }
                """, fileName: ".claude/settings.json"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for agent in context.agentFacts {
            let (node, profile) = (context.graph[agent.node], agent.profile)
            // Terraform-declared model use is covered configuration-wide by TEL103.
            guard profile.telemetry.isExpressible, profile.canDeclareTracing, profile.format != .terraform, !agent.isTraced else { continue }
            // cagent traces only when run with `--otel`, which no file can say.
            let hint = profile.format == .cagent ? " unless it is run with `docker agent run --otel`" : ""
            findings.append(agentFinding("Agent `\(profile.name)` exports no traces, metrics or logs\(hint)", at: profile.range, node: node, path: "telemetry"))
        }
        return findings
    }
}
