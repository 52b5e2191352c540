import Dispatch
import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// Runs the enabled rules over the graph. Rules are independent, so they run in parallel; the
/// findings are sorted afterwards, so the order does not depend on scheduling.
public enum RuleEngine {
    public static func run(_ rules: [any RuleCheck], graph: Graph, options: [String: [String: RuleOptionValue]] = [:]) -> [Finding] {
        let context = RuleContext(graph: graph, options: options)
        let slots = ResultSlots<[Finding]>(count: rules.count)
        DispatchQueue.concurrentPerform(iterations: rules.count) { index in
            slots.set(index, rules[index].check(context))
        }
        return slots.values.flatMap { $0 ?? [] }
    }

    public static func run(_ rules: [any Rule.Type], graph: Graph, options: [String: [String: RuleOptionValue]] = [:]) -> [Finding] {
        run(rules.map(BuiltInRuleCheck.init) as [any RuleCheck], graph: graph, options: options)
    }
}
