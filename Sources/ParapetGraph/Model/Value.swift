import ParapetCore
import ParapetSyntax

/// An attribute value in the graph: what a rule reads. Every value keeps the range that wrote it
/// and, when it came from elsewhere (a variable default, a tfvars file), the ranges that decided it.
public struct Value: Sendable {
    /// Not `indirect`: lists and objects are arrays, which already hold their elements out of
    /// line, so no case needs a box of its own (a box per value was an allocation per value).
    public enum Content: Sendable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case list([Value])
        case object([Member])
        /// Not knowable before plan or apply, or beyond what the evaluator does. Never a guess.
        case unknown(String)
    }

    public struct Member: Sendable {
        public var key: String
        public var keyRange: SourceRange
        public var value: Value

        public init(key: String, keyRange: SourceRange, value: Value) {
            self.key = key
            self.keyRange = keyRange
            self.value = value
        }
    }

    public var content: Content
    public var range: SourceRange
    /// Where the value was decided, when not at `range` (variable default, tfvars, module input).
    public var evidence: [RelatedLocation]

    public init(_ content: Content, range: SourceRange, evidence: [RelatedLocation] = []) {
        self.content = content
        self.range = range
        self.evidence = evidence
    }

    public var string: String? { if case .string(let s) = content { s } else { nil } }
    public var bool: Bool? {
        switch content {
        case .bool(let b): b
        case .string(let s) where s == "true" || s == "false": s == "true"
        default: nil
        }
    }
    public var number: Double? {
        switch content {
        case .number(let n): n
        // Decimal only: `Double("0x10")` is 16 and `Double("inf")` infinite, Terraform's are errors.
        case .string(let s): if case .value(let n) = HCLNumber.read(s) { n } else { nil }
        default: nil
        }
    }
    public var list: [Value]? { if case .list(let items) = content { items } else { nil } }
    public var members: [Member]? { if case .object(let members) = content { members } else { nil } }
    public var isUnknown: Bool { if case .unknown = content { true } else { false } }
    /// Why the value is not known, when it is not.
    public var unknownReason: String? { if case .unknown(let reason) = content { reason } else { nil } }
    public var isNull: Bool { if case .null = content { true } else { false } }

    /// The member named `key` (the last one when repeated).
    public subscript(key: String) -> Value? {
        members?.last(where: { $0.key == key })?.value
    }

    public func member(_ key: String) -> Member? { members?.last(where: { $0.key == key }) }

    /// Follows a dotted path of member names; `[n]` picks a list element, and a list met where a
    /// member is asked for is looked through when it has exactly one element (Terraform blocks).
    public func at(_ path: String) -> Value? {
        // Walks the path without splitting it into an array: this is on every rule's hot path.
        var current = self
        var rest = Substring(path)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: ".") ?? rest.endIndex
            let part = rest[..<end]
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
            var name = part
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                name = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            if !name.isEmpty {
                if let items = current.list, items.count == 1 { current = items[0] }
                guard let members = current.members, let next = members.last(where: { $0.key == name })?.value else { return nil }
                current = next
            }
            if let index {
                guard let items = current.list, index >= 0, index < items.count else { return nil }
                current = items[index]
            }
        }
        return current
    }

    /// The elements of a list, or the value itself as a one-element list (blocks written once).
    public var elements: [Value] {
        if let list { return list }
        if isNull { return [] }
        return [self]
    }

    /// Strings of a list of strings (unknown elements dropped).
    public var strings: [String] { elements.compactMap(\.string) }

    /// Converts a data-document node (YAML, JSON, TOML) into a value, keeping every range.
    public init(_ node: DataNode) {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .string(let s): self.init(.string(s), range: node.range)
            case .int(let i): self.init(.number(Double(i)), range: node.range)
            case .double(let d): self.init(.number(d), range: node.range)
            case .bool(let b): self.init(.bool(b), range: node.range)
            case .null: self.init(.null, range: node.range)
            }
        case .sequence(let items):
            self.init(.list(items.map(Value.init)), range: node.range)
        case .mapping(let entries):
            self.init(.object(entries.map { Member(key: $0.name, keyRange: $0.key.range, value: Value($0.value)) }), range: node.range)
        }
    }

    /// A short rendering for messages and dumps.
    public var display: String {
        switch content {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return String(b)
        case .null: return "null"
        case .unknown: return "(unknown)"
        case .list(let items): return "[" + items.map { $0.quotedDisplay }.joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.map { "\($0.key) = \($0.value.quotedDisplay)" }.joined(separator: ", ") + "}"
        }
    }

    public var quotedDisplay: String { if case .string(let s) = content { "\"\(s)\"" } else { display } }
}
