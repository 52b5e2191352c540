import ParapetCore

/// What evaluating one module instance may cost (`ScanLimits`): steps, nesting, and the size of
/// each value. Evaluators of one instance share it by reference, so the copies made for `for`
/// scopes spend from the same budget. A bound that is hit makes the value unknown, with the
/// bound's name in the reason: evaluation never traps, hangs or exhausts memory.
final class EvaluationBudget {
    var limits: ScanLimits
    private(set) var steps = 0
    private(set) var depth = 0

    init(limits: ScanLimits = ScanLimits()) {
        self.limits = limits
    }

    /// Spends `count` steps; false once the budget is spent (and from then on).
    func spend(_ count: Int = 1) -> Bool {
        let (sum, overflow) = steps.addingReportingOverflow(Swift.max(0, count))
        steps = overflow ? Int.max : sum
        return steps <= limits.maxEvaluationSteps
    }

    /// Runs `body` one level deeper, or returns nil when that level is past the depth bound.
    func nested<T>(_ body: () -> T) -> T? {
        guard depth < limits.maxEvaluationDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        return body()
    }

    /// The reason of a value that a bound cut off. Not an error (`try` does not fall past it):
    /// Terraform would compute the value.
    func reason(_ kind: LimitKind) -> String {
        let bound = switch kind {
        case .evaluationSteps: limits.maxEvaluationSteps
        case .valueElements: limits.maxValueElements
        case .stringBytes: limits.maxStringBytes
        case .evaluationDepth: limits.maxEvaluationDepth
        case .depth: limits.maxDepth
        case .instances: limits.maxInstances
        case .fileSize: limits.maxFileBytes
        case .aliasExpansion: limits.maxAliasExpansion
        case .documents: limits.maxDocuments
        }
        return Self.limitPrefix + "`\(kind.rawValue)` limit of \(bound)"
    }

    private static let limitPrefix = "value is beyond Parapet's "

    /// The reason of `value` when a bound cut it off or it is an error: the reasons worth
    /// keeping when the value is used in a larger one.
    static func decisiveReason(_ value: Value) -> String? {
        guard case .unknown(let reason) = value.content, reason.hasPrefix(limitPrefix) || reason.hasPrefix(Evaluator.invalid) else { return nil }
        return reason
    }

    /// The evidence of a value made of others: each location once, at most `maxEvidence` of
    /// them (a value doubled through forty locals would otherwise carry 2^40 of them).
    ///
    /// Called for nearly every value evaluated, so the usual cases (one side empty, or both the
    /// same) allocate nothing, and the merge compares with the few kept locations instead of
    /// hashing (hashing here was 4 % of a Terraform scan's instructions).
    func evidence(_ first: [RelatedLocation], _ second: [RelatedLocation]) -> [RelatedLocation] {
        if second.isEmpty || first == second { return first.count <= limits.maxEvidence ? first : merge(CollectionOfOne(first)) }
        if first.isEmpty { return second.count <= limits.maxEvidence ? second : merge(CollectionOfOne(second)) }
        return merge([first, second])
    }

    func evidence(_ lists: [[RelatedLocation]]) -> [RelatedLocation] {
        var only: [RelatedLocation]?
        for list in lists where !list.isEmpty {
            guard only == nil || only == list else { return merge(lists) }
            only = list
        }
        guard let only else { return [] }
        return only.count <= limits.maxEvidence ? only : merge(CollectionOfOne(only))
    }

    private func merge<Lists: Collection>(_ lists: Lists) -> [RelatedLocation] where Lists.Element == [RelatedLocation] {
        var merged: [RelatedLocation] = []
        for list in lists {
            for location in list where !merged.contains(location) {
                merged.append(location)
                if merged.count == limits.maxEvidence { return merged }
            }
        }
        return merged
    }

    /// Whether a string of `bytes` UTF-8 bytes may be built; spends a step per 64 bytes.
    func allows(bytes: Int) -> Bool {
        bytes <= limits.maxStringBytes && spend(bytes / 64)
    }

    /// `content` when it is within the bounds on elements, string bytes and nesting, else an
    /// unknown naming the bound. Measuring stops at the bound and is paid for in steps.
    func bounded(_ content: Value.Content) -> Value.Content {
        if case .unknown = content { return content }
        var size = Size()
        measure(content, depth: 0, into: &size)
        guard spend(size.elements + size.bytes / 64) else { return .unknown(reason(.evaluationSteps)) }
        return size.exceeded.map { .unknown(reason($0)) } ?? content
    }

    private struct Size {
        var elements = 0, bytes = 0
        var exceeded: LimitKind?
    }

    private func measure(_ content: Value.Content, depth: Int, into size: inout Size) {
        guard size.exceeded == nil else { return }
        size.elements += 1
        if size.elements > limits.maxValueElements { size.exceeded = .valueElements; return }
        switch content {
        case .string(let text):
            size.bytes += text.utf8.count
            if size.bytes > limits.maxStringBytes { size.exceeded = .stringBytes }
        case .list(let items):
            guard depth < limits.maxDepth else { size.exceeded = .depth; return }
            for item in items { measure(item.content, depth: depth + 1, into: &size) }
        case .object(let members):
            guard depth < limits.maxDepth else { size.exceeded = .depth; return }
            for member in members {
                size.bytes += member.key.utf8.count
                measure(member.value.content, depth: depth + 1, into: &size)
            }
        case .number, .bool, .null, .unknown: break
        }
    }
}
