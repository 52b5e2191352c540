import ParapetCore

/// A stable, line-per-node text dump of data trees, for snapshot tests and `parapet parse`.
public enum DataDump {
    public static func render(_ documents: [DataNode]) -> String {
        var out = ""
        for (index, document) in documents.enumerated() {
            out += "document \(index) \(span(document.range))\n"
            write(document, indent: 1, into: &out)
        }
        return out
    }

    static func span(_ range: SourceRange) -> String {
        "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
    }

    static func write(_ node: DataNode, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch node.content {
        case .scalar(let scalar):
            let tag = scalar.tag.map { " tag=\($0)" } ?? ""
            out += "\(pad)scalar \(span(node.range)) \(scalar.style.rawValue)\(tag) \(describe(scalar.value))\n"
        case .sequence(let items):
            out += "\(pad)sequence \(span(node.range)) [\(items.count)]\n"
            for item in items { write(item, indent: indent + 1, into: &out) }
        case .mapping(let entries):
            out += "\(pad)mapping \(span(node.range)) {\(entries.count)}\n"
            for entry in entries {
                if let key = entry.key.scalar {
                    out += "\(pad)  key \(span(entry.key.range)) \(quote(key.text))\n"
                } else {
                    out += "\(pad)  complex-key\n"
                    write(entry.key, indent: indent + 2, into: &out)
                }
                write(entry.value, indent: indent + 2, into: &out)
            }
        }
    }

    static func describe(_ value: ScalarValue) -> String {
        switch value {
        case .string(let s): "string \(quote(s))"
        case .int(let i): "int \(i)"
        case .double(let d): "double \(d)"
        case .bool(let b): "bool \(b)"
        case .null: "null"
        }
    }

    /// A JSON-style quoted string with control characters escaped.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
