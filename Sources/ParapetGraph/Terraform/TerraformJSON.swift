import ParapetCore
import ParapetSyntax

/// Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) read into the same blocks as HCL, so the
/// lowering and the rules need no second path. Nested objects become object expressions, which
/// the evaluator and `Value.at` read like blocks. Strings with `${…}` interpolation are not
/// parsed: they evaluate to unknown, never to their literal text.
enum TerraformJSON {
    static let labelCounts = ["resource": 2, "data": 2, "module": 1, "variable": 1, "output": 1, "provider": 1]

    static func blocks(_ file: ParsedFile) -> [HCLBlock] {
        guard let root = file.documents.first, let entries = root.entries else { return [] }
        var blocks: [HCLBlock] = []
        for entry in entries {
            let type = entry.name
            let depth = labelCounts[type] ?? 0
            collect(entry.value, type: type, typeRange: entry.key.range, labels: [], depth: depth, into: &blocks)
        }
        return blocks
    }

    /// Descends `depth` levels of object keys as labels, then turns each body (or array of
    /// bodies) into a block.
    private static func collect(_ node: DataNode, type: String, typeRange: SourceRange, labels: [HCLLabel], depth: Int, into blocks: inout [HCLBlock]) {
        if depth > 0 {
            for entry in node.entries ?? [] {
                let label = HCLLabel(value: entry.name, range: entry.key.range, quoted: true)
                collect(entry.value, type: type, typeRange: typeRange, labels: labels + [label], depth: depth - 1, into: &blocks)
            }
            return
        }
        for body in node.sequence ?? [node] where body.isMapping {
            blocks.append(HCLBlock(type: type, typeRange: typeRange, labels: labels, body: self.body(body), range: body.range))
        }
    }

    static func body(_ node: DataNode) -> HCLBody {
        let items = (node.entries ?? []).filter { $0.name != "//" }.map { entry in
            HCLBody.Item.attribute(HCLAttribute(name: entry.name, nameRange: entry.key.range, value: expression(entry.value),
                                                range: entry.key.range.union(entry.value.range)))
        }
        return HCLBody(items: items, range: node.range)
    }

    static func expression(_ node: DataNode) -> HCLExpression {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .bool(let flag): return HCLExpression(.bool(flag), range: node.range)
            case .null: return HCLExpression(.null, range: node.range)
            case .int, .double: return HCLExpression(.number(scalar.text), range: node.range)
            case .string(let text):
                if text.contains("${") || text.contains("%{") { return HCLExpression(.invalid, range: node.range) }
                let part = HCLTemplatePart(.literal(text), range: node.range)
                return HCLExpression(.template(HCLTemplate(style: .quoted, parts: [part])), range: node.range)
            }
        case .sequence(let items):
            return HCLExpression(.tuple(items.map(expression)), range: node.range)
        case .mapping(let entries):
            let items = entries.map { entry in
                HCLObjectItem(key: HCLExpression(.template(HCLTemplate(style: .quoted, parts: [HCLTemplatePart(.literal(entry.name), range: entry.key.range)])), range: entry.key.range),
                              value: expression(entry.value), range: entry.key.range.union(entry.value.range))
            }
            return HCLExpression(.object(items), range: node.range)
        }
    }

    /// A `.tfvars.json` file as the attributes of a tfvars file.
    static func variables(_ file: ParsedFile) -> [HCLAttribute] {
        body(file.documents.first ?? DataNode(.mapping([]), range: .fileStart(file.source.path))).attributes
    }
}
