import ParapetCore

/// One HCL file (`.tf`, `.tfvars`): its top-level body.
public struct HCLFile: Sendable, Equatable {
    public var body: HCLBody

    public init(body: HCLBody) {
        self.body = body
    }

    /// An empty file (also what a file that could not be parsed at all comes back as).
    public init(path: String = "") {
        self.body = HCLBody(items: [], range: .fileStart(path))
    }
}

/// A body: attributes and blocks in source order.
public struct HCLBody: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        case attribute(HCLAttribute)
        case block(HCLBlock)

        public var range: SourceRange {
            switch self {
            case .attribute(let attribute): attribute.range
            case .block(let block): block.range
            }
        }
    }

    public var items: [Item]
    public var range: SourceRange

    public init(items: [Item], range: SourceRange) {
        self.items = items
        self.range = range
    }

    public var attributes: [HCLAttribute] {
        items.compactMap { if case .attribute(let a) = $0 { a } else { nil } }
    }

    public var blocks: [HCLBlock] {
        items.compactMap { if case .block(let b) = $0 { b } else { nil } }
    }

    /// The attribute named `name` (the first one; HCL forbids duplicates).
    public func attribute(_ name: String) -> HCLAttribute? {
        for case .attribute(let attribute) in items where attribute.name == name { return attribute }
        return nil
    }

    /// The value of the attribute named `name`.
    public subscript(_ name: String) -> HCLExpression? { attribute(name)?.value }

    /// The blocks of a type, in source order.
    public func blocks(type: String) -> [HCLBlock] {
        items.compactMap { if case .block(let b) = $0, b.type == type { b } else { nil } }
    }

    /// The first block of a type whose labels start with `labels`.
    public func block(type: String, labels: String...) -> HCLBlock? {
        for case .block(let block) in items where block.type == type
            && block.labels.count >= labels.count && zip(block.labels, labels).allSatisfy({ $0.value == $1 }) {
            return block
        }
        return nil
    }
}

/// A block: `type "label" label { body }`.
public struct HCLBlock: Sendable, Equatable {
    public var type: String
    public var typeRange: SourceRange
    public var labels: [HCLLabel]
    public var body: HCLBody
    /// From the type to the closing brace.
    public var range: SourceRange

    public init(type: String, typeRange: SourceRange, labels: [HCLLabel], body: HCLBody, range: SourceRange) {
        self.type = type
        self.typeRange = typeRange
        self.labels = labels
        self.body = body
        self.range = range
    }

    /// The label values, e.g. `["aws_s3_bucket", "logs"]`.
    public var labelValues: [String] { labels.map(\.value) }

    public func label(_ index: Int) -> String? { index < labels.count ? labels[index].value : nil }
}

/// A block label, quoted (`"aws_s3_bucket"`) or a bare identifier; `value` is decoded.
public struct HCLLabel: Sendable, Hashable {
    public var value: String
    public var range: SourceRange
    public var quoted: Bool

    public init(value: String, range: SourceRange, quoted: Bool) {
        self.value = value
        self.range = range
        self.quoted = quoted
    }
}

/// An attribute: `name = value`.
public struct HCLAttribute: Sendable, Equatable {
    public var name: String
    public var nameRange: SourceRange
    public var value: HCLExpression
    /// From the name to the end of the value.
    public var range: SourceRange

    public init(name: String, nameRange: SourceRange, value: HCLExpression, range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.value = value
        self.range = range
    }
}
