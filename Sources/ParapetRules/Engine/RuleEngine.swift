import Dispatch
import Foundation
import ParapetCore
import ParapetFacts
import ParapetGraph
import ParapetSyntax

/// Runs the enabled rules over the graph. Rules are independent, so they run in parallel; the
/// findings are sorted afterwards, so the order does not depend on scheduling.
public enum RuleEngine {
    public static func run(_ rules: [any RuleCheck], graph: Graph, facts: Facts? = nil, options: [String: [String: RuleOptionValue]] = [:]) -> [Finding] {
        let context = RuleContext(graph: graph, facts: facts, options: options)
        let slots = ResultSlots<[Finding]>(count: rules.count)
        DispatchQueue.concurrentPerform(iterations: rules.count) { index in
            slots.set(index, rules[index].check(context))
        }
        return slots.values.flatMap { $0 ?? [] }.map { nameInstance($0, graph: graph) }
    }

    /// A finding about one instance of a `count` or `for_each` block, or of a module call with
    /// them, names the instance (`aws_s3_bucket.this["logs"]`), whatever the rule's message says.
    static func nameInstance(_ finding: Finding, graph: Graph) -> Finding {
        guard let address = finding.address, let node = graph.node(address), let local = node.localAddress, local.contains("[") else {
            return finding
        }
        let own = node.addressInModule
        let name = local.hasPrefix("module.") && !own.contains("[") ? local : own
        guard !finding.message.contains(name) else { return finding }
        var named = finding
        named.message += " in `\(name)`"
        return named
    }

    public static func run(_ rules: [any Rule.Type], graph: Graph, facts: Facts? = nil, options: [String: [String: RuleOptionValue]] = [:]) -> [Finding] {
        run(rules.map(BuiltInRuleCheck.init) as [any RuleCheck], graph: graph, facts: facts, options: options)
    }
}
