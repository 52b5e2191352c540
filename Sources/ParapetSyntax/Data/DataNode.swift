import ParapetCore

/// How a scalar was written. YAML styles, plus the token kinds of JSON and TOML (which type their
/// scalars in the syntax, where YAML leaves typing to the reader).
public enum ScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted = "single-quoted", doubleQuoted = "double-quoted", literal, folded
    case string, number, bool, null, datetime
}

/// A scalar's value as a reader types it.
public enum ScalarValue: Hashable, Sendable {
    case string(String), int(Int), double(Double), bool(Bool), null
}

/// A scalar: its decoded text, how it was written, and its explicit tag if any.
public struct Scalar: Hashable, Sendable {
    public var text: String
    public var style: ScalarStyle
    public var tag: String?

    public init(_ text: String, style: ScalarStyle, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// The typed value, resolved on demand. Plain YAML scalars follow YAML 1.1 as Kubernetes reads
    /// them (`yes`, `on`, `off` are booleans); quoted and block scalars are strings.
    public var value: ScalarValue {
        switch style {
        case .singleQuoted, .doubleQuoted, .literal, .folded, .string, .datetime:
            return .string(text)
        case .null: return .null
        case .bool: return .bool(text == "true")
        case .number: return Self.number(text) ?? .string(text)
        case .plain:
            if let tag { return Self.tagged(text, tag) }
            return Self.yaml11(text)
        }
    }

    /// The text when the scalar is a string, or its canonical spelling for other scalars.
    public var string: String? {
        switch value {
        case .string(let s): return s
        case .null: return nil
        default: return text
        }
    }

    static func tagged(_ text: String, _ tag: String) -> ScalarValue {
        switch tag {
        case "tag:yaml.org,2002:str", "!!str": return .string(text)
        case "tag:yaml.org,2002:int", "!!int": return number(text) ?? .string(text)
        case "tag:yaml.org,2002:float", "!!float": return number(text).map { if case .int(let i) = $0 { .double(Double(i)) } else { $0 } } ?? .string(text)
        case "tag:yaml.org,2002:bool", "!!bool": return yaml11(text)
        case "tag:yaml.org,2002:null", "!!null": return .null
        default: return yaml11(text)
        }
    }

    static func yaml11(_ text: String) -> ScalarValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39) else { return .string(text) }
        return number(text) ?? .string(text)
    }

    static func number(_ text: String) -> ScalarValue? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        if let int = Int(cleaned) { return .int(int) }
        if cleaned.hasPrefix("0x") || cleaned.hasPrefix("0X"), let int = Int(cleaned.dropFirst(2), radix: 16) { return .int(int) }
        if cleaned.hasPrefix("0o"), let int = Int(cleaned.dropFirst(2), radix: 8) { return .int(int) }
        switch cleaned {
        case ".inf", ".Inf", ".INF", "+.inf", "inf", "+inf": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF", "-inf": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN", "nan": return .double(.nan)
        default: break
        }
        // Only decimal forms: "1e3", "1.5"; reject things Double() accepts that YAML does not.
        guard cleaned.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }), let double = Double(cleaned) else { return nil }
        return .double(double)
    }
}

/// A node of a data document (YAML, JSON, JSONC, TOML, front matter): one tree shape for all of
/// them, every node and every key with its source range.
public struct DataNode: Sendable {
    public indirect enum Content: Sendable {
        case scalar(Scalar)
        case sequence([DataNode])
        case mapping([DataEntry])
    }

    public var content: Content
    public var range: SourceRange

    public init(_ content: Content, range: SourceRange) {
        self.content = content
        self.range = range
    }

    public var scalar: Scalar? { if case .scalar(let s) = content { s } else { nil } }
    public var sequence: [DataNode]? { if case .sequence(let items) = content { items } else { nil } }
    public var entries: [DataEntry]? { if case .mapping(let entries) = content { entries } else { nil } }
    public var isMapping: Bool { entries != nil }

    /// The string of a scalar node (nil for null, sequences and mappings).
    public var string: String? { scalar?.string }

    /// The value of the last entry whose key is `key` (later keys win, as in most readers).
    public subscript(key: String) -> DataNode? { entry(key)?.value }

    public func entry(_ key: String) -> DataEntry? {
        entries?.last(where: { $0.key.scalar?.text == key })
    }

    /// Follows a path of keys (strings) and indices (ints).
    public func at(_ path: [DataPathComponent]) -> DataNode? {
        var node: DataNode? = self
        for component in path {
            switch component {
            case .key(let key): node = node?[key]
            case .index(let i): node = node?.sequence.flatMap { i < $0.count ? $0[i] : nil }
            }
        }
        return node
    }
}

public enum DataPathComponent: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String), index(Int)
    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}

/// A mapping entry; the key keeps its own range.
public struct DataEntry: Sendable {
    public var key: DataNode
    public var value: DataNode

    public init(key: DataNode, value: DataNode) {
        self.key = key
        self.value = value
    }

    /// The key's text when it is a scalar.
    public var name: String { key.scalar?.text ?? "" }
}

/// A comment kept for suppressions: its text without the comment marker, and its range.
public struct Comment: Hashable, Sendable {
    public var text: String
    public var range: SourceRange

    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}
