import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// Reads `.parapet.yaml`. Errors never stop the scan: each becomes a `PAR005` finding with the
/// position of the offending key or value and, where there is one, the closest valid spelling.
public enum ConfigurationLoader {
    public static let fileNames = [".parapet.yaml", ".parapet.yml"]

    /// The configuration file to use: the explicit one, else the nearest `.parapet.yaml` in the
    /// first scanned path's directory or any parent, up to `ceiling` (default: the file system root).
    public static func locate(explicit: String?, workingDirectory: String, roots: [String], ceiling: String? = nil) -> String? {
        if let explicit { return Discovery.absolute(explicit, in: workingDirectory) }
        var directory = Discovery.absolute(roots.first ?? ".", in: workingDirectory)
        if !isDirectory(directory) { directory = parent(of: directory) }
        let stop = ceiling.map { Discovery.absolute($0, in: workingDirectory) }
        while true {
            for name in fileNames {
                let candidate = directory == "/" ? "/" + name : directory + "/" + name
                if FileManager.default.fileExists(atPath: candidate) && !isDirectory(candidate) { return candidate }
            }
            if directory == "/" || directory == stop { return nil }
            directory = parent(of: directory)
        }
    }

    /// The configuration for a scan: the located file (or the defaults) with the command line's
    /// `--select` (replaces `select`) and `--ignore` (adds to `ignore`) applied. Problems in the
    /// file are `PAR005` findings.
    public static func resolve(_ options: ScanOptions) -> (configuration: Configuration, findings: [Finding]) {
        var configuration = Configuration()
        var findings: [Finding] = []
        if let path = locate(explicit: options.configPath, workingDirectory: options.workingDirectory, roots: options.roots,
                             ceiling: options.configSearchCeiling) {
            let display = Discovery(workingDirectory: options.workingDirectory).display(path)
            (configuration, findings) = load(path: path, displayPath: display)
        }
        configuration.workingDirectory = Discovery.absolute(options.workingDirectory, in: "/")
        if !options.only.isEmpty { configuration.select = options.only }
        configuration.ignore += options.ignore
        return (configuration, findings)
    }

    /// Reads and checks the file at an absolute path; `displayPath` is what findings show.
    public static func load(path: String, displayPath: String) -> (Configuration, [Finding]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (Configuration(), [error("Configuration file `\(displayPath)` cannot be read", .fileStart(displayPath))])
        }
        var (configuration, findings) = parse(SourceFile(path: displayPath, bytes: [UInt8](data)))
        configuration.directory = parent(of: path)
        return (configuration, findings)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    public static func parse(_ source: SourceFile) -> (Configuration, [Finding]) {
        var configuration = Configuration()
        var findings: [Finding] = []
        let result = YAMLParser.parse(source)
        for diagnostic in result.diagnostics { findings.append(error("Configuration does not parse: \(diagnostic.message)", diagnostic.range)) }
        guard let root = result.documents.first, !(root.scalar?.value == .null) else { return (configuration, findings) }
        guard let entries = root.entries else {
            findings.append(error("Configuration must be a mapping of settings", root.range))
            return (configuration, findings)
        }
        for entry in entries {
            let key = entry.name, value = entry.value
            switch key {
            case "select": configuration.select = ruleList(value, key, &findings)
            case "ignore": configuration.ignore = ruleList(value, key, &findings)
            case "include": configuration.include = stringList(value, key, &findings)
            case "exclude": configuration.exclude = stringList(value, key, &findings)
            case "rules-dirs": configuration.rulesDirs = stringList(value, key, &findings)
            case "require-suppression-reason":
                if case .bool(let flag)? = value.scalar?.value { configuration.requireSuppressionReason = flag }
                else { findings.append(error("`require-suppression-reason` must be true or false", value.range)) }
            case "severity":
                for item in mapping(value, key, &findings) {
                    guard let level = item.value.string.flatMap(Severity.init(rawValue:)) else {
                        findings.append(error("Severity must be error, warning or note", item.value.range))
                        continue
                    }
                    if checkRule(item.key, &findings) { configuration.severity[RuleCatalog.find(item.name)?.code ?? item.name.uppercased()] = level }
                }
            case "per-path-ignores":
                for item in mapping(value, key, &findings) {
                    configuration.perPathIgnores.append((item.name, ruleList(item.value, "per-path-ignores.\(item.name)", &findings)))
                }
            case "rules":
                for item in mapping(value, key, &findings) {
                    guard let rule = singleRule(item.key, &findings) else { continue }
                    configuration.ruleOptions[rule.code] = ruleOptions(item.value, of: rule, &findings)
                }
            default:
                let hint = EditDistance.closest(to: key, among: Configuration.keys).map { "; did you mean `\($0)`?" } ?? ""
                findings.append(error("Unknown configuration key `\(key)`\(hint)", entry.key.range))
            }
        }
        return (configuration, findings)
    }

    static func error(_ message: String, _ range: SourceRange) -> Finding {
        Finding(code: MetaRules.configError.code, severity: MetaRules.configError.defaultSeverity, message: message, range: range)
    }

    static func mapping(_ node: DataNode, _ key: String, _ findings: inout [Finding]) -> [DataEntry] {
        guard let entries = node.entries else {
            findings.append(error("`\(key)` must be a mapping", node.range))
            return []
        }
        return entries
    }

    static func stringList(_ node: DataNode, _ key: String, _ findings: inout [Finding]) -> [String] {
        guard let items = list(node, key, &findings) else { return [] }
        return items.compactMap { item in
            if let s = item.string { return s }
            findings.append(error("Expected a string in `\(key)`", item.range))
            return nil
        }
    }

    static func ruleList(_ node: DataNode, _ key: String, _ findings: inout [Finding]) -> [String] {
        guard let items = list(node, key, &findings) else { return [] }
        return items.compactMap { item in checkRule(item, &findings) ? item.string : nil }
    }

    /// The items of a sequence. A single value is an error, not a list of one: `exclude: vendor`
    /// is most often a list written wrong, and reading it silently hides the mistake.
    static func list(_ node: DataNode, _ key: String, _ findings: inout [Finding]) -> [DataNode]? {
        if let items = node.sequence { return items }
        if let scalar = node.scalar, scalar.value != .null {
            findings.append(error("`\(key)` must be a list; write `[\(scalar.text)]`", node.range))
        } else if node.scalar == nil {
            findings.append(error("`\(key)` must be a list", node.range))
        }
        return nil
    }

    /// Reports an unknown rule selector with the closest known code or name.
    static func checkRule(_ node: DataNode, _ findings: inout [Finding]) -> Bool {
        guard let text = node.string else {
            findings.append(error("Expected a rule code, family or name", node.range))
            return false
        }
        if Configuration.isKnownSelector(text) { return true }
        let hint = RuleCatalog.suggestion(for: text).map { "; did you mean `\($0)`?" } ?? ""
        findings.append(error("Unknown rule `\(text)`\(hint)", node.range))
        return false
    }

    /// A key of `rules:`: one rule by code or name (a family has no options of its own).
    static func singleRule(_ node: DataNode, _ findings: inout [Finding]) -> RuleMetadata? {
        guard checkRule(node, &findings), let text = node.string else { return nil }
        if let rule = RuleCatalog.find(text) { return rule }
        findings.append(error("`rules` takes one rule code or name, not `\(text)`", node.range))
        return nil
    }

    /// Checks a rule's options against what its metadata declares: names, then types.
    static func ruleOptions(_ node: DataNode, of rule: RuleMetadata, _ findings: inout [Finding]) -> [String: RuleOptionValue] {
        guard let entries = node.entries else {
            findings.append(error("`rules.\(rule.code)` must be a mapping of option names to values", node.range))
            return [:]
        }
        var values: [String: RuleOptionValue] = [:]
        for entry in entries {
            guard let option = rule.options.first(where: { $0.name == entry.name }) else {
                let names = rule.options.map(\.name)
                let hint = names.isEmpty ? "; \(rule.code) has no options"
                    : EditDistance.closest(to: entry.name, among: names).map { "; did you mean `\($0)`?" }
                        ?? "; options: " + names.map { "`\($0)`" }.joined(separator: ", ")
                findings.append(error("Unknown option `\(entry.name)` for \(rule.code)\(hint)", entry.key.range))
                continue
            }
            guard let value = optionValue(entry.value, kind: option.kind) else {
                let written = entry.value.scalar.map { "`\($0.text)`" } ?? (entry.value.sequence != nil ? "a list" : "a mapping")
                findings.append(error("Option `\(option.name)` of \(rule.code) must be \(option.kind.withArticle), not \(written)",
                                      entry.value.range))
                continue
            }
            values[option.name] = value
        }
        return values
    }

    /// A configured value of the given kind, or nil when it has another type. Strict: `"90"` is
    /// not an integer and `yes` is not a string.
    static func optionValue(_ node: DataNode, kind: RuleOptionValue.Kind) -> RuleOptionValue? {
        switch (kind, node.scalar?.value) {
        case (.integer, .int(let value)?): return .integer(value)
        case (.boolean, .bool(let value)?): return .boolean(value)
        case (.string, .string(let value)?): return .string(value)
        case (.strings, _):
            guard let items = node.sequence else { return nil }
            var strings: [String] = []
            for item in items {
                guard case .string(let value)? = item.scalar?.value else { return nil }
                strings.append(value)
            }
            return .strings(strings)
        default: return nil
        }
    }
}
