import ParapetCore
import ParapetGraph

struct AgentWithoutTokenLimitRule: Rule {
    static let metadata = RuleMetadata(
        code: "BUD302", name: "agent-without-token-limit", family: .budget, defaultSeverity: .note,
        summary: "Finds agents and prompts with no output-token cap on their model where the format has one.",
        rationale: """
            Without a token cap one runaway answer (a loop that repeats, a dump of a whole file) costs \
            the model's full output window on every call. A cap bounds the cost of each call.
            """,
        remediation: "Set the format's output-token cap (`max_tokens`, `maxTokens`, `max_output_tokens`, `max_length`).",
        examples: [
            .triggering("""
                ↓name: Summarize
                model: openai/gpt-4o-mini-2024-07-18
                messages:
                  - role: user
                    content: "Summarize {{input}}"
                """, fileName: "summarize.prompt.yml"),
            .passing("""
                name: Summarize
                model: openai/gpt-4o-mini-2024-07-18
                modelParameters:
                  max_tokens: 500
                messages:
                  - role: user
                    content: "Summarize {{input}}"
                """, fileName: "summarize.prompt.yml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        AgentBudgetCheck(kinds: [.tokens], noun: "output-token limit").findings(self, context)
    }
}
