import ParapetCore
import ParapetSyntax

/// Knowledge rules consult, read from the YAML files in `rules/` (embedded in the binary), so that
/// updating it needs no Swift. The model registry has its own reader, `ModelRegistry`.
public struct RuleData: Sendable {
    public struct StatefulType: Sendable {
        public var type: String
        public var deletionProtection: DeletionProtection?
        /// The attribute that skips the final snapshot when true.
        public var skipFinalSnapshot: String?
        /// The attribute that, when true, lets destroy delete the contents too (`force_destroy`).
        public var forceDestroy: String?
    }

    /// How a resource type turns deletion protection on.
    public struct DeletionProtection: Sendable {
        public var attribute: String
        /// Whether an absent attribute protects (the provider's default).
        public var protectedByDefault: Bool
        /// The value that means on, for attributes that are not booleans (`ACTIVE`); nil: `true`.
        public var enabledValue: String?
    }

    /// A Terraform attribute that names a model, and the model-registry provider that reads it.
    public struct ModelAttribute: Sendable {
        public var type: String
        /// Dotted path through nested blocks: `variant.model_id`.
        public var path: String
        public var provider: String
    }

    public var statefulTypes: [String: StatefulType] = [:]
    /// Model-naming attributes by resource type.
    public var modelAttributes: [String: [ModelAttribute]] = [:]
    /// Problems in the data files themselves (a broken embedded file is a programmer error that
    /// a test catches; a project's own data files report them as PAR005).
    public var problems: [String] = []

    public static let builtIn: RuleData = RuleData(files: EmbeddedRuleFiles.files)

    public init(files: [(path: String, contents: String)]) {
        for file in files {
            let result = YAMLParser.parse(SourceFile(path: file.path, text: file.contents))
            problems += result.diagnostics.map { "\(file.path):\($0.range.start.line): \($0.message)" }
            guard let root = result.documents.first else { continue }
            if let types = root["stateful-types"]?.sequence { readStatefulTypes(types, path: file.path) }
            if let attributes = root["model-attributes"]?.sequence { readModelAttributes(attributes, path: file.path) }
        }
    }

    mutating func readStatefulTypes(_ entries: [DataNode], path: String) {
        for entry in entries {
            guard let type = entry["type"]?.string else {
                problems.append("\(path):\(entry.range.start.line): a stateful type needs `type`")
                continue
            }
            var stateful = StatefulType(type: type)
            if let protection = entry["deletion-protection"], let attribute = protection["attribute"]?.string {
                stateful.deletionProtection = DeletionProtection(
                    attribute: attribute, protectedByDefault: protection["default"]?.scalar?.value == .bool(true),
                    enabledValue: protection["enabled-value"]?.string)
            }
            stateful.skipFinalSnapshot = entry["final-snapshot"]?["attribute"]?.string
            stateful.forceDestroy = entry["force-destroy"]?["attribute"]?.string
            statefulTypes[type] = stateful
        }
    }

    mutating func readModelAttributes(_ entries: [DataNode], path: String) {
        for entry in entries {
            guard let type = entry["type"]?.string, let attribute = entry["attribute"]?.string,
                  let provider = entry["provider"]?.string else {
                problems.append("\(path):\(entry.range.start.line): a model attribute needs `type`, `attribute` and `provider`")
                continue
            }
            modelAttributes[type, default: []].append(ModelAttribute(type: type, path: attribute, provider: provider))
        }
    }
}
