import Foundation
import ParapetCore
import ParapetSyntax

/// Reading helpers shared by the framework adapters. Every helper keeps the range of the node
/// that said the value, so that a finding points at it.
enum Manifest {
    /// A scalar's text with its range; nil for null, sequences and mappings.
    static func text(_ node: DataNode?) -> (value: String, range: SourceRange)? {
        guard let node, let value = node.string else { return nil }
        return (value, node.range)
    }

    /// A scalar's text as written (numbers and booleans included), for caps "as written".
    static func raw(_ node: DataNode?) -> String? {
        guard let scalar = node?.scalar, scalar.value != .null else { return nil }
        return scalar.text
    }

    /// A boolean as the frameworks' readers take it (`BooleanSpelling.loose`).
    static func bool(_ node: DataNode?) -> Bool? { ClientData.bool(node, .loose) }

    /// The strings of a sequence, each with its range; a lone scalar counts as a one-item list.
    static func strings(_ node: DataNode?) -> [(value: String, range: SourceRange)] {
        guard let node else { return [] }
        if let items = node.sequence { return items.compactMap(text) }
        return text(node).map { [$0] } ?? []
    }

    /// True when the text is resolved elsewhere: `${VAR}`, `{{ var }}`, `$(cmd)`, and crewAI's
    /// `{placeholder}` (single braces, filled from the crew's inputs).
    static func isInterpolated(_ text: String) -> Bool {
        if Interpolation.contains(text) { return true }
        guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}") else { return false }
        return open < close
    }

    /// `openai/gpt-4o` → (`openai`, `gpt-4o`): the LiteLLM / GitHub Models / cagent inline form.
    /// A reference with no slash has no provider.
    static func splitProvider(_ id: String) -> (provider: String?, id: String) {
        guard let slash = id.firstIndex(of: "/"), slash != id.startIndex, id.index(after: slash) != id.endIndex else {
            return (nil, id)
        }
        return (String(id[..<slash]), String(id[id.index(after: slash)...]))
    }

    /// A model reference from a scalar node; nil when the node is not a non-empty string.
    static func model(_ node: DataNode?, provider: String? = nil, role: String = "main", splitsProvider: Bool = false) -> ModelReference? {
        guard let (value, range) = text(node) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        var provider = provider
        var id = trimmed
        if splitsProvider && provider == nil && !isInterpolated(trimmed) {
            (provider, id) = splitProvider(trimmed)
        }
        return ModelReference(provider: provider, id: id, role: role, range: range, isInterpolated: isInterpolated(trimmed))
    }

    /// A cap from a scalar node, when one is written (null is "no cap written").
    static func cap(_ kind: BudgetCap.Kind, _ node: DataNode?, setting: String, unlimited: (Double) -> Bool = { _ in false }) -> BudgetCap? {
        guard let node, let written = raw(node) else { return nil }
        let number = Double(written.replacingOccurrences(of: "_", with: ""))
        return BudgetCap(kind: kind, value: written, setting: setting, range: node.range, isUnlimited: number.map(unlimited) ?? false)
    }

    /// A stdio server from `command` and `args` nodes.
    static func stdioServer(name: String, command: DataNode?, args: DataNode?, range: SourceRange, disabled: Bool = false) -> ToolServer? {
        guard let (launcher, commandRange) = text(command) else { return nil }
        let arguments = strings(args)
        return ToolServer(name: name, transport: .stdio, command: launcher, arguments: arguments.map(\.value),
                          commandRange: commandRange, argumentRanges: arguments.map(\.range), range: range, disabled: disabled)
    }

    /// A remote server from a URL node.
    static func remoteServer(name: String, url: DataNode?, transport: ToolServer.Transport, range: SourceRange, disabled: Bool = false) -> ToolServer? {
        guard let (address, urlRange) = text(url) else { return nil }
        return ToolServer(name: name, transport: transport, url: address, urlRange: urlRange, range: range, disabled: disabled)
    }

    /// The file name without its directory and (last) extension: the name of a file-wide agent.
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// The range of a mapping entry from its key to the end of its value.
    static func span(_ entry: DataEntry) -> SourceRange {
        entry.key.range.union(entry.value.range)
    }

    /// `.present` of a non-empty list, otherwise `.absent`: for facets that list what the
    /// manifest wrote, where writing nothing is the format's way of saying "none".
    static func listed<E>(_ items: [E]) -> Facet<[E]> {
        items.isEmpty ? .absent : .present(items)
    }

    /// The first document that is a mapping.
    static func root(_ file: ParsedFile) -> DataNode? {
        file.documents.first(where: \.isMapping)
    }
}
