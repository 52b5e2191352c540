import ParapetCore
import ParapetGraph

/// The shared logic of BUD301–BUD303: a cap of some kinds the format can express, and none set
/// (or only "unlimited" values such as `maxSessionTurns: -1`).
struct AgentBudgetCheck {
    var kinds: [BudgetCap.Kind]
    var noun: String

    func findings<R: Rule>(_ rule: R, _ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (node, profile) in context.agents {
            let expressible = kinds.filter { profile.budgetKinds.contains($0) }
            guard !expressible.isEmpty else { continue }
            let caps = expressible.flatMap { profile.caps($0) ?? [] }
            if caps.contains(where: { !$0.isUnlimited }) { continue }
            if let unlimited = caps.first {
                findings.append(rule.finding("Agent `\(profile.name)` sets `\(unlimited.setting)` to `\(unlimited.value)`, which is no \(noun)",
                                             at: unlimited.range, node: node, path: noun))
            } else {
                findings.append(rule.finding("Agent `\(profile.name)` has no \(noun)", at: profile.range, node: node, path: noun))
            }
        }
        return findings
    }
}
