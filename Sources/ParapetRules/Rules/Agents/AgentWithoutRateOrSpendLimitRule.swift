import ParapetCore
import ParapetGraph

struct AgentWithoutRateOrSpendLimitRule: Rule {
    static let metadata = RuleMetadata(
        code: "BUD303", name: "agent-without-rate-or-spend-limit", family: .budget, defaultSeverity: .note,
        summary: "Finds agents with no request-rate, time or spend cap where their format has one.",
        rationale: """
            A turn cap bounds one run; a rate, time or spend cap bounds what many runs cost together. \
            Without one, a retry storm or a busy queue turns into an unbounded bill.
            """,
        remediation: "Set the format's rate, time or spend cap (`max_rpm`, `max_execution_time`, Codex `[agents]` limits, `sku.capacity`).",
        examples: [
            .triggering("""
                ↓writer:
                  role: Writer
                  goal: Draft a reply to {ticket}
                  backstory: Writes clear replies.
                  max_iter: 5
                """, fileName: "config/agents.yaml"),
            .passing("""
                writer:
                  role: Writer
                  goal: Draft a reply to {ticket}
                  backstory: Writes clear replies.
                  max_iter: 5
                  max_rpm: 20
                """, fileName: "config/agents.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        AgentBudgetCheck(kinds: [.rate, .time, .spend], noun: "rate, time or spend limit").findings(self, context)
    }
}
