import ParapetCore
import ParapetSyntax

/// Evaluates HCL expressions to values: literals, templates, variables, locals, resource
/// attributes set in configuration, operators, conditionals, `for` expressions and the common
/// functions. What it cannot know is `unknown`, never a guess.
struct Evaluator {
    let instance: ModuleInstance?
    /// Names bound by `for` expressions, dynamic block iterators, `each` and `count`.
    var bindings: [String: Value] = [:]
    /// What evaluation may still cost; the instance's when there is one.
    let budget: EvaluationBudget

    init(instance: ModuleInstance?, bindings: [String: Value] = [:], budget: EvaluationBudget? = nil) {
        self.instance = instance
        self.bindings = bindings
        self.budget = budget ?? instance?.budget ?? EvaluationBudget()
    }

    func evaluate(_ expression: HCLExpression) -> Value {
        guard budget.spend() else { return Value(.unknown(budget.reason(.evaluationSteps)), range: expression.range) }
        return budget.nested { evaluateWithinBounds(expression) }
            ?? Value(.unknown(budget.reason(.evaluationDepth)), range: expression.range)
    }

    private func evaluateWithinBounds(_ expression: HCLExpression) -> Value {
        let range = expression.range
        switch expression.kind {
        case .number(let text): return Value(Self.number(text), range: range)
        case .bool(let flag): return Value(.bool(flag), range: range)
        case .null: return Value(.null, range: range)
        case .invalid: return Value(.unknown("expression does not parse"), range: range)
        case .parenthesized(let inner):
            var value = evaluate(inner)
            value.range = range
            return value
        case .template(let template): return self.template(template.parts, range: range)
        case .tuple(let elements): return Value(budget.bounded(.list(elements.map(evaluate))), range: range)
        case .object(let items):
            var members: [Value.Member] = []
            for item in items {
                let key = item.keyName ?? evaluate(item.key).scalarString
                guard let key else { return Value(.unknown("object key is not known"), range: range) }
                members.append(Value.Member(key: key, keyRange: item.key.range, value: evaluate(item.value)))
            }
            return Value(budget.bounded(.object(members)), range: range)
        case .variable(let name):
            if let bound = bindings[name] { return relocated(bound, to: range) }
            return Value(.unknown("a name bound only at apply time"), range: range)
        case .traversal(let source, let steps): return traversal(source, steps, range: range)
        case .functionCall(let call): return TerraformFunctions.call(call, evaluator: self, range: range)
        case .forExpression(let forExpression): return self.forExpression(forExpression, range: range)
        case .conditional(let condition, let then, let otherwise):
            let test = evaluate(condition)
            if let flag = test.bool { return relocated(evaluate(flag ? then : otherwise), to: range, keepEvidence: true, adding: test.evidence) }
            let a = evaluate(then), b = evaluate(otherwise)
            if !a.isUnknown, a.display == b.display, a.scalarString != nil { return relocated(a, to: range) }
            return Value(.unknown("condition is not known"), range: range, evidence: test.evidence)
        case .unary(let op, let operand):
            let value = evaluate(operand)
            switch op {
            case .negate: return value.number.map { Value(.number(-$0), range: range, evidence: value.evidence) } ?? unknown(value, range)
            case .not: return value.bool.map { Value(.bool(!$0), range: range, evidence: value.evidence) } ?? unknown(value, range)
            }
        case .binary(let op, let left, let right):
            if op == .equal || op == .notEqual { return equality(op, left, right, range: range) }
            return binary(op, evaluate(left), evaluate(right), range: range)
        }
    }

    /// A number as written, or why Parapet cannot compute with it as Terraform would.
    static func number(_ text: String) -> Value.Content {
        switch HCLNumber.read(text) {
        case .value(let number): .number(number)
        case .notANumber: .unknown(invalid + "`\(text)` is not a number")
        case .outOfRange: .unknown("number `\(text)` is beyond the range Parapet computes with")
        case .inexact: .unknown("number `\(text)` is beyond the precision Parapet computes with")
        }
    }

    /// Keeps a referenced value's content and evidence, but places it where it is used; the
    /// place it was written goes into the evidence.
    func relocated(_ value: Value, to range: SourceRange, keepEvidence: Bool = true, adding extra: [RelatedLocation] = []) -> Value {
        var moved = value
        moved.range = range
        moved.evidence = budget.evidence(keepEvidence ? value.evidence : [], extra)
        return moved
    }

    func unknown(_ value: Value, _ range: SourceRange) -> Value {
        Value(.unknown(EvaluationBudget.decisiveReason(value) ?? (value.isUnknown ? "operand is not known" : "operand has the wrong type")),
              range: range, evidence: value.evidence)
    }

    private func template(_ parts: [HCLTemplatePart], range: SourceRange) -> Value {
        var text = ""
        var evidence: [RelatedLocation] = []
        // Made only when needed: the reason is a formatted string.
        var tooLong: Value { Value(.unknown(budget.reason(.stringBytes)), range: range) }
        func fits(_ piece: String) -> Bool { budget.allows(bytes: text.utf8.count + piece.utf8.count) }
        for part in parts {
            switch part.kind {
            case .literal(let chunk):
                guard fits(chunk) else { return tooLong }
                text += chunk
            case .interpolation(let expression, _):
                let value = evaluate(expression)
                evidence = budget.evidence(evidence, value.evidence)
                guard let piece = value.scalarString else { return Value(.unknown("interpolation is not known"), range: range, evidence: evidence) }
                guard fits(piece) else { return tooLong }
                text += piece
            case .ifDirective(let directive):
                let test = evaluate(directive.condition)
                guard let flag = test.bool else { return Value(.unknown("template condition is not known"), range: range) }
                let chosen = flag ? directive.then : (directive.else ?? [])
                let inner = template(chosen, range: range)
                guard let piece = inner.string else { return inner }
                guard fits(piece) else { return tooLong }
                text += piece
            case .forDirective(let directive):
                let collection = evaluate(directive.collection)
                guard let items = iterate(collection) else {
                    return Value(.unknown(EvaluationBudget.decisiveReason(collection) ?? "template loop is not known"), range: range)
                }
                for (key, item) in items {
                    guard budget.spend() else { return Value(.unknown(budget.reason(.evaluationSteps)), range: range) }
                    var inner = self
                    inner.bindings[directive.valueVariable] = item
                    if let keyName = directive.keyVariable { inner.bindings[keyName] = key }
                    let piece = inner.template(directive.body, range: range)
                    guard let string = piece.string else { return piece }
                    guard fits(string) else { return tooLong }
                    text += string
                }
            }
        }
        return Value(.string(text), range: range, evidence: evidence)
    }

    /// Key and value of each element of a known list or object; an object's in the lexical order
    /// of its keys, as Terraform iterates maps and objects.
    func iterate(_ collection: Value) -> [(Value, Value)]? {
        switch collection.content {
        case .list(let items): return items.enumerated().map { (Value(.number(Double($0.offset)), range: $0.element.range), $0.element) }
        case .object(let members):
            return Self.lexical(members).map { (Value(.string($0.key), range: $0.keyRange), $0.value) }
        default: return nil
        }
    }

    private func forExpression(_ expression: HCLForExpression, range: SourceRange) -> Value {
        let collection = evaluate(expression.collection)
        guard let items = iterate(collection) else {
            return Value(.unknown(EvaluationBudget.decisiveReason(collection) ?? "`for` collection is not known"), range: range, evidence: collection.evidence)
        }
        var elements: [Value] = []
        var members: [Value.Member] = []
        for (key, item) in items {
            guard budget.spend() else { return Value(.unknown(budget.reason(.evaluationSteps)), range: range) }
            var inner = self
            inner.bindings[expression.valueVariable] = item
            if let keyName = expression.keyVariable { inner.bindings[keyName] = key }
            if let condition = expression.condition {
                guard let keep = inner.evaluate(condition).bool else { return Value(.unknown("`for` condition is not known"), range: range) }
                if !keep { continue }
            }
            let value = inner.evaluate(expression.value)
            if let keyExpression = expression.key {
                guard let name = inner.evaluate(keyExpression).scalarString else { return Value(.unknown("`for` key is not known"), range: range) }
                if expression.grouping, let index = members.firstIndex(where: { $0.key == name }) {
                    members[index].value.content = .list((members[index].value.list ?? []) + [value])
                } else {
                    let stored = expression.grouping ? Value(.list([value]), range: value.range) : value
                    members.append(Value.Member(key: name, keyRange: keyExpression.range, value: stored))
                }
            } else {
                elements.append(value)
            }
        }
        return Value(budget.bounded(expression.isObject ? .object(members) : .list(elements)), range: range, evidence: collection.evidence)
    }

    private func traversal(_ source: HCLExpression, _ steps: [HCLTraversalStep], range: SourceRange) -> Value {
        var remaining = steps[...]
        var current: Value
        // A missing key of a resource is computed by the provider; of a variable, local or
        // expression it is an error (which `try` falls past).
        var missingIsError = true
        if case .variable(let root) = source.kind {
            if let bound = bindings[root] {
                current = bound
            } else {
                switch root {
                case "var", "local":
                    guard let instance, case .attribute(let name)? = remaining.first?.kind else {
                        return Value(.unknown("a reference not known here"), range: range)
                    }
                    remaining = remaining.dropFirst()
                    current = root == "var" ? instance.variable(name, at: range) : instance.local(name, at: range)
                case "module", "data", "path", "terraform", "each", "count", "self":
                    return Value(.unknown("values known only at apply time"), range: range)
                default:
                    guard let instance, case .attribute(let name)? = remaining.first?.kind,
                          let resource = instance.resource("\(root).\(name)", at: range) else {
                        return Value(.unknown("resource attributes are not known before apply"), range: range)
                    }
                    remaining = remaining.dropFirst()
                    current = resource
                    missingIsError = false
                }
            }
        } else {
            current = evaluate(source)
        }
        return relocated(apply(remaining, to: current, missingIsError: missingIsError), to: range)
    }

    /// Applies traversal steps in order. A splat applies the steps after it to each element (a
    /// value that is not a list counts as a list of itself, null as an empty list).
    private func apply(_ steps: ArraySlice<HCLTraversalStep>, to value: Value, missingIsError: Bool) -> Value {
        var current = value
        for (offset, step) in zip(steps.indices, steps) {
            if current.isUnknown { return current }
            switch step.kind {
            case .attributeSplat, .fullSplat:
                let items = current.isNull ? [] : current.list ?? [current]
                let rest = steps[(offset + 1)...]
                let mapped = items.map { apply(rest, to: inherit($0, from: current) ?? $0, missingIsError: missingIsError) }
                if let failed = mapped.first(where: { if case .unknown(let reason) = $0.content { reason.hasPrefix(Self.invalid) } else { false } }) {
                    return failed
                }
                return Value(.list(mapped), range: current.range, evidence: current.evidence)
            default:
                current = apply(step, to: current, missingIsError: missingIsError)
            }
        }
        return current
    }

    private func apply(_ step: HCLTraversalStep, to value: Value, missingIsError: Bool) -> Value {
        if value.isUnknown { return value }
        let missing = missingIsError ? Value(.unknown(Self.invalid + "no such attribute or key"), range: step.range) : computed(step)
        switch step.kind {
        case .attribute(let name):
            if let items = value.list, items.count == 1, items[0].members != nil { return inherit(items[0][name], from: value) ?? missing }
            return inherit(value[name], from: value) ?? missing
        case .legacyIndex(let index): return element(value, Value(.number(Double(index)), range: step.range), step)
        case .index(let expression): return element(value, evaluate(expression), step)
        case .attributeSplat, .fullSplat:
            // Handled by the caller, which applies the following steps to each element.
            return value
        }
    }

    /// An attribute not set in configuration is computed by the provider: unknown, not null.
    private func computed(_ step: HCLTraversalStep) -> Value {
        Value(.unknown("attribute is computed by the provider"), range: step.range)
    }

    private func element(_ value: Value, _ key: Value, _ step: HCLTraversalStep) -> Value {
        if case .unknown(let reason) = key.content {
            return Value(.unknown(reason.hasPrefix(Self.invalid) ? reason : "index is not known"), range: step.range)
        }
        // `Int(exactly:)`: an index too large for `Int`, fractional, infinite or NaN is out of range, not a trap.
        if let items = value.list, let number = key.number, let index = Int(exactly: number), items.indices.contains(index) {
            return inherit(items[index], from: value) ?? items[index]
        }
        if let name = key.scalarString, let member = value[name] { return inherit(member, from: value) ?? member }
        return Value(.unknown(Self.invalid + "index is out of range"), range: step.range)
    }

    /// Reasons of unknowns that are errors in Terraform (a missing key, an index out of range),
    /// not values known only after apply; `try` falls past these and only these.
    static let invalid = "invalid: "

    /// Members in the lexical order of their keys, byte by byte as Terraform sorts them; members
    /// with the same key keep their order.
    static func lexical(_ members: [Value.Member]) -> [Value.Member] {
        members.enumerated().sorted { a, b in
            a.element.key == b.element.key ? a.offset < b.offset
                : a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
        }.map(\.element)
    }

    /// A part of a value keeps the evidence of the whole (where the list or map was decided).
    private func inherit(_ part: Value?, from whole: Value) -> Value? {
        guard var part else { return nil }
        part.evidence = budget.evidence(whole.evidence, part.evidence)
        return part
    }

    /// `==` and `!=` as Terraform decides them: equal when both sides have the same type and the
    /// same value, so `1 == "1"` is false, and so is `var.list == []` for a list variable (`[]` is
    /// a tuple). Parapet applies neither type constraints nor provider schemas, which turn `"1"`
    /// into `1` and a tuple into a list, so where only the exact types decide, it answers for
    /// literals and is unknown for anything else.
    private func equality(_ op: HCLBinaryOperator, _ left: HCLExpression, _ right: HCLExpression, range: SourceRange) -> Value {
        let a = evaluate(left), b = evaluate(right)
        let evidence = budget.evidence(a.evidence, b.evidence)
        let same: Bool
        switch Self.compare(a, b, written: Self.hasWrittenType(left) && Self.hasWrittenType(right)) {
        case .equal: same = true
        case .different: same = false
        case .typesDecide:
            return Value(.unknown("`\(op.rawValue)` depends on exact types (string or number, list or tuple) that Parapet does not track"),
                         range: range, evidence: evidence)
        case .unknown:
            let reason = EvaluationBudget.decisiveReason(a) ?? EvaluationBudget.decisiveReason(b) ?? "operand is not known"
            return Value(.unknown(reason), range: range, evidence: evidence)
        }
        return Value(.bool(op == .equal ? same : !same), range: range, evidence: evidence)
    }

    enum Equality { case equal, different, typesDecide, unknown }

    /// Compares two values as Terraform would. `written`: both have the types Parapet sees (they
    /// are literals), so values of different types are simply different.
    static func compare(_ a: Value, _ b: Value, written: Bool) -> Equality {
        switch (a.content, b.content) {
        case (.unknown, _), (_, .unknown): return .unknown
        case (.null, .null): return .equal
        case (.null, _), (_, .null): return .different
        // A number, a bool or a string that reads as one may have been converted from another
        // type (a `string` variable set to `1` is `"1"`): equal values are equal only if written.
        case (.string(let x), .string(let y)):
            if let n = a.number, n == b.number { return written ? (x == y ? .equal : .different) : .typesDecide }
            if x == y { return !written && a.bool != nil ? .typesDecide : .equal }
            return .different
        case (.number(let x), .number(let y)): return x != y ? .different : written ? .equal : .typesDecide
        case (.bool(let x), .bool(let y)): return x != y ? .different : written ? .equal : .typesDecide
        case (.string(let text), .number(let number)), (.number(let number), .string(let text)):
            // Equal only if a type constraint converts one into the other's type.
            let converts = a.number == b.number || Value(.number(number), range: a.range).display == text
            return converts && !written ? .typesDecide : .different
        case (.string(let text), .bool(let flag)), (.bool(let flag), .string(let text)):
            return text == String(flag) && !written ? .typesDecide : .different
        case (.list(let xs), .list(let ys)):
            guard written else { return .typesDecide }
            guard xs.count == ys.count else { return .different }
            return combine(zip(xs, ys).map { compare($0, $1, written: true) })
        case (.object(let xs), .object(let ys)):
            guard written else { return .typesDecide }
            // Attribute order does not matter; of a repeated key, the last is the value.
            let x = Dictionary(xs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            let y = Dictionary(ys.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            guard Set(x.keys) == Set(y.keys) else { return .different }
            return combine(x.keys.sorted().compactMap { key in x[key].flatMap { value in y[key].map { compare(value, $0, written: true) } } })
        default:
            // Number and bool, a collection and a primitive, a list and an object: no conversion
            // makes them one type.
            return .different
        }
    }

    /// Different anywhere is different; otherwise what is not known decides.
    private static func combine(_ parts: [Equality]) -> Equality {
        if parts.contains(.different) { return .different }
        if parts.contains(.unknown) { return .unknown }
        return parts.contains(.typesDecide) ? .typesDecide : .equal
    }

    /// Whether an expression's type is the one Parapet computes: literals, what operators and
    /// some functions return, `count.index` and `each.key`. A reference may hold a value that a type constraint converts, and a template of
    /// one interpolation, `"${x}"`, is `x` itself in Terraform, which Parapet makes a string.
    static func hasWrittenType(_ expression: HCLExpression) -> Bool {
        switch expression.kind {
        case .number, .bool, .null, .unary, .binary: return true
        case .template(let template):
            if template.parts.count == 1, case .interpolation = template.parts[0].kind { return false }
            return true
        case .tuple(let elements): return elements.allSatisfy(hasWrittenType)
        case .object(let items): return items.allSatisfy { hasWrittenType($0.value) }
        case .parenthesized(let inner): return hasWrittenType(inner)
        case .functionCall(let call): return call.provider == nil && primitiveResults.contains(String(call.baseName))
        // Always a number and a string.
        case .traversal: return expression.traversalPath == ["count", "index"] || expression.traversalPath == ["each", "key"]
        default: return false
        }
    }

    /// Built-in functions that always return one primitive type (`length(x) == 0` is decided).
    static let primitiveResults: Set<String> = [
        "abs", "ceil", "floor", "length", "log", "max", "min", "parseint", "pow", "signum", "sum",
        "tostring", "format", "join", "lower", "upper", "title", "trimspace", "trim", "trimprefix", "trimsuffix",
        "replace", "substr", "strrev", "chomp", "indent", "base64encode", "base64decode", "jsonencode", "yamlencode",
        "md5", "sha1", "sha256", "sha512", "cidrhost", "cidrnetmask", "cidrsubnet",
        "tobool", "contains", "startswith", "endswith", "alltrue", "anytrue", "can",
    ]

    private func binary(_ op: HCLBinaryOperator, _ a: Value, _ b: Value, range: SourceRange) -> Value {
        let evidence = budget.evidence(a.evidence, b.evidence)
        switch op {
        case .and:
            if a.bool == false || b.bool == false { return Value(.bool(false), range: range, evidence: evidence) }
            if let x = a.bool, let y = b.bool { return Value(.bool(x && y), range: range, evidence: evidence) }
        case .or:
            if a.bool == true || b.bool == true { return Value(.bool(true), range: range, evidence: evidence) }
            if let x = a.bool, let y = b.bool { return Value(.bool(x || y), range: range, evidence: evidence) }
        default:
            guard let x = a.number, let y = b.number else { break }
            let result: Value.Content
            switch op {
            case .add: result = .number(x + y)
            case .subtract: result = .number(x - y)
            case .multiply: result = .number(x * y)
            case .divide: result = y == 0 ? .unknown(Self.invalid + "division by zero") : .number(x / y)
            case .modulo: result = y == 0 ? .unknown(Self.invalid + "division by zero") : .number(x.truncatingRemainder(dividingBy: y))
            case .greater: result = .bool(x > y)
            case .greaterOrEqual: result = .bool(x >= y)
            case .less: result = .bool(x < y)
            case .lessOrEqual: result = .bool(x <= y)
            default: result = .unknown("operator")
            }
            return Value(result, range: range, evidence: evidence)
        }
        let reason = EvaluationBudget.decisiveReason(a) ?? EvaluationBudget.decisiveReason(b) ?? "operand is not known"
        return Value(.unknown(reason), range: range, evidence: evidence)
    }

    /// A body as a value: attributes are members; nested blocks are lists of objects under their
    /// type; `dynamic` blocks expand when their collection is known.
    func body(_ body: HCLBody) -> Value {
        var members: [Value.Member] = []
        // At most one member per item (repeated blocks share one): no slack from growing, which
        // was a tenth of a Terraform scan's memory.
        members.reserveCapacity(body.items.count)
        func append(_ key: String, _ keyRange: SourceRange, _ element: Value, listRange: SourceRange) {
            if let index = members.lastIndex(where: { $0.key == key }), let existing = members[index].value.list {
                members[index].value = Value(.list(existing + [element]), range: members[index].value.range.union(listRange))
            } else {
                members.append(Value.Member(key: key, keyRange: keyRange, value: Value(.list([element]), range: listRange)))
            }
        }
        for item in body.items {
            switch item {
            case .attribute(let attribute):
                members.append(Value.Member(key: attribute.name, keyRange: attribute.nameRange, value: evaluate(attribute.value)))
            case .block(let block) where block.type == "dynamic":
                guard let name = block.label(0) else { continue }
                for element in dynamic(block, name: name) { append(name, block.typeRange, element, listRange: block.range) }
            case .block(let block):
                var value = self.body(block.body)
                value.range = block.range
                append(block.type, block.typeRange, value, listRange: block.range)
            }
        }
        return Value(.object(members), range: body.range)
    }

    private func dynamic(_ block: HCLBlock, name: String) -> [Value] {
        guard let content = block.body.blocks(type: "content").first else { return [] }
        let collection = block.body["for_each"].map(evaluate) ?? Value(.unknown("no for_each"), range: block.range)
        guard let items = iterate(collection) else {
            return [Value(.unknown("dynamic `\(name)` blocks depend on a value not known before apply"), range: block.range, evidence: collection.evidence)]
        }
        let iterator = block.body["iterator"].flatMap { $0.traversalRoot } ?? name
        return items.map { key, item in
            var inner = self
            inner.bindings[iterator] = Value(.object([
                Value.Member(key: "key", keyRange: key.range, value: key),
                Value.Member(key: "value", keyRange: item.range, value: item),
            ]), range: item.range)
            var value = inner.body(content.body)
            value.range = content.range
            return value
        }
    }
}
