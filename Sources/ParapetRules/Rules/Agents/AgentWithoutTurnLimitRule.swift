import ParapetCore
import ParapetGraph

struct AgentWithoutTurnLimitRule: Rule {
    static let metadata = RuleMetadata(
        code: "BUD301", name: "agent-without-turn-limit", family: .budget, defaultSeverity: .warning,
        summary: "Finds agents with no cap on turns or iterations where their format has one.",
        rationale: """
            An agent loop without a turn cap can run until something outside stops it: a confused \
            plan retries forever, and every turn spends tokens and calls tools. crewAI's default of 25 \
            counts only when written down, so that the cap is a decision, not an accident.
            """,
        remediation: "Set the format's turn cap (`max_iter`, `max_iterations`, `maxTurns`, `--max-turns`, `maxSessionTurns`).",
        examples: [
            .triggering("""
                ↓researcher:
                  role: Researcher
                  goal: Find facts about {topic}
                  backstory: An analyst.
                """, fileName: "config/agents.yaml"),
            .passing("""
                researcher:
                  role: Researcher
                  goal: Find facts about {topic}
                  backstory: An analyst.
                  max_iter: 10
                """, fileName: "config/agents.yaml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        AgentBudgetCheck(kinds: [.turns], noun: "turn limit").findings(self, context)
    }
}
