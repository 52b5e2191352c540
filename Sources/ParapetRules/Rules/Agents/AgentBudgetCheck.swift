import ParapetCore
import ParapetFacts
import ParapetGraph

/// The shared logic of BUD301–BUD303: a cap of some kinds the format can express, and none set
/// (or only "unlimited" values such as `maxSessionTurns: -1`).
struct AgentBudgetCheck {
    var kinds: [BudgetCap.Kind]
    var noun: String

    func findings<R: Rule>(_ rule: R, _ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for agent in context.agentFacts {
            let (node, profile) = (context.graph[agent.node], agent.profile)
            switch agent.budget(kinds) {
            case .notExpressible, .capped: continue
            case .unlimited(let unlimited):
                findings.append(rule.agentFinding("Agent `\(profile.name)` sets `\(unlimited.setting)` to `\(unlimited.value)`, which is no \(noun)",
                                             at: unlimited.range, node: node, path: noun))
            case .none:
                findings.append(rule.agentFinding("Agent `\(profile.name)` has no \(noun)", at: profile.range, node: node, path: noun))
            }
        }
        return findings
    }
}
