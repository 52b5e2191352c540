import ParapetCore

/// Building a node's value from its children's values. Every case tolerates missing children:
/// error recovery may have dropped any of them.
extension HCLTreeBuilder {
    mutating func reduce(_ frame: Frame, _ children: ArraySlice<HCLBuilt>) -> HCLBuilt? {
        switch frame.kind {
        case .attribute: return attribute(frame, children)
        case .block: return block(frame, children)
        case .body, .configFile:
            let items = children.compactMap { if case .item(let item) = $0 { item } else { nil } }
            return .body(HCLBody(items: items, range: range(frame.start, frame.end)))
        case .expression:
            return .expr(term(children, fallback: frame))
        case .literalValue, .collectionValue, .forExpr, .operation, .templateExpr:
            return passThrough(children) ?? .expr(invalid(frame))
        case .index, .splat, .templateDirective:
            return passThrough(children)
        case .tuple:
            return .expr(HCLExpression(.tuple(expressions(children)), range: range(frame.start, frame.end)))
        case .object:
            let items = children.compactMap { if case .objectItem(let item) = $0 { item } else { nil } }
            return .expr(HCLExpression(.object(items), range: range(frame.start, frame.end)))
        case .objectElem:
            let parts = expressions(children)
            guard let key = parts.first else { return nil }
            let value = parts.count > 1 ? parts[1] : invalid(at: frame.end)
            return .objectItem(HCLObjectItem(key: key, value: value, range: range(frame.start, frame.end)))
        case .newIndex:
            let index = firstExpression(children) ?? invalid(frame)
            return .step(HCLTraversalStep(.index(index), range: range(frame.start, frame.end)))
        case .getAttr:
            guard let (s, e) = identifiers(children).first else { return nil }
            return .step(HCLTraversalStep(.attribute(text(s, e)), range: range(frame.start, frame.end)))
        case .attrSplat, .fullSplat:
            let width = frame.kind == .attrSplat ? 2 : 3
            let marker = HCLTraversalStep(frame.kind == .attrSplat ? .attributeSplat : .fullSplat,
                                          range: range(frame.start, min(frame.start + width, frame.end)))
            return .steps([marker] + steps(children))
        case .functionCall: return functionCall(frame, children)
        case .functionArguments:
            let expand = children.contains { if case .token(.ellipsis, _, _) = $0 { true } else { false } }
            return .arguments(expressions(children), expand: expand)
        case .forIntro:
            let names = identifiers(children)
            guard let last = names.last else { return nil }
            let key = names.count > 1 ? text(names[0].0, names[0].1) : nil
            let collection = firstExpression(children) ?? invalid(at: frame.end)
            return .forIntro(key: key, value: text(last.0, last.1), collection: collection)
        case .forCond:
            return .forCond(firstExpression(children) ?? invalid(at: frame.end))
        case .forTupleExpr, .forObjectExpr: return forExpression(frame, children)
        case .conditional:
            let parts = expressions(children)
            func part(_ i: Int) -> HCLExpression { i < parts.count ? parts[i] : invalid(at: frame.end) }
            return .expr(HCLExpression(.conditional(condition: part(0), then: part(1), else: part(2)),
                                       range: range(frame.start, frame.end)))
        case .unaryOperation:
            guard case .token(let op, _, _)? = children.first else { return .expr(invalid(frame)) }
            let operand = term(children.dropFirst(), fallback: frame)
            return .expr(HCLExpression(.unary(op == .opNot ? .not : .negate, operand), range: range(frame.start, frame.end)))
        case .binaryOperation: return binary(frame, children)
        case .quotedTemplate, .stringLit, .heredocTemplate:
            guard let context = templates.last else { return .expr(invalid(frame)) }
            let parts = sequence(children, from: context.contentStart, to: context.contentEnd, context: context)
            return .expr(HCLExpression(.template(HCLTemplate(style: context.style, parts: parts)),
                                       range: range(frame.start, frame.end)))
        case .templateInterpolation:
            let expression = firstExpression(children) ?? invalid(at: frame.end)
            return .part(HCLTemplatePart(.interpolation(expression, strip: stripMarkers(frame.start, frame.end)),
                                         range: range(frame.start, frame.end)))
        case .templateIf: return templateIf(frame, children)
        case .templateFor: return templateFor(frame, children)
        case .templateIfIntro:
            return tag(.ifIntro(firstExpression(children) ?? invalid(at: frame.end)), frame)
        case .templateElseIntro: return tag(.elseIntro, frame)
        case .templateIfEnd: return tag(.ifEnd, frame)
        case .templateForEnd: return tag(.forEnd, frame)
        case .templateForStart:
            let names = identifiers(children)
            guard let last = names.last else { return nil }
            let key = names.count > 1 ? text(names[0].0, names[0].1) : nil
            let collection = firstExpression(children) ?? invalid(at: frame.end)
            return tag(.forStart(key: key, value: text(last.0, last.1), collection: collection), frame)
        default:
            return nil
        }
    }

    // MARK: - Body

    private mutating func attribute(_ frame: Frame, _ children: ArraySlice<HCLBuilt>) -> HCLBuilt? {
        guard case .ident(let s, let e)? = children.first else { return nil }
        let value = firstExpression(children) ?? invalid(at: frame.end)
        let attribute = HCLAttribute(name: text(s, e), nameRange: range(s, e), value: value,
                                     range: range(frame.start, max(e, value.range.end.offset)))
        return .item(.attribute(attribute))
    }

    private mutating func block(_ frame: Frame, _ children: ArraySlice<HCLBuilt>) -> HCLBuilt? {
        guard case .ident(let typeStart, let typeEnd)? = children.first else { return nil }
        var labels: [HCLLabel] = []
        var open: (Int, Int)?, close: (Int, Int)?
        var body: HCLBody?
        for child in children.dropFirst() {
            switch child {
            case .ident(let s, let e) where open == nil:
                labels.append(HCLLabel(value: text(s, e), range: range(s, e), quoted: false))
            case .expr(let label) where open == nil:
                labels.append(HCLLabel(value: label.literalString ?? "", range: label.range, quoted: true))
            case .token(.blockStart, let s, let e): open = (s, e)
            case .token(.blockEnd, let s, let e): close = (s, e)
            case .body(let b): body = b
            default: break
            }
        }
        // A block whose `{` was lost to a syntax error has no body to speak of.
        guard let open else { return nil }
        let bodyEnd = close?.0 ?? body?.range.end.offset ?? open.1
        let items = body?.items ?? []
        let end = close?.1 ?? max(bodyEnd, items.last?.range.end.offset ?? open.1)
        let block = HCLBlock(type: text(typeStart, typeEnd), typeRange: range(typeStart, typeEnd), labels: labels,
                             body: HCLBody(items: items, range: range(open.1, max(open.1, bodyEnd))),
                             range: range(frame.start, end))
        return .item(.block(block))
    }

    // MARK: - Expressions

    /// A primary expression (or `(` expression `)`) followed by traversal steps: the grammar's
    /// hidden `_expr_term`, which arrives flattened into the parent's children.
    mutating func term(_ items: ArraySlice<HCLBuilt>, fallback frame: Frame) -> HCLExpression {
        var index = items.startIndex
        var primary: HCLExpression
        guard index < items.endIndex else { return invalid(frame) }
        switch items[index] {
        case .token(.openParen, let s, let e):
            index += 1
            var inner: HCLExpression?
            var end = e
            while index < items.endIndex {
                let item = items[index]
                index += 1
                if case .expr(let expression) = item, inner == nil {
                    inner = expression
                    end = expression.range.end.offset
                } else if case .token(.closeParen, _, let closeEnd) = item {
                    end = closeEnd
                    break
                }
            }
            primary = HCLExpression(.parenthesized(inner ?? invalid(at: end)), range: range(s, end))
        case .expr(let expression):
            primary = expression
            index += 1
        default:
            // The operand was lost to a syntax error; the steps alone are no expression.
            return invalid(frame)
        }
        let steps = steps(items[index...])
        guard let last = steps.last else { return primary }
        return HCLExpression(.traversal(primary, steps), range: range(primary.range.start.offset, last.range.end.offset))
    }

    private mutating func binary(_ frame: Frame, _ children: ArraySlice<HCLBuilt>) -> HCLBuilt {
        let split = children.indices.dropFirst().first { index in
            if case .token(let kind, _, _) = children[index], kind.binaryOperator != nil { true } else { false }
        }
        guard let split, case .token(let kind, _, let opEnd) = children[split], let op = kind.binaryOperator else {
            return .expr(invalid(frame))
        }
        let lhs = term(children[..<split], fallback: frame)
        var rhs = term(children[(split + 1)...], fallback: frame)
        if case .invalid = rhs.kind { rhs = invalid(at: opEnd) }
        return .expr(HCLExpression(.binary(op, lhs, rhs), range: range(frame.start, frame.end)))
    }

    private mutating func functionCall(_ frame: Frame, _ children: ArraySlice<HCLBuilt>) -> HCLBuilt {
        guard case .ident(let s, let e)? = children.first else { return .expr(invalid(frame)) }
        var arguments: [HCLExpression] = [], expand = false
        for case .arguments(let list, let expands) in children {
            arguments = list
            expand = expands
        }
        let call = HCLFunctionCall(name: text(s, e), nameRange: range(s, e), arguments: arguments,
                                   expandsFinalArgument: expand)
        return .expr(HCLExpression(.functionCall(call), range: range(frame.start, frame.end)))
    }

    private mutating func forExpression(_ frame: Frame, _ children: ArraySlice<HCLBuilt>) -> HCLBuilt {
        var intro: (key: String?, value: String, collection: HCLExpression)?
        var results: [HCLExpression] = [], condition: HCLExpression?, grouping = false
        for child in children {
            switch child {
            case .forIntro(let key, let value, let collection): intro = (key, value, collection)
            case .expr(let expression): results.append(expression)
            case .forCond(let expression): condition = expression
            case .token(.ellipsis, _, _): grouping = true
            default: break
            }
        }
        guard let intro else { return .expr(invalid(frame)) }
        let isObject = frame.kind == .forObjectExpr
        let key = isObject ? (results.first ?? invalid(at: frame.end)) : nil
        let valueIndex = isObject ? 1 : 0
        let value = valueIndex < results.count ? results[valueIndex] : invalid(at: frame.end)
        let expression = HCLForExpression(keyVariable: intro.key, valueVariable: intro.value,
                                          collection: intro.collection, key: key, value: value,
                                          condition: condition, grouping: grouping)
        return .expr(HCLExpression(.forExpression(expression), range: range(frame.start, frame.end)))
    }

    // MARK: - Template directives

    private mutating func tag(_ kind: HCLTemplateTag.Kind, _ frame: Frame) -> HCLBuilt {
        .tag(HCLTemplateTag(kind: kind, strip: stripMarkers(frame.start, frame.end), start: frame.start, end: frame.end))
    }

    /// Parts and the literal text between them, from `from` up to `to`.
    private mutating func sequence(_ children: ArraySlice<HCLBuilt>, from: Int, to: Int,
                          context: HCLTemplateContext) -> [HCLTemplatePart] {
        var parts: [HCLTemplatePart] = []
        var position = from
        for case .part(let part) in children {
            parts += context.literals(from: position, to: part.range.start.offset, range: { range($0, $1) })
            parts.append(part)
            position = part.range.end.offset
        }
        return parts + context.literals(from: position, to: to, range: { range($0, $1) })
    }

    private mutating func templateIf(_ frame: Frame, _ children: ArraySlice<HCLBuilt>) -> HCLBuilt? {
        guard let context = templates.last, case .tag(let intro)? = children.first,
              case .ifIntro(let condition) = intro.kind else { return nil }
        var then: [HCLTemplatePart] = [], otherwise: [HCLTemplatePart]?
        var current: [HCLTemplatePart] = []
        var elseStrip: HCLStrip?, endStrip = HCLStrip.none
        var position = intro.end, ended = false
        for child in children.dropFirst() {
            switch child {
            case .part(let part):
                current += context.literals(from: position, to: part.range.start.offset, range: { range($0, $1) })
                current.append(part)
                position = part.range.end.offset
            case .tag(let tag):
                current += context.literals(from: position, to: tag.start, range: { range($0, $1) })
                position = tag.end
                if case .elseIntro = tag.kind, elseStrip == nil {
                    then = current
                    current = []
                    elseStrip = tag.strip
                } else if case .ifEnd = tag.kind {
                    endStrip = tag.strip
                    ended = true
                }
            default: break
            }
        }
        if !ended { current += context.literals(from: position, to: frame.end, range: { range($0, $1) }) }
        if elseStrip != nil { otherwise = current } else { then = current }
        let directive = HCLTemplateIf(condition: condition, then: then, else: otherwise, ifStrip: intro.strip,
                                      elseStrip: elseStrip, endStrip: endStrip)
        return .part(HCLTemplatePart(.ifDirective(directive), range: range(frame.start, frame.end)))
    }

    private mutating func templateFor(_ frame: Frame, _ children: ArraySlice<HCLBuilt>) -> HCLBuilt? {
        guard let context = templates.last, case .tag(let start)? = children.first,
              case .forStart(let key, let value, let collection) = start.kind else { return nil }
        var body: [HCLTemplatePart] = []
        var endStrip = HCLStrip.none, position = start.end, ended = false
        for child in children.dropFirst() {
            switch child {
            case .part(let part):
                body += context.literals(from: position, to: part.range.start.offset, range: { range($0, $1) })
                body.append(part)
                position = part.range.end.offset
            case .tag(let tag):
                body += context.literals(from: position, to: tag.start, range: { range($0, $1) })
                position = tag.end
                endStrip = tag.strip
                ended = true
            default: break
            }
        }
        if !ended { body += context.literals(from: position, to: frame.end, range: { range($0, $1) }) }
        let directive = HCLTemplateFor(keyVariable: key, valueVariable: value, collection: collection, body: body,
                                       forStrip: start.strip, endStrip: endStrip)
        return .part(HCLTemplatePart(.forDirective(directive), range: range(frame.start, frame.end)))
    }

    // MARK: - Helpers

    private func passThrough(_ children: ArraySlice<HCLBuilt>) -> HCLBuilt? {
        children.first { if case .token = $0 { false } else { true } }
    }

    private func firstExpression(_ children: ArraySlice<HCLBuilt>) -> HCLExpression? {
        for case .expr(let expression) in children { return expression }
        return nil
    }

    private func expressions(_ children: ArraySlice<HCLBuilt>) -> [HCLExpression] {
        children.compactMap { if case .expr(let expression) = $0 { expression } else { nil } }
    }

    private func identifiers(_ children: ArraySlice<HCLBuilt>) -> [(Int, Int)] {
        children.compactMap { if case .ident(let s, let e) = $0 { (s, e) } else { nil } }
    }

    private func steps(_ children: ArraySlice<HCLBuilt>) -> [HCLTraversalStep] {
        var steps: [HCLTraversalStep] = []
        for child in children {
            switch child {
            case .step(let step): steps.append(step)
            case .steps(let more): steps += more
            default: break
            }
        }
        return steps
    }

    private mutating func invalid(_ frame: Frame) -> HCLExpression {
        HCLExpression(.invalid, range: range(frame.start, frame.end))
    }

    private mutating func invalid(at offset: Int) -> HCLExpression {
        HCLExpression(.invalid, range: range(offset, offset))
    }
}
