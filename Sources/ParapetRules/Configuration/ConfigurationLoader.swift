import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// Reads `.parapet.yaml`. Errors never stop the scan: each becomes a `PAR005` finding with the
/// position of the offending key or value and, where there is one, the closest valid spelling.
public enum ConfigurationLoader {
    public static let fileNames = [".parapet.yaml", ".parapet.yml"]

    /// The configuration file to use: the explicit one, else the first found in the working
    /// directory or the first scanned directory.
    public static func locate(explicit: String?, workingDirectory: String, roots: [String]) -> String? {
        if let explicit { return explicit }
        var candidates = [workingDirectory]
        if let root = roots.first {
            let absolute = root.hasPrefix("/") ? root : workingDirectory + "/" + root
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue { candidates.append(absolute) }
        }
        for directory in candidates {
            for name in fileNames where FileManager.default.fileExists(atPath: directory + "/" + name) {
                return directory + "/" + name
            }
        }
        return nil
    }

    public static func load(path: String, displayPath: String) -> (Configuration, [Finding]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (Configuration(), [error("Configuration file cannot be read", .fileStart(displayPath))])
        }
        var (configuration, findings) = parse(SourceFile(path: displayPath, bytes: [UInt8](data)))
        configuration.directory = (path as NSString).deletingLastPathComponent
        return (configuration, findings)
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
            case "select": configuration.select = ruleList(value, &findings)
            case "ignore": configuration.ignore = ruleList(value, &findings)
            case "include": configuration.include = stringList(value, &findings)
            case "exclude": configuration.exclude = stringList(value, &findings)
            case "rules-dirs": configuration.rulesDirs = stringList(value, &findings)
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
                    configuration.perPathIgnores.append((item.name, ruleList(item.value, &findings)))
                }
            case "rules":
                for item in mapping(value, key, &findings) where checkRule(item.key, &findings) {
                    let code = RuleCatalog.find(item.name)?.code ?? item.name
                    configuration.ruleOptions[code] = Value(item.value)
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

    static func stringList(_ node: DataNode, _ findings: inout [Finding]) -> [String] {
        if let single = node.string { return [single] }
        guard let items = node.sequence else {
            findings.append(error("Expected a list of strings", node.range))
            return []
        }
        return items.compactMap { item in
            if let s = item.string { return s }
            findings.append(error("Expected a string", item.range))
            return nil
        }
    }

    static func ruleList(_ node: DataNode, _ findings: inout [Finding]) -> [String] {
        let items: [DataNode] = node.sequence ?? (node.scalar != nil ? [node] : [])
        if node.entries != nil { findings.append(error("Expected a list of rule codes, families or names", node.range)) }
        return items.compactMap { item in checkRule(item, &findings) ? item.string : nil }
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
}
