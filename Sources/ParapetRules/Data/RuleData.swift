import ParapetCore
import ParapetSyntax

/// Knowledge rules consult, read from the YAML files in `rules/` (embedded in the binary), so that
/// updating it needs no Swift.
public struct RuleData: Sendable {
    public struct StatefulType: Sendable {
        public var type: String
        /// The attribute that turns deletion protection on, and whether an absent one protects.
        public var deletionProtection: (attribute: String, defaultOn: Bool)?
        /// The attribute that skips the final snapshot when true.
        public var skipFinalSnapshot: String?
    }

    public var statefulTypes: [String: StatefulType] = [:]
    /// Problems in the data files themselves (a broken embedded file is a programmer error that
    /// a test catches; a project's own data files report them as PAR005).
    public var problems: [String] = []

    public static let builtIn: RuleData = RuleData(files: EmbeddedRuleFiles.files)

    public init(files: [(path: String, contents: String)]) {
        for file in files {
            let result = YAMLParser.parse(SourceFile(path: file.path, text: file.contents))
            problems += result.diagnostics.map { "\(file.path):\($0.range.start.line): \($0.message)" }
            guard let root = result.documents.first else { continue }
            if let types = root["stateful-types"]?.sequence { readStatefulTypes(types) }
        }
    }

    mutating func readStatefulTypes(_ entries: [DataNode]) {
        for entry in entries {
            guard let type = entry["type"]?.string else { continue }
            var stateful = StatefulType(type: type)
            if let protection = entry["deletion-protection"], let attribute = protection["attribute"]?.string {
                stateful.deletionProtection = (attribute, protection["default"]?.scalar?.value == .bool(true))
            }
            stateful.skipFinalSnapshot = entry["final-snapshot"]?["attribute"]?.string
            statefulTypes[type] = stateful
        }
    }
}
