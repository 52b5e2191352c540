import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// Reads declarative rule files. Mistakes are reported with their position and never stop the
/// other rules from loading.
public struct DeclarativeRuleLoader: Sendable {
    public private(set) var rules: [any RuleCheck] = []
    public private(set) var problems: [Finding] = []

    /// The declarative rules shipped in `rules/` (files with a `code:` at the top).
    public static let builtIn: DeclarativeRuleLoader = {
        var loader = DeclarativeRuleLoader()
        for file in EmbeddedRuleFiles.files where file.path.hasPrefix("rules/") && !file.path.hasPrefix("rules/data/") && !file.path.hasPrefix("rules/agents/") {
            loader.load(SourceFile(path: file.path, text: file.contents))
        }
        return loader
    }()

    public init() {}

    /// Loads every `.yaml` / `.yml` file of a directory (not recursive), sorted by name.
    public mutating func load(directory: String, displayPrefix: String) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        if names.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            problems.append(error("Rules directory `\(displayPrefix)` does not exist", .fileStart(displayPrefix)))
        }
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
            load(SourceFile(path: displayPrefix + "/" + name, bytes: [UInt8](data)))
        }
    }

    public mutating func load(_ source: SourceFile) {
        let result = YAMLParser.parse(source)
        for diagnostic in result.diagnostics { problems.append(error("Rule file does not parse: \(diagnostic.message)", diagnostic.range)) }
        guard let root = result.documents.first, root.isMapping else { return }
        var reader = Reader(file: source.path)
        if let rule = reader.rule(root) { rules.append(rule) }
        problems += reader.problems
    }

    func error(_ message: String, _ range: SourceRange) -> Finding {
        Finding(code: MetaRules.configError.code, severity: MetaRules.configError.defaultSeverity, message: message, range: range)
    }
}

/// Turns one YAML rule into a `DeclarativeRule`, collecting problems with positions.
private struct Reader {
    let file: String
    var problems: [Finding] = []

    static let keys = ["code", "name", "family", "severity", "summary", "rationale", "remediation", "tags", "match", "message", "at", "examples"]

    mutating func rule(_ root: DataNode) -> DeclarativeRule? {
        for entry in root.entries ?? [] where !Self.keys.contains(entry.name) {
            let hint = EditDistance.closest(to: entry.name, among: Self.keys).map { "; did you mean `\($0)`?" } ?? ""
            problem("Unknown key `\(entry.name)` in rule file\(hint)", entry.key.range)
        }
        guard let code = required(root, "code"), let name = required(root, "name"), let summary = required(root, "summary"),
              let rationale = required(root, "rationale"), let remediation = required(root, "remediation"),
              let message = required(root, "message"), let match = root["match"] else {
            if root["match"] == nil { problem("Rule file needs a `match` section", root.range) }
            return nil
        }
        guard let family = root["family"]?.string.flatMap(RuleFamily.init(rawValue:)) ?? RuleFamily(prefix: String(code.prefix(while: \.isLetter))) else {
            problem("Unknown family; use telemetry, egress, budget, gate or pinning", root["family"]?.range ?? root.range)
            return nil
        }
        guard code.hasPrefix(family.prefix) else {
            problem("Code `\(code)` does not start with the family prefix `\(family.prefix)`", root["code"]?.range ?? root.range)
            return nil
        }
        let severity = root["severity"]?.string.flatMap(Severity.init(rawValue:)) ?? .warning
        guard let kindName = match["kind"]?.string, let kind = NodeKind(rawValue: kindName) else {
            let known = NodeKind.allCases.map(\.rawValue)
            let hint = match["kind"]?.string.flatMap { EditDistance.closest(to: $0, among: known) }.map { "; did you mean `\($0)`?" } ?? ""
            problem("`match.kind` must be a node kind (\(known.prefix(6).joined(separator: ", ")), …)\(hint)", match["kind"]?.range ?? match.range)
            return nil
        }
        let types = match["type"].map { $0.sequence?.compactMap(\.string) ?? [$0.string].compactMap { $0 } } ?? []
        guard let whereNode = match["where"], let predicate = predicate(whereNode) else {
            if match["where"] == nil { problem("`match` needs a `where` predicate", match.range) }
            return nil
        }
        let examples = (root["examples"]?.sequence ?? []).compactMap(example)
        let metadata = RuleMetadata(code: code, name: name, family: family, defaultSeverity: severity, summary: summary,
                                    rationale: rationale.trimmingCharacters(in: .whitespacesAndNewlines), remediation: remediation,
                                    tags: root["tags"]?.sequence?.compactMap(\.string) ?? [], examples: examples)
        return DeclarativeRule(metadata: metadata, kind: kind, types: types, predicate: predicate, message: message,
                               at: root["at"].map { $0.sequence?.compactMap(\.string) ?? [$0.string].compactMap { $0 } } ?? [])
    }

    mutating func required(_ node: DataNode, _ key: String) -> String? {
        if let value = node[key]?.string, !value.isEmpty { return value }
        problem("Rule file needs `\(key)`", node[key]?.range ?? node.range)
        return nil
    }

    mutating func predicate(_ node: DataNode) -> Predicate? {
        for (key, combine) in [("all", Predicate.all), ("any", Predicate.any)] {
            guard let parts = node[key]?.sequence else { continue }
            let read = parts.compactMap { predicate($0) }
            return read.count == parts.count ? combine(read) : nil
        }
        if let inner = node["not"] { return predicate(inner).map(Predicate.not) }
        if let connected = node["connected"] {
            guard let written = connected["label"]?.string, let label = EdgeLabel(rawValue: written) else {
                let known = EdgeLabel.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                problem("`connected` needs a `label`, one of \(known)", connected["label"]?.range ?? connected.range)
                return nil
            }
            return .connected(label: label, incoming: connected["direction"]?.string == "in",
                              kind: connected["kind"]?.string.flatMap(NodeKind.init(rawValue:)), type: connected["type"]?.string)
        }
        guard let path = node["path"]?.string else {
            problem("A predicate needs `path`, `all`, `any`, `not` or `connected`", node.range)
            return nil
        }
        if let value = node["equals"]?.scalar?.text { return .path(path, .equals(value)) }
        if let values = node["in"]?.sequence { return .path(path, .oneOf(values.compactMap { $0.scalar?.text })) }
        if let pattern = node["matches"]?.string {
            guard let regex = try? NSRegularExpressionBox(pattern) else {
                problem("`matches` is not a valid regular expression", node["matches"]?.range ?? node.range)
                return nil
            }
            return .path(path, .matches(Predicate.Regex(pattern: pattern, expression: regex)))
        }
        if node["exists"]?.scalar?.value == .bool(true) || node["absent"]?.scalar?.value == .bool(false) { return .path(path, .exists) }
        if node["absent"]?.scalar?.value == .bool(true) || node["exists"]?.scalar?.value == .bool(false) { return .path(path, .absent) }
        problem("A `path` predicate needs `equals`, `in`, `matches`, `exists` or `absent`", node.range)
        return nil
    }

    func example(_ node: DataNode) -> RuleExample? {
        guard let file = node["file"]?.string else { return nil }
        if let source = node["triggering"]?.string { return .triggering(source.hasSuffix("\n") ? String(source.dropLast()) : source, fileName: file) }
        if let source = node["passing"]?.string { return .passing(source.hasSuffix("\n") ? String(source.dropLast()) : source, fileName: file) }
        return nil
    }

    mutating func problem(_ message: String, _ range: SourceRange) {
        problems.append(Finding(code: MetaRules.configError.code, severity: MetaRules.configError.defaultSeverity, message: message, range: range))
    }
}
