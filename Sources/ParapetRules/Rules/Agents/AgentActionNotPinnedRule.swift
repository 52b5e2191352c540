import ParapetCore
import ParapetGraph

struct AgentActionNotPinnedRule: Rule {
    static let metadata = RuleMetadata(
        code: "PIN507", name: "agent-action-not-pinned", family: .pinning, defaultSeverity: .warning,
        summary: "Finds GitHub Actions agent steps that use the agent's action by tag or branch instead of a commit SHA.",
        rationale: """
            An agent action runs with the workflow's token and secrets and decides what the agent may \
            do. A tag such as `@v1` or a branch moves: whoever can push to the action's repository \
            changes what runs in every workflow that uses it, and a hijacked tag ships to all of them \
            at once. A full commit SHA makes an upgrade a reviewed change.
            """,
        remediation: "Pin the action to a full commit SHA and keep the tag as a comment (`uses: owner/action@<sha> # v1.2.3`).",
        examples: [
            .triggering("""
                on: pull_request
                jobs:
                  review:
                    runs-on: ubuntu-latest
                    timeout-minutes: 15
                    steps:
                      - uses: ↓anthropics/claude-code-action@v1
                        with:
                          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}
                          prompt: Review this pull request.
                """, fileName: ".github/workflows/review.yml"),
            .passing("""
                on: pull_request
                jobs:
                  review:
                    runs-on: ubuntu-latest
                    timeout-minutes: 15
                    steps:
                      - uses: anthropics/claude-code-action@0123456789abcdef0123456789abcdef01234567 # v1.0.9
                        with:
                          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}
                          prompt: Review this pull request.
                """, fileName: ".github/workflows/review.yml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        context.agents.compactMap { node, profile in
            guard let uses = profile.workflowStep?.uses, let problem = Self.problem(uses.value) else { return nil }
            return agentFinding("Agent action `\(uses.value)` \(problem)", at: uses.range, node: node, path: "uses")
        }
    }

    /// Why a `uses:` reference moves; nil when it is pinned (a full SHA) or local.
    static func problem(_ uses: String) -> String? {
        let text = uses.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("./") || text.hasPrefix("docker://") { return nil }
        guard let at = text.lastIndex(of: "@") else { return "names no version, so it runs the default branch" }
        let ref = text[text.index(after: at)...]
        if ref.count == 40 && ref.allSatisfy(\.isHexDigit) { return nil }
        let looksLikeTag = ref.first == "v" && ref.dropFirst().first?.isNumber == true || ref.first?.isNumber == true
        return looksLikeTag ? "is pinned to the tag `\(ref)`, which can be moved" : "follows the branch `\(ref)`"
    }
}
