import ParapetCore

/// The parts of a `terraform show -json` plan that rules read: what each resource change does.
/// Built from the JSON tree (`JSONParser`), so every change keeps its range in the plan file.
/// Odd or partial plans never fail: what cannot be read is left out (entries without an
/// `address`) or left empty (missing `change`, `actions`).
public struct TerraformPlan: Sendable {
    /// `format_version`, e.g. "1.2".
    public var formatVersion: String?
    /// `terraform_version`, e.g. "1.9.5".
    public var terraformVersion: String?
    public var resourceChanges: [ResourceChange]

    public init(formatVersion: String? = nil, terraformVersion: String? = nil, resourceChanges: [ResourceChange] = []) {
        self.formatVersion = formatVersion
        self.terraformVersion = terraformVersion
        self.resourceChanges = resourceChanges
    }

    /// Reads the plan document (the root object of the JSON file).
    public init(document: DataNode) {
        self.formatVersion = ResourceChange.text(document["format_version"])
        self.terraformVersion = ResourceChange.text(document["terraform_version"])
        self.resourceChanges = (document["resource_changes"]?.sequence ?? []).compactMap(ResourceChange.init(entry:))
    }

    /// Reads the first document of a parsed plan file; nil when the file had no document.
    public init?(_ result: DataParseResult) {
        guard let document = result.documents.first, document.isMapping else { return nil }
        self.init(document: document)
    }
}

/// One element of `resource_changes`.
public struct ResourceChange: Sendable {
    public enum Mode: String, Sendable, Hashable {
        case managed, data
    }

    /// `module.db.aws_db_instance.main[0]`.
    public var address: String
    /// `module.db`; nil in the root module.
    public var moduleAddress: String?
    public var mode: Mode
    /// `aws_db_instance`.
    public var type: String
    /// `main`.
    public var name: String
    /// `count` or `for_each` key (a number or a string node); nil when the resource has neither.
    public var index: DataNode?
    /// `change.actions` in plan order: `["create"]`, `["delete", "create"]` (replace,
    /// destroy first), `["create", "delete"]` (replace, create first), `["update"]`, `["no-op"]`,
    /// `["read"]`, `["delete"]`.
    public var actions: [String]
    /// `action_reason`, e.g. `replace_because_cannot_update`.
    public var actionReason: String?
    /// `change.before` / `change.after`: the object's attributes; nil where the plan has `null`
    /// (nothing before a create, nothing after a delete) or omits them.
    public var before: DataNode?
    public var after: DataNode?
    /// `change.after_unknown`: attributes known only after apply (`true` leaves).
    public var afterUnknown: DataNode?
    /// The whole entry in the plan file.
    public var range: SourceRange
    /// The `actions` array, or the entry when it has none: where a finding about the action points.
    public var actionsRange: SourceRange

    public init(address: String, moduleAddress: String? = nil, mode: Mode = .managed, type: String, name: String,
                index: DataNode? = nil, actions: [String], actionReason: String? = nil, before: DataNode? = nil,
                after: DataNode? = nil, afterUnknown: DataNode? = nil, range: SourceRange, actionsRange: SourceRange) {
        self.address = address
        self.moduleAddress = moduleAddress
        self.mode = mode
        self.type = type
        self.name = name
        self.index = index
        self.actions = actions
        self.actionReason = actionReason
        self.before = before
        self.after = after
        self.afterUnknown = afterUnknown
        self.range = range
        self.actionsRange = actionsRange
    }

    /// Reads one `resource_changes` element; nil when it is not an object with an address.
    init?(entry: DataNode) {
        guard entry.isMapping, let address = Self.text(entry["address"]), !address.isEmpty else { return nil }
        let change = entry["change"].flatMap { $0.isMapping ? $0 : nil }
        let actionsNode = change?["actions"]
        self.init(
            address: address,
            moduleAddress: Self.text(entry["module_address"]),
            mode: Self.text(entry["mode"]) == "data" ? .data : .managed,
            type: Self.text(entry["type"]) ?? "",
            name: Self.text(entry["name"]) ?? "",
            index: Self.present(entry["index"]),
            actions: actionsNode?.sequence?.compactMap { Self.text($0) } ?? [],
            actionReason: Self.text(entry["action_reason"]),
            before: Self.present(change?["before"]),
            after: Self.present(change?["after"]),
            afterUnknown: Self.present(change?["after_unknown"]),
            range: entry.range,
            actionsRange: actionsNode?.range ?? change?.range ?? entry.range)
    }

    /// The text of a string node; nil for anything else (a number where a name belongs is noise).
    static func text(_ node: DataNode?) -> String? {
        if case .string(let text) = node?.scalar?.value { text } else { nil }
    }

    /// A node unless it is JSON `null`.
    private static func present(_ node: DataNode?) -> DataNode? {
        guard let node else { return nil }
        if case .null = node.scalar?.value { return nil }
        return node
    }

    public var isCreate: Bool { actions.contains("create") }
    public var isDelete: Bool { actions.contains("delete") }
    /// Destroyed and created again: `["delete", "create"]` or `["create", "delete"]`.
    public var isReplace: Bool { isDelete && isCreate }
    /// Deleted for good, not replaced.
    public var isDestroy: Bool { isDelete && !isCreate }
    public var isUpdate: Bool { actions.contains("update") }
}
