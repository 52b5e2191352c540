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
    /// A finding about a block whose instances are not known says why, so the reader knows it
    /// holds for every instance Terraform will make.
    static func nameInstance(_ finding: Finding, graph: Graph) -> Finding {
        guard let address = finding.address, let node = graph.node(address) else { return finding }
        if case .abstract(let reason) = node.instance {
            var noted = finding
            noted.related.append(RelatedLocation(range: node.multiplicity?.range ?? node.headerRange, message: "every instance: \(reason)"))
            return noted
        }
        guard let local = node.localAddress, local.contains("[") else { return finding }
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
