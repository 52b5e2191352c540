import ParapetCore

/// Accessors that rules and the Terraform adapter use to read expressions without matching every
/// case. They read syntax only: nothing is evaluated (a reference to a variable is not resolved).
extension HCLExpression {
    /// The expression inside any number of parentheses.
    public var unwrapped: HCLExpression {
        var expression = self
        while case .parenthesized(let inner) = expression.kind { expression = inner }
        return expression
    }

    /// The text of a template with no interpolation or directive (`"abc"`, a plain heredoc).
    public var literalString: String? {
        if case .template(let template) = kind { template.literalString } else { nil }
    }

    /// A number literal's value; nil for one a `Double` would not hold exactly (`1e400`).
    public var numberValue: Double? {
        guard case .number(let text) = kind, case .value(let number) = HCLNumber.read(text) else { return nil }
        return number
    }

    public var boolValue: Bool? {
        if case .bool(let value) = kind { value } else { nil }
    }

    public var isNull: Bool {
        if case .null = kind { true } else { false }
    }

    public var tupleElements: [HCLExpression]? {
        if case .tuple(let elements) = kind { elements } else { nil }
    }

    public var objectItems: [HCLObjectItem]? {
        if case .object(let items) = kind { items } else { nil }
    }

    public var functionCall: HCLFunctionCall? {
        if case .functionCall(let call) = kind { call } else { nil }
    }

    public var template: HCLTemplate? {
        if case .template(let template) = kind { template } else { nil }
    }

    /// The value of the last object item whose static key is `key` (later keys win).
    public subscript(key: String) -> HCLExpression? {
        objectItems?.last(where: { $0.keyName == key })?.value
    }

    /// The root name of a variable or traversal: `var` for `var.cidr`.
    public var traversalRoot: String? {
        switch kind {
        case .variable(let name): return name
        case .traversal(let source, _):
            if case .variable(let name) = source.kind { return name }
            return nil
        default: return nil
        }
    }

    /// A reference as names: `["var", "cidr"]` for `var.cidr`, `["aws_instance", "web", "0", "id"]`
    /// for `aws_instance.web[0].id`, with `"*"` for splats. Nil when the expression is not a
    /// reference or an index is not a literal (see `staticTraversalPrefix`).
    public var traversalPath: [String]? {
        let (path, complete) = staticPath()
        return complete ? path : nil
    }

    /// The names of a reference up to its first computed index: `["aws_instance", "web"]` for
    /// `aws_instance.web[count.index].id`; empty when the expression is not a reference.
    public var staticTraversalPrefix: [String] { staticPath().path }

    private func staticPath() -> (path: [String], complete: Bool) {
        guard let root = traversalRoot else { return ([], false) }
        var path = [root]
        guard case .traversal(_, let steps) = kind else { return (path, true) }
        for step in steps {
            switch step.kind {
            case .attribute(let name): path.append(name)
            case .legacyIndex(let index): path.append(String(index))
            case .attributeSplat, .fullSplat: path.append("*")
            case .index(let index):
                switch index.unwrapped.kind {
                case .number(let text): path.append(text)
                default:
                    guard let text = index.unwrapped.literalString else { return (path, false) }
                    path.append(text)
                }
            }
        }
        return (path, true)
    }

    /// Every reference in the expression: the outermost variables and traversals rooted at a
    /// variable, in source order, leaving out names bound by enclosing `for` expressions.
    public var references: [HCLExpression] {
        var found: [HCLExpression] = []
        collectReferences(bound: [], into: &found)
        return found
    }

    // Recursion is bounded: the parser drops anything nested deeper than `ScanLimits.maxDepth`.
    private func collectReferences(bound: Set<String>, into found: inout [HCLExpression]) {
        switch kind {
        case .number, .bool, .null, .invalid: return
        case .variable(let name):
            if !bound.contains(name) { found.append(self) }
        case .traversal(let source, let steps):
            if case .variable(let name) = source.kind {
                if !bound.contains(name) { found.append(self) }
            } else {
                source.collectReferences(bound: bound, into: &found)
            }
            for step in steps {
                if case .index(let index) = step.kind { index.collectReferences(bound: bound, into: &found) }
            }
        case .template(let template):
            HCLExpression.collectReferences(in: template.parts, bound: bound, into: &found)
        case .tuple(let elements):
            for element in elements { element.collectReferences(bound: bound, into: &found) }
        case .object(let items):
            for item in items {
                // A bare key is a literal name, not a reference.
                if case .variable = item.key.kind {} else { item.key.collectReferences(bound: bound, into: &found) }
                item.value.collectReferences(bound: bound, into: &found)
            }
        case .functionCall(let call):
            for argument in call.arguments { argument.collectReferences(bound: bound, into: &found) }
        case .forExpression(let forExpression):
            forExpression.collection.collectReferences(bound: bound, into: &found)
            var inner = bound
            inner.insert(forExpression.valueVariable)
            if let key = forExpression.keyVariable { inner.insert(key) }
            forExpression.key?.collectReferences(bound: inner, into: &found)
            forExpression.value.collectReferences(bound: inner, into: &found)
            forExpression.condition?.collectReferences(bound: inner, into: &found)
        case .conditional(let condition, let then, let otherwise):
            condition.collectReferences(bound: bound, into: &found)
            then.collectReferences(bound: bound, into: &found)
            otherwise.collectReferences(bound: bound, into: &found)
        case .unary(_, let operand), .parenthesized(let operand):
            operand.collectReferences(bound: bound, into: &found)
        case .binary(_, let lhs, let rhs):
            lhs.collectReferences(bound: bound, into: &found)
            rhs.collectReferences(bound: bound, into: &found)
        }
    }

    private static func collectReferences(in parts: [HCLTemplatePart], bound: Set<String>,
                                          into found: inout [HCLExpression]) {
        for part in parts {
            switch part.kind {
            case .literal: continue
            case .interpolation(let expression, _): expression.collectReferences(bound: bound, into: &found)
            case .ifDirective(let directive):
                directive.condition.collectReferences(bound: bound, into: &found)
                collectReferences(in: directive.then, bound: bound, into: &found)
                collectReferences(in: directive.else ?? [], bound: bound, into: &found)
            case .forDirective(let directive):
                directive.collection.collectReferences(bound: bound, into: &found)
                var inner = bound
                inner.insert(directive.valueVariable)
                if let key = directive.keyVariable { inner.insert(key) }
                collectReferences(in: directive.body, bound: inner, into: &found)
            }
        }
    }
}
