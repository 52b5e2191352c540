import ParapetCore

/// A stable, line-per-node text dump of HCL trees, for snapshot tests and `parapet parse`:
/// the node kind, its `line:col-line:col` range (columns in code points), then its value.
public enum HCLDump {
    public static func render(_ result: HCLParseResult) -> String {
        render(result.file, comments: result.comments, diagnostics: result.diagnostics)
    }

    /// The tree, then the comments and diagnostics in the trailer format of `SyntaxDump`.
    public static func render(_ file: HCLFile, comments: [Comment] = [], diagnostics: [SyntaxDiagnostic] = []) -> String {
        var out = ""
        write(file.body, indent: 0, into: &out)
        return out + SyntaxDump.trailer(comments: comments, diagnostics: diagnostics)
    }

    static func span(_ range: SourceRange) -> String { DataDump.span(range) }
    static func quote(_ text: String) -> String { DataDump.quote(text) }

    private static func pad(_ indent: Int) -> String { String(repeating: "  ", count: indent) }

    static func write(_ body: HCLBody, indent: Int, into out: inout String) {
        out += "\(pad(indent))body \(span(body.range)) [\(body.items.count)]\n"
        for item in body.items {
            switch item {
            case .attribute(let attribute):
                out += "\(pad(indent + 1))attribute \(span(attribute.range)) \(attribute.name) (name \(span(attribute.nameRange)))\n"
                write(attribute.value, indent: indent + 2, into: &out)
            case .block(let block):
                out += "\(pad(indent + 1))block \(span(block.range)) \(block.type) (type \(span(block.typeRange)))\n"
                for label in block.labels {
                    let value = label.quoted ? quote(label.value) : label.value
                    out += "\(pad(indent + 2))label \(span(label.range)) \(value)\n"
                }
                write(block.body, indent: indent + 2, into: &out)
            }
        }
    }

    // Recursion is bounded: the parser drops anything nested deeper than `ScanLimits.maxDepth`.
    static func write(_ expression: HCLExpression, indent: Int, role: String? = nil, into out: inout String) {
        let head = "\(pad(indent))\(role.map { "\($0): " } ?? "")"
        let at = span(expression.range)
        switch expression.kind {
        case .number(let text): out += "\(head)number \(at) \(text)\n"
        case .bool(let value): out += "\(head)bool \(at) \(value)\n"
        case .null: out += "\(head)null \(at)\n"
        case .invalid: out += "\(head)invalid \(at)\n"
        case .variable(let name): out += "\(head)variable \(at) \(name)\n"
        case .template(let template):
            let style = switch template.style {
            case .quoted: "quoted"
            case .heredoc(let marker, let flush): "heredoc <<\(flush ? "-" : "")\(marker)"
            }
            if let text = template.literalString {
                out += "\(head)string \(at) \(style) \(quote(text))\n"
            } else {
                out += "\(head)template \(at) \(style) [\(template.parts.count)]\n"
                write(template.parts, indent: indent + 1, into: &out)
            }
        case .tuple(let elements):
            out += "\(head)tuple \(at) [\(elements.count)]\n"
            for element in elements { write(element, indent: indent + 1, into: &out) }
        case .object(let items):
            out += "\(head)object \(at) {\(items.count)}\n"
            for item in items {
                out += "\(pad(indent + 1))item \(span(item.range))\n"
                write(item.key, indent: indent + 2, role: "key", into: &out)
                write(item.value, indent: indent + 2, role: "value", into: &out)
            }
        case .traversal(let source, let steps):
            out += "\(head)traversal \(at) [\(steps.count)]\n"
            write(source, indent: indent + 1, into: &out)
            for step in steps { write(step, indent: indent + 1, into: &out) }
        case .functionCall(let call):
            let expand = call.expandsFinalArgument ? " expand" : ""
            out += "\(head)call \(at) \(call.name) (name \(span(call.nameRange))) [\(call.arguments.count)]\(expand)\n"
            for argument in call.arguments { write(argument, indent: indent + 1, into: &out) }
        case .forExpression(let loop):
            let names = (loop.keyVariable.map { "\($0), " } ?? "") + loop.valueVariable
            let grouping = loop.grouping ? " grouping" : ""
            out += "\(head)\(loop.isObject ? "for-object" : "for-tuple") \(at) \(names)\(grouping)\n"
            write(loop.collection, indent: indent + 1, role: "collection", into: &out)
            if let key = loop.key { write(key, indent: indent + 1, role: "key", into: &out) }
            write(loop.value, indent: indent + 1, role: "value", into: &out)
            if let condition = loop.condition { write(condition, indent: indent + 1, role: "condition", into: &out) }
        case .conditional(let condition, let then, let otherwise):
            out += "\(head)conditional \(at)\n"
            write(condition, indent: indent + 1, role: "condition", into: &out)
            write(then, indent: indent + 1, role: "then", into: &out)
            write(otherwise, indent: indent + 1, role: "else", into: &out)
        case .unary(let op, let operand):
            out += "\(head)unary \(at) \(op.rawValue)\n"
            write(operand, indent: indent + 1, into: &out)
        case .binary(let op, let lhs, let rhs):
            out += "\(head)binary \(at) \(op.rawValue)\n"
            write(lhs, indent: indent + 1, into: &out)
            write(rhs, indent: indent + 1, into: &out)
        case .parenthesized(let inner):
            out += "\(head)parens \(at)\n"
            write(inner, indent: indent + 1, into: &out)
        }
    }

    static func write(_ step: HCLTraversalStep, indent: Int, into out: inout String) {
        let at = span(step.range)
        switch step.kind {
        case .attribute(let name): out += "\(pad(indent))attr \(at) \(name)\n"
        case .legacyIndex(let index): out += "\(pad(indent))legacy-index \(at) \(index)\n"
        case .attributeSplat: out += "\(pad(indent))attr-splat \(at)\n"
        case .fullSplat: out += "\(pad(indent))full-splat \(at)\n"
        case .index(let index):
            out += "\(pad(indent))index \(at)\n"
            write(index, indent: indent + 1, into: &out)
        }
    }

    static func write(_ parts: [HCLTemplatePart], indent: Int, into out: inout String) {
        for part in parts {
            let at = span(part.range)
            switch part.kind {
            case .literal(let text):
                out += "\(pad(indent))literal \(at) \(quote(text))\n"
            case .interpolation(let expression, let strip):
                out += "\(pad(indent))interpolation \(at)\(describe(strip))\n"
                write(expression, indent: indent + 1, into: &out)
            case .ifDirective(let directive):
                let strips = describe(directive.ifStrip, "if") + (directive.elseStrip.map { describe($0, "else") } ?? "")
                    + describe(directive.endStrip, "endif")
                out += "\(pad(indent))if \(at)\(strips)\n"
                write(directive.condition, indent: indent + 1, role: "condition", into: &out)
                out += "\(pad(indent + 1))then [\(directive.then.count)]\n"
                write(directive.then, indent: indent + 2, into: &out)
                if let otherwise = directive.else {
                    out += "\(pad(indent + 1))else [\(otherwise.count)]\n"
                    write(otherwise, indent: indent + 2, into: &out)
                }
            case .forDirective(let directive):
                let names = (directive.keyVariable.map { "\($0), " } ?? "") + directive.valueVariable
                let strips = describe(directive.forStrip, "for") + describe(directive.endStrip, "endfor")
                out += "\(pad(indent))for \(at) \(names)\(strips)\n"
                write(directive.collection, indent: indent + 1, role: "collection", into: &out)
                out += "\(pad(indent + 1))body [\(directive.body.count)]\n"
                write(directive.body, indent: indent + 2, into: &out)
            }
        }
    }

    /// ` strip=left`, ` if-strip=both`, or nothing.
    private static func describe(_ strip: HCLStrip, _ tag: String? = nil) -> String {
        let side = switch (strip.left, strip.right) {
        case (true, true): "both"
        case (true, false): "left"
        case (false, true): "right"
        case (false, false): ""
        }
        guard !side.isEmpty else { return "" }
        return " \(tag.map { "\($0)-" } ?? "")strip=\(side)"
    }
}
