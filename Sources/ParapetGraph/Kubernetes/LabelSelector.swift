import ParapetCore

/// A Kubernetes label selector with full semantics: `matchLabels` and `matchExpressions` (In,
/// NotIn, Exists, DoesNotExist) ANDed; an empty selector selects everything. A selector whose
/// value Parapet cannot know (an unknown Terraform expression) selects nothing and says so.
public struct LabelSelector: Sendable {
    public struct Requirement: Sendable {
        public enum Operator: String, Sendable { case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist" }
        public var key: String
        public var op: Operator
        public var values: [String]
    }

    public var requirements: [Requirement]
    public var range: SourceRange
    /// True when part of the selector could not be read; such a selector never matches.
    public var isUnknown: Bool { unknownReason != nil }
    /// Why the selector cannot be read: which part is not known, and why.
    public var unknownReason: String?

    /// Reads `{matchLabels, matchExpressions}`.
    public init(_ value: Value) {
        range = value.range
        requirements = []
        unknownReason = value.unknownReason
        if let labels = value["matchLabels"] {
            for member in labels.members ?? [] {
                guard let v = member.value.scalarString else {
                    unknownReason = unknownReason ?? "label `\(member.key)` is \(member.value.unknownReason ?? "not a string")"
                    continue
                }
                requirements.append(Requirement(key: member.key, op: .in, values: [v]))
            }
            if let reason = labels.unknownReason { unknownReason = unknownReason ?? "`matchLabels`: \(reason)" }
        }
        for expression in value["matchExpressions"]?.elements ?? [] {
            guard let key = expression["key"]?.string, let raw = expression["operator"]?.string,
                  let op = Requirement.Operator(rawValue: raw) else {
                unknownReason = unknownReason ?? "a `matchExpressions` entry has no known key or operator"
                continue
            }
            requirements.append(Requirement(key: key, op: op, values: expression["values"]?.elements.compactMap(\.scalarString) ?? []))
        }
    }

    /// Reads a plain label map (a Service's `spec.selector`).
    public init(labels value: Value) {
        range = value.range
        unknownReason = value.unknownReason
        requirements = (value.members ?? []).compactMap { member in
            member.value.scalarString.map { Requirement(key: member.key, op: .in, values: [$0]) }
        }
    }

    public var isEmpty: Bool { requirements.isEmpty && !isUnknown }

    public func matches(_ labels: [String: String]) -> Bool {
        if isUnknown { return false }
        return requirements.allSatisfy { requirement in
            let value = labels[requirement.key]
            switch requirement.op {
            case .in: return value.map { requirement.values.contains($0) } ?? false
            case .notIn: return value.map { !requirement.values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            }
        }
    }

    /// A short rendering for messages: `app=web, tier in (a, b)`.
    public var display: String {
        if isUnknown { return "(unknown)" }
        if requirements.isEmpty { return "(all pods)" }
        return requirements.map { r in
            switch r.op {
            case .in: r.values.count == 1 ? "\(r.key)=\(r.values[0])" : "\(r.key) in (\(r.values.joined(separator: ", ")))"
            case .notIn: "\(r.key) notin (\(r.values.joined(separator: ", ")))"
            case .exists: r.key
            case .doesNotExist: "!\(r.key)"
            }
        }.joined(separator: ", ")
    }
}

extension Value {
    /// A scalar as Kubernetes would read it into a string field (numbers and booleans included).
    public var scalarString: String? {
        switch content {
        case .string(let s): s
        case .number, .bool: display
        default: nil
        }
    }
}
