import ParapetCore

/// A compact binary form of an HCL parse result, for the parse cache: decoding it is many times
/// faster than parsing with tree-sitter, which is most of a Terraform scan.
///
/// Every range of a file's tree lies in that file, so ranges are written without their path
/// and get the path back on decoding. Numbers are LEB128 varints. Decoding is checked at every
/// step: a damaged or truncated entry decodes to nil (the file is parsed again), never traps, and
/// nesting deeper than the parser itself would build is refused.
public enum HCLTreeCodec {
    /// Written first, and part of the cache key; a change to the layout below, or to the trees
    /// the parser builds, changes it, so an older entry is not misread or reused. 2: `1e400` is
    /// one number.
    static let formatVersion: UInt64 = 2

    /// The bytes of `result`, or nil when it cannot be written faithfully (a range in another file).
    public static func encode(_ result: HCLParseResult, path: String) -> [UInt8]? {
        var writer = Writer(path: path)
        writer.uint(formatVersion)
        writer.body(result.file.body)
        writer.count(result.comments.count)
        for comment in result.comments {
            writer.string(comment.text)
            writer.range(comment.range)
        }
        writer.count(result.diagnostics.count)
        for diagnostic in result.diagnostics {
            writer.diagnostic(diagnostic)
        }
        return writer.faithful ? writer.bytes : nil
    }

    /// The result `encode` wrote, with every range in `path`; nil for anything else.
    public static func decode(_ bytes: [UInt8], path: String, maxDepth: Int) -> HCLParseResult? {
        var reader = Reader(bytes: bytes, path: path, maxDepth: maxDepth)
        guard reader.uint() == formatVersion, let body = reader.body() else { return nil }
        var comments: [Comment] = []
        guard let commentCount = reader.count() else { return nil }
        for _ in 0..<commentCount {
            guard let text = reader.string(), let range = reader.range() else { return nil }
            comments.append(Comment(text: text, range: range))
        }
        var diagnostics: [SyntaxDiagnostic] = []
        guard let diagnosticCount = reader.count() else { return nil }
        for _ in 0..<diagnosticCount {
            guard let diagnostic = reader.diagnostic() else { return nil }
            diagnostics.append(diagnostic)
        }
        guard reader.atEnd else { return nil }
        return HCLParseResult(file: HCLFile(body: body), comments: comments, diagnostics: diagnostics)
    }
}

// MARK: - Writing

private struct Writer {
    let file: SourcePath
    var bytes: [UInt8] = []
    /// False once something could not be written (a range in another file).
    var faithful = true

    init(path: String) {
        self.file = SourcePath(path)
        bytes.reserveCapacity(4096)
    }

    mutating func uint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// Non-negative in every tree the parser builds; a negative one is not written faithfully.
    mutating func count(_ value: Int) {
        if value < 0 { faithful = false }
        uint(UInt64(clamping: value))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        count(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func range(_ range: SourceRange) {
        if range.file != file { faithful = false }
        count(range.start.line)
        count(range.start.column)
        count(range.start.offset)
        count(range.end.line)
        count(range.end.column)
        count(range.end.offset)
    }

    mutating func strip(_ strip: HCLStrip) {
        bytes.append((strip.left ? 1 : 0) | (strip.right ? 2 : 0))
    }

    mutating func diagnostic(_ diagnostic: SyntaxDiagnostic) {
        switch diagnostic.kind {
        case .parseError: string("")
        case .limit(let kind): string(kind.rawValue)
        }
        string(diagnostic.message)
        range(diagnostic.range)
    }

    mutating func body(_ body: HCLBody) {
        range(body.range)
        count(body.items.count)
        for item in body.items {
            switch item {
            case .attribute(let attribute):
                bytes.append(0)
                self.attribute(attribute)
            case .block(let block):
                bytes.append(1)
                string(block.type)
                range(block.typeRange)
                count(block.labels.count)
                for label in block.labels {
                    string(label.value)
                    range(label.range)
                    bool(label.quoted)
                }
                self.body(block.body)
                range(block.range)
            }
        }
    }

    mutating func attribute(_ attribute: HCLAttribute) {
        string(attribute.name)
        range(attribute.nameRange)
        expression(attribute.value)
        range(attribute.range)
    }

    mutating func expressions(_ expressions: [HCLExpression]) {
        count(expressions.count)
        for expression in expressions { self.expression(expression) }
    }

    mutating func optionalExpression(_ expression: HCLExpression?) {
        bool(expression != nil)
        if let expression { self.expression(expression) }
    }

    mutating func expression(_ expression: HCLExpression) {
        range(expression.range)
        switch expression.kind {
        case .number(let text):
            bytes.append(0)
            string(text)
        case .bool(let flag):
            bytes.append(1)
            bool(flag)
        case .null:
            bytes.append(2)
        case .template(let template):
            bytes.append(3)
            self.template(template)
        case .tuple(let elements):
            bytes.append(4)
            expressions(elements)
        case .object(let items):
            bytes.append(5)
            count(items.count)
            for item in items {
                self.expression(item.key)
                self.expression(item.value)
                range(item.range)
            }
        case .variable(let name):
            bytes.append(6)
            string(name)
        case .traversal(let source, let steps):
            bytes.append(7)
            self.expression(source)
            count(steps.count)
            for step in steps { self.step(step) }
        case .functionCall(let call):
            bytes.append(8)
            string(call.name)
            range(call.nameRange)
            expressions(call.arguments)
            bool(call.expandsFinalArgument)
        case .forExpression(let loop):
            bytes.append(9)
            optionalString(loop.keyVariable)
            string(loop.valueVariable)
            self.expression(loop.collection)
            optionalExpression(loop.key)
            self.expression(loop.value)
            optionalExpression(loop.condition)
            bool(loop.grouping)
        case .conditional(let condition, let then, let otherwise):
            bytes.append(10)
            self.expression(condition)
            self.expression(then)
            self.expression(otherwise)
        case .unary(let op, let operand):
            bytes.append(11)
            bytes.append(op == .negate ? 0 : 1)
            self.expression(operand)
        case .binary(let op, let left, let right):
            bytes.append(12)
            bytes.append(UInt8(truncatingIfNeeded: HCLBinaryOperator.allCases.firstIndex(of: op) ?? 0))
            self.expression(left)
            self.expression(right)
        case .parenthesized(let inner):
            bytes.append(13)
            self.expression(inner)
        case .invalid:
            bytes.append(14)
        }
    }

    mutating func step(_ step: HCLTraversalStep) {
        range(step.range)
        switch step.kind {
        case .attribute(let name):
            bytes.append(0)
            string(name)
        case .index(let index):
            bytes.append(1)
            expression(index)
        case .legacyIndex(let index):
            bytes.append(2)
            count(index)
        case .attributeSplat:
            bytes.append(3)
        case .fullSplat:
            bytes.append(4)
        }
    }

    mutating func template(_ template: HCLTemplate) {
        switch template.style {
        case .quoted:
            bytes.append(0)
        case .heredoc(let marker, let flush):
            bytes.append(1)
            string(marker)
            bool(flush)
        }
        parts(template.parts)
    }

    mutating func parts(_ parts: [HCLTemplatePart]) {
        count(parts.count)
        for part in parts {
            range(part.range)
            switch part.kind {
            case .literal(let text):
                bytes.append(0)
                string(text)
            case .interpolation(let expression, let strip):
                bytes.append(1)
                self.expression(expression)
                self.strip(strip)
            case .ifDirective(let directive):
                bytes.append(2)
                expression(directive.condition)
                self.parts(directive.then)
                bool(directive.else != nil)
                if let otherwise = directive.else { self.parts(otherwise) }
                strip(directive.ifStrip)
                bool(directive.elseStrip != nil)
                if let elseStrip = directive.elseStrip { strip(elseStrip) }
                strip(directive.endStrip)
            case .forDirective(let directive):
                bytes.append(3)
                optionalString(directive.keyVariable)
                string(directive.valueVariable)
                expression(directive.collection)
                self.parts(directive.body)
                strip(directive.forStrip)
                strip(directive.endStrip)
            }
        }
    }
}

// MARK: - Reading

private struct Reader {
    let bytes: [UInt8]
    let file: SourcePath
    let maxDepth: Int
    var offset = 0
    var depth = 0

    init(bytes: [UInt8], path: String, maxDepth: Int) {
        self.bytes = bytes
        self.file = SourcePath(path)
        // The parser cuts expressions past `maxDepth`; a few levels of bodies and templates
        // come on top of that.
        self.maxDepth = maxDepth.addingReportingOverflow(64).overflow ? Int.max : maxDepth + 64
    }

    var atEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let next = byte() {
            guard shift < 64 else { return nil }
            value |= UInt64(next & 0x7f) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    /// A count or position: within `Int`, and a count never more than the bytes left (each
    /// element takes at least one), so that a damaged count cannot make a huge allocation.
    mutating func count() -> Int? {
        guard let value = uint(), value <= UInt64(bytes.count - offset) else { return nil }
        return Int(exactly: value)
    }

    mutating func position() -> Int? {
        guard let value = uint() else { return nil }
        return Int(exactly: value)
    }

    mutating func bool() -> Bool? {
        switch byte() {
        case 0: false
        case 1: true
        default: nil
        }
    }

    mutating func string() -> String? {
        guard let length = count() else { return nil }
        let end = offset + length
        guard end <= bytes.count else { return nil }
        defer { offset = end }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = string() else { return nil }
        return .some(value)
    }

    mutating func range() -> SourceRange? {
        guard let startLine = position(), let startColumn = position(), let startOffset = position(),
              let endLine = position(), let endColumn = position(), let endOffset = position() else { return nil }
        return SourceRange(file: file, start: SourcePosition(line: startLine, column: startColumn, offset: startOffset),
                           end: SourcePosition(line: endLine, column: endColumn, offset: endOffset))
    }

    mutating func strip() -> HCLStrip? {
        guard let flags = byte(), flags < 4 else { return nil }
        return HCLStrip(left: flags & 1 != 0, right: flags & 2 != 0)
    }

    mutating func diagnostic() -> SyntaxDiagnostic? {
        guard let kindName = string(), let message = string(), let range = range() else { return nil }
        if kindName.isEmpty { return SyntaxDiagnostic(.parseError, message, at: range) }
        guard let limit = LimitKind(rawValue: kindName) else { return nil }
        return SyntaxDiagnostic(.limit(limit), message, at: range)
    }

    /// Runs `body` one level deeper, or fails past the depth bound.
    mutating func nested<T>(_ body: (inout Reader) -> T?) -> T? {
        guard depth < maxDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        return body(&self)
    }

    mutating func body() -> HCLBody? {
        nested { reader in
            guard let range = reader.range(), let count = reader.count() else { return nil }
            var items: [HCLBody.Item] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                switch reader.byte() {
                case 0:
                    guard let attribute = reader.attribute() else { return nil }
                    items.append(.attribute(attribute))
                case 1:
                    guard let type = reader.string(), let typeRange = reader.range(), let labelCount = reader.count() else { return nil }
                    var labels: [HCLLabel] = []
                    for _ in 0..<labelCount {
                        guard let value = reader.string(), let labelRange = reader.range(), let quoted = reader.bool() else { return nil }
                        labels.append(HCLLabel(value: value, range: labelRange, quoted: quoted))
                    }
                    guard let body = reader.body(), let blockRange = reader.range() else { return nil }
                    items.append(.block(HCLBlock(type: type, typeRange: typeRange, labels: labels, body: body, range: blockRange)))
                default:
                    return nil
                }
            }
            return HCLBody(items: items, range: range)
        }
    }

    mutating func attribute() -> HCLAttribute? {
        guard let name = string(), let nameRange = range(), let value = expression(), let range = range() else { return nil }
        return HCLAttribute(name: name, nameRange: nameRange, value: value, range: range)
    }

    mutating func expressions() -> [HCLExpression]? {
        guard let count = count() else { return nil }
        var expressions: [HCLExpression] = []
        expressions.reserveCapacity(count)
        for _ in 0..<count {
            guard let expression = expression() else { return nil }
            expressions.append(expression)
        }
        return expressions
    }

    mutating func optionalExpression() -> HCLExpression?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let expression = expression() else { return nil }
        return .some(expression)
    }

    mutating func expression() -> HCLExpression? {
        nested { reader in
            guard let range = reader.range(), let tag = reader.byte(), let kind = reader.expressionKind(tag) else { return nil }
            return HCLExpression(kind, range: range)
        }
    }

    private mutating func expressionKind(_ tag: UInt8) -> HCLExpression.Kind? {
        switch tag {
        case 0: return string().map { .number($0) }
        case 1: return bool().map { .bool($0) }
        case 2: return .null
        case 3: return template().map { .template($0) }
        case 4: return expressions().map { .tuple($0) }
        case 5:
            guard let count = count() else { return nil }
            var items: [HCLObjectItem] = []
            for _ in 0..<count {
                guard let key = expression(), let value = expression(), let range = range() else { return nil }
                items.append(HCLObjectItem(key: key, value: value, range: range))
            }
            return .object(items)
        case 6: return string().map { .variable($0) }
        case 7:
            guard let source = expression(), let count = count() else { return nil }
            var steps: [HCLTraversalStep] = []
            for _ in 0..<count {
                guard let step = step() else { return nil }
                steps.append(step)
            }
            return .traversal(source, steps)
        case 8:
            guard let name = string(), let nameRange = range(), let arguments = expressions(), let expands = bool() else { return nil }
            return .functionCall(HCLFunctionCall(name: name, nameRange: nameRange, arguments: arguments, expandsFinalArgument: expands))
        case 9:
            guard let keyVariable = optionalString(), let valueVariable = string(), let collection = expression(),
                  let key = optionalExpression(), let value = expression(), let condition = optionalExpression(),
                  let grouping = bool() else { return nil }
            return .forExpression(HCLForExpression(keyVariable: keyVariable, valueVariable: valueVariable, collection: collection,
                                                   key: key, value: value, condition: condition, grouping: grouping))
        case 10:
            guard let condition = expression(), let then = expression(), let otherwise = expression() else { return nil }
            return .conditional(condition: condition, then: then, else: otherwise)
        case 11:
            guard let op = byte(), op < 2, let operand = expression() else { return nil }
            return .unary(op == 0 ? .negate : .not, operand)
        case 12:
            guard let op = byte(), Int(op) < HCLBinaryOperator.allCases.count, let left = expression(), let right = expression() else { return nil }
            return .binary(HCLBinaryOperator.allCases[Int(op)], left, right)
        case 13: return expression().map { .parenthesized($0) }
        case 14: return .invalid
        default: return nil
        }
    }

    mutating func step() -> HCLTraversalStep? {
        guard let range = range(), let tag = byte() else { return nil }
        let kind: HCLTraversalStep.Kind
        switch tag {
        case 0:
            guard let name = string() else { return nil }
            kind = .attribute(name)
        case 1:
            guard let index = expression() else { return nil }
            kind = .index(index)
        case 2:
            guard let index = position() else { return nil }
            kind = .legacyIndex(index)
        case 3: kind = .attributeSplat
        case 4: kind = .fullSplat
        default: return nil
        }
        return HCLTraversalStep(kind, range: range)
    }

    mutating func template() -> HCLTemplate? {
        let style: HCLTemplate.Style
        switch byte() {
        case 0: style = .quoted
        case 1:
            guard let marker = string(), let flush = bool() else { return nil }
            style = .heredoc(marker: marker, flush: flush)
        default: return nil
        }
        return parts().map { HCLTemplate(style: style, parts: $0) }
    }

    mutating func parts() -> [HCLTemplatePart]? {
        nested { reader in
            guard let count = reader.count() else { return nil }
            var parts: [HCLTemplatePart] = []
            for _ in 0..<count {
                guard let range = reader.range(), let tag = reader.byte() else { return nil }
                let kind: HCLTemplatePart.Kind
                switch tag {
                case 0:
                    guard let text = reader.string() else { return nil }
                    kind = .literal(text)
                case 1:
                    guard let expression = reader.expression(), let strip = reader.strip() else { return nil }
                    kind = .interpolation(expression, strip: strip)
                case 2:
                    guard let condition = reader.expression(), let then = reader.parts(), let hasElse = reader.bool() else { return nil }
                    var otherwise: [HCLTemplatePart]?
                    if hasElse {
                        guard let parts = reader.parts() else { return nil }
                        otherwise = parts
                    }
                    guard let ifStrip = reader.strip(), let hasElseStrip = reader.bool() else { return nil }
                    var elseStrip: HCLStrip?
                    if hasElseStrip {
                        guard let strip = reader.strip() else { return nil }
                        elseStrip = strip
                    }
                    guard let endStrip = reader.strip() else { return nil }
                    kind = .ifDirective(HCLTemplateIf(condition: condition, then: then, else: otherwise, ifStrip: ifStrip,
                                                      elseStrip: elseStrip, endStrip: endStrip))
                case 3:
                    guard let keyVariable = reader.optionalString(), let valueVariable = reader.string(),
                          let collection = reader.expression(), let body = reader.parts(), let forStrip = reader.strip(),
                          let endStrip = reader.strip() else { return nil }
                    kind = .forDirective(HCLTemplateFor(keyVariable: keyVariable, valueVariable: valueVariable, collection: collection,
                                                        body: body, forStrip: forStrip, endStrip: endStrip))
                default:
                    return nil
                }
                parts.append(HCLTemplatePart(kind, range: range))
            }
            return parts
        }
    }
}
