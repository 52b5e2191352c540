import ParapetCore

/// A check that can fail with an error of its own (an invariant of the graph it relies on does
/// not hold) rather than trap. The engine calls `check`, which turns the failure into one `PAR007`
/// finding at the error's position: the other rules, and this rule's other runs, still report.
/// What this check found before it failed is lost, and the finding says so by existing.
public protocol FallibleRuleCheck: RuleCheck {
    func checkOrThrow(_ context: RuleContext) throws(InternalError) -> [Finding]
}

extension FallibleRuleCheck {
    public func check(_ context: RuleContext) -> [Finding] {
        do {
            return try checkOrThrow(context)
        } catch {
            return [MetaRules.finding(for: error, while: "checking `\(metadata.code)`")]
        }
    }
}
