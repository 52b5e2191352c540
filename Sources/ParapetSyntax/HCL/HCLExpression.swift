import ParapetCore

/// An HCL expression with its exact source range.
public struct HCLExpression: Sendable, Equatable {
    // Only the cases that hold an expression directly are boxed: leaves, the most common
    // expressions, cost no allocation of their own.
    public enum Kind: Sendable, Equatable {
        /// A number literal as written (`1`, `1.5e3`); see `numberValue`.
        case number(String)
        case bool(Bool)
        case null
        /// A quoted string or heredoc, with or without interpolations and directives.
        case template(HCLTemplate)
        case tuple([HCLExpression])
        case object([HCLObjectItem])
        /// A bare name: `var`, `local`, `aws_s3_bucket`, `each`, a `for` variable.
        case variable(String)
        /// An expression followed by attribute, index and splat steps: `var.cidr`, `a[0].b`, `x[*].id`.
        indirect case traversal(HCLExpression, [HCLTraversalStep])
        indirect case functionCall(HCLFunctionCall)
        indirect case forExpression(HCLForExpression)
        indirect case conditional(condition: HCLExpression, then: HCLExpression, else: HCLExpression)
        indirect case unary(HCLUnaryOperator, HCLExpression)
        indirect case binary(HCLBinaryOperator, HCLExpression, HCLExpression)
        indirect case parenthesized(HCLExpression)
        /// A part that did not parse or lies beyond the nesting limit; its value is unknown.
        case invalid
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// One step of a traversal. Steps after a splat apply to each element of the splatted value.
public struct HCLTraversalStep: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `.name`
        case attribute(String)
        /// `[expression]`
        indirect case index(HCLExpression)
        /// `.0`, the legacy index syntax.
        case legacyIndex(Int)
        /// `.*`
        case attributeSplat
        /// `[*]`
        case fullSplat
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// An object element, `key = value` or `key: value`. The key is kept as written: a bare name is a
/// `.variable` (HCL reads it as a literal string; see `keyName`), `(expr)` is `.parenthesized`.
public struct HCLObjectItem: Sendable, Equatable {
    public var key: HCLExpression
    public var value: HCLExpression
    public var range: SourceRange

    public init(key: HCLExpression, value: HCLExpression, range: SourceRange) {
        self.key = key
        self.value = value
        self.range = range
    }

    /// The key as a string when it is static: a bare name or a literal string.
    public var keyName: String? {
        switch key.kind {
        case .variable(let name): name
        default: key.literalString
        }
    }
}

/// A function call, `name(args)` or `name(args...)`; provider functions keep their full name
/// (`provider::aws::arn_parse`).
public struct HCLFunctionCall: Sendable, Equatable {
    public var name: String
    public var nameRange: SourceRange
    public var arguments: [HCLExpression]
    /// The last argument is expanded (`f(list...)`).
    public var expandsFinalArgument: Bool

    public init(name: String, nameRange: SourceRange, arguments: [HCLExpression], expandsFinalArgument: Bool) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
        self.expandsFinalArgument = expandsFinalArgument
    }

    /// For `provider::aws::arn_parse`, `aws`; nil for built-in functions.
    public var provider: String? {
        guard name.utf8.contains(UInt8(ascii: ":")) else { return nil }
        let parts = name.split(separator: ":", omittingEmptySubsequences: true)
        return parts.count == 3 && parts[0] == "provider" ? String(parts[1]) : nil
    }

    /// The function's own name, without a `provider::x::` namespace.
    public var baseName: Substring {
        guard name.utf8.contains(UInt8(ascii: ":")) else { return Substring(name) }
        return name.split(separator: ":", omittingEmptySubsequences: true).last ?? Substring(name)
    }
}

/// `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`.
public struct HCLForExpression: Sendable, Equatable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: HCLExpression
    /// Present in the object form only.
    public var key: HCLExpression?
    public var value: HCLExpression
    public var condition: HCLExpression?
    /// `...` after the value in the object form: values with equal keys are grouped into lists.
    public var grouping: Bool

    public init(keyVariable: String?, valueVariable: String, collection: HCLExpression, key: HCLExpression?,
                value: HCLExpression, condition: HCLExpression?, grouping: Bool) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.key = key
        self.value = value
        self.condition = condition
        self.grouping = grouping
    }

    public var isObject: Bool { key != nil }
}

public enum HCLUnaryOperator: String, Sendable, Hashable {
    case negate = "-", not = "!"
}

public enum HCLBinaryOperator: String, Sendable, Hashable, CaseIterable {
    case multiply = "*", divide = "/", modulo = "%", add = "+", subtract = "-"
    case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    case equal = "==", notEqual = "!=", and = "&&", or = "||"
}
