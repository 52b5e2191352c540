import ParapetCore
import ParapetGraph

struct UntrustedInputToAgentRule: Rule {
    static let metadata = RuleMetadata(
        code: "GATE414", name: "untrusted-input-to-agent", family: .gate, defaultSeverity: .error,
        summary: "Finds agent workflows that put text anyone can write (issue, comment, pull request) into the prompt of an agent that can write, push or reach the network.",
        rationale: """
            An agent that reads attacker-written text, holds the repository's token and secrets, and \
            can push, comment or fetch URLs has all three parts of the "lethal trifecta": private \
            data, untrusted content and a way out. A sentence in an issue body is then enough to \
            make it leak a secret or push code. Which context values are untrusted is data in \
            `rules/agents/untrusted-inputs.yaml` (from GitHub's security hardening guide).
            """,
        remediation: "Do not interpolate issue, comment or pull request text into the prompt; let the agent read it through a read-only tool, drop write permissions and network tools from the job, or gate the workflow on trusted authors.",
        examples: [
            .triggering("""
                on:
                  issues:
                    types: [opened]
                permissions:
                  contents: write
                  issues: write
                jobs:
                  triage:
                    runs-on: ubuntu-latest
                    timeout-minutes: 15
                    steps:
                      - uses: anthropics/claude-code-action@0123456789abcdef0123456789abcdef01234567
                        with:
                          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}
                          prompt: ↓"Triage this issue: ${{ github.event.issue.body }}"
                """, fileName: ".github/workflows/triage.yml"),
            .passing("""
                on:
                  issues:
                    types: [opened]
                permissions:
                  contents: read
                  issues: read
                jobs:
                  triage:
                    runs-on: ubuntu-latest
                    timeout-minutes: 15
                    steps:
                      - uses: anthropics/claude-code-action@0123456789abcdef0123456789abcdef01234567
                        with:
                          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}
                          prompt: "Triage issue #${{ github.event.issue.number }}."
                """, fileName: ".github/workflows/triage.yml"),
        ])

    func check(_ context: RuleContext) -> [Finding] {
        let untrusted = UntrustedInputs.builtIn
        let capabilities = ToolCapabilities.builtIn
        var findings: [Finding] = []
        for (node, profile) in context.agents {
            guard let step = profile.workflowStep else { continue }
            for input in step.promptInputs {
                guard let expression = untrusted.firstUntrusted(in: input.text) else { continue }
                guard let reach = Self.reach(profile, step, capabilities) else { continue }
                findings.append(agentFinding("Agent `\(profile.name)` is prompted with `\(expression)`, which anyone can write, and \(reach.what)",
                                        at: input.range, node: node, path: "workflow.\(input.key)",
                                        related: [RelatedLocation(range: reach.range, message: reach.what)]))
                break
            }
        }
        return findings
    }

    /// The agent's way out: a write permission of the job's token, switched-off approval, an
    /// allowed tool that writes or reaches the network, or an open sandbox.
    static func reach(_ profile: AgentProfile, _ step: WorkflowStepFacts, _ capabilities: ToolCapabilities)
        -> (what: String, range: SourceRange)? {
        if let write = step.writePermissions.first {
            return ("its token can write (`\(write.scope): write`)", write.range)
        }
        if let mode = profile.approvalMode.value, mode.mode == .bypass {
            return ("it runs every tool without asking (`\(mode.setting)`)", mode.range)
        }
        for grant in profile.tools.value ?? [] where grant.approval == .auto {
            let classified = capabilities.classify(grant, servers: profile.servers.value ?? [])
            if classified.isDangerous || (classified.capability == .network && !classified.isRestricted) {
                return ("it can run `\(grant.pattern)` without asking", grant.range)
            }
        }
        if let egress = profile.egress.value, egress.network == .unrestricted, !egress.isDefault {
            return ("it can reach any host (\(egress.evidence))", egress.range)
        }
        return nil
    }
}
