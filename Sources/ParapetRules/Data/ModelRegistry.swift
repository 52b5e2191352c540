import Foundation
import ParapetCore
import ParapetSyntax

/// Whether a model id names one fixed model.
public enum ModelPinning: Hashable, Sendable {
    /// The id names one snapshot: the same model tomorrow as today.
    case pinned
    /// The id is an alias, a preview or a reference that moves. `reason` completes the sentence
    /// "Model `<id>` …": `is an alias that moves to new snapshots`.
    case floating(reason: String)
    /// The registry does not know the id. A rule must not fire on it.
    case unknown
}

/// The provider-keyed model registry, read from `rules/data/models.yaml` (see `rules/README.md`):
/// known floating aliases, known pinned snapshots, and each provider's id patterns. It never
/// decides by the shape of an id alone: an id no entry matches is `.unknown`.
///
/// ```swift
/// let models = ModelRegistry.builtIn
/// models.classify("gpt-4o", provider: "openai")             // .floating("is an alias that moves …")
/// models.classify("claude-sonnet-4-6")                       // .pinned (provider detected from the id)
/// models.classify("sonnet", provider: "claude-code")         // .floating (a Claude Code alias)
/// models.classify("meta-llama/Llama-3.1-8B@5f0b02c7", provider: "huggingface")  // .pinned
/// ```
///
/// Providers are the registry's names (`anthropic`, `claude-code`, `bedrock`, `vertex`, `google`,
/// `openai`, `azure-openai`, `ollama`, `dmr`, `huggingface`) or a spelling the data lists for one
/// (`OpenAI`, `AzureOpenAI`, `GeminiVertexAI`, `hf`), compared lower-cased without punctuation.
/// Hugging Face revisions are joined to the repository with `@` (`org/model@<revision>`).
public struct ModelRegistry: Sendable {
    public static let builtIn = ModelRegistry(files: EmbeddedRuleFiles.files)

    /// Problems in the data (a pattern that does not compile, a group without a reason).
    public private(set) var problems: [String] = []
    private var common = Entries()
    private var providers: [String: Provider] = [:]
    /// Provider names in file order: the order in which `detect` patterns are tried.
    public private(set) var providerNames: [String] = []
    private var spellings: [String: String] = [:]

    /// Reads every file whose document has `common` or `providers`; a provider that appears again
    /// in a later file is extended, and the later file's entries are consulted first.
    public init(files: [(path: String, contents: String)]) {
        for file in files {
            let result = YAMLParser.parse(SourceFile(path: file.path, text: file.contents))
            guard let root = result.documents.first, root["providers"] != nil || root["common"] != nil else { continue }
            problems += result.diagnostics.map { "\(file.path):\($0.range.start.line): \($0.message)" }
            var reader = Reader(path: file.path)
            if let common = root["common"] { self.common = reader.entries(common).merged(over: self.common) }
            for node in root["providers"]?.sequence ?? [] {
                guard let provider = reader.provider(node) else { continue }
                add(provider)
            }
            problems += reader.problems
        }
        for provider in providers.values {
            for name in provider.also where providers[name] == nil {
                problems.append("provider `\(provider.name)` names unknown provider `\(name)` in `also`")
            }
        }
    }

    /// Classifies a model id. With a provider the registry knows, only that provider's entries
    /// (and those of its `also` providers) decide; with none, or one it does not know, the
    /// provider is detected from the id, and an id no provider claims is `.unknown`.
    public func classify(_ id: String, provider: String? = nil) -> ModelPinning {
        let id = id.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { return .unknown }
        if let verdict = common.match(id) { return verdict }
        guard let name = provider.flatMap(self.provider(named:)) ?? detectProvider(of: id) else { return .unknown }
        return classify(id, in: name, visited: [])
    }

    /// The registry's name for a provider spelling (`AzureOpenAI` → `azure-openai`), if known.
    public func provider(named spelling: String) -> String? {
        spellings[Self.normalized(spelling)]
    }

    /// The first provider (in file order) whose `detect` patterns match the id.
    public func detectProvider(of id: String) -> String? {
        providerNames.first { name in providers[name]?.detect.contains { $0.matches(id) } ?? false }
    }

    private func classify(_ id: String, in name: String, visited: Set<String>) -> ModelPinning {
        guard let provider = providers[name], !visited.contains(name) else { return .unknown }
        var id = id
        for (pattern, template) in provider.rewrites {
            id = pattern.rewrite(id, to: template) ?? id
        }
        if let verdict = provider.entries.match(id) { return verdict }
        for next in provider.also {
            let verdict = classify(id, in: next, visited: visited.union([name]))
            if verdict != .unknown { return verdict }
        }
        return .unknown
    }

    private mutating func add(_ provider: Provider) {
        if var existing = providers[provider.name] {
            existing.detect = provider.detect + existing.detect
            existing.rewrites = provider.rewrites + existing.rewrites
            existing.entries = provider.entries.merged(over: existing.entries)
            existing.also += provider.also.filter { !existing.also.contains($0) }
            providers[provider.name] = existing
        } else {
            providers[provider.name] = provider
            providerNames.append(provider.name)
        }
        for spelling in [provider.name] + provider.spellings { spellings[Self.normalized(spelling)] = provider.name }
    }

    static func normalized(_ spelling: String) -> String {
        String(spelling.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}

/// A whole-id regular expression from the data.
private struct ModelPattern: Sendable {
    let box: NSRegularExpressionBox

    init(_ source: String) throws {
        box = try NSRegularExpressionBox("^(?:\(source))$")
    }

    func matches(_ id: String) -> Bool { box.matches(id) }

    /// The id rewritten with a `$1` template, or nil when the pattern does not match.
    func rewrite(_ id: String, to template: String) -> String? {
        guard box.matches(id) else { return nil }
        return box.regex.stringByReplacingMatches(in: id, range: NSRange(id.startIndex..., in: id), withTemplate: template)
    }
}

/// What decides: exact ids first, then floating patterns, then pinned patterns.
private struct Entries: Sendable {
    var floatingIDs: [String: String] = [:]
    var pinnedIDs: Set<String> = []
    var floatingPatterns: [(pattern: ModelPattern, reason: String)] = []
    var pinnedPatterns: [ModelPattern] = []

    func match(_ id: String) -> ModelPinning? {
        if let reason = floatingIDs[id] { return .floating(reason: reason) }
        if pinnedIDs.contains(id) { return .pinned }
        if let entry = floatingPatterns.first(where: { $0.pattern.matches(id) }) { return .floating(reason: entry.reason) }
        if pinnedPatterns.contains(where: { $0.matches(id) }) { return .pinned }
        return nil
    }

    /// These entries, consulted before `older` ones.
    func merged(over older: Entries) -> Entries {
        Entries(floatingIDs: older.floatingIDs.filter { !pinnedIDs.contains($0.key) }.merging(floatingIDs) { _, new in new },
                pinnedIDs: older.pinnedIDs.subtracting(floatingIDs.keys).union(pinnedIDs),
                floatingPatterns: floatingPatterns + older.floatingPatterns,
                pinnedPatterns: pinnedPatterns + older.pinnedPatterns)
    }
}

private struct Provider: Sendable {
    var name: String
    var spellings: [String]
    var detect: [ModelPattern]
    var rewrites: [(pattern: ModelPattern, template: String)]
    var entries: Entries
    var also: [String]
}

/// Reads one data file, collecting problems with their lines.
private struct Reader {
    let path: String
    var problems: [String] = []

    static let providerKeys: Set<String> = ["provider", "names", "detect", "rewrite", "floating", "pinned", "also"]

    mutating func provider(_ node: DataNode) -> Provider? {
        guard let name = node["provider"]?.string else {
            problem(node, "a provider entry needs `provider`")
            return nil
        }
        for entry in node.entries ?? [] where !Self.providerKeys.contains(entry.name) {
            problem(entry.key, "unknown key `\(entry.name)` in provider `\(name)`")
        }
        let rewrites = (node["rewrite"]?.sequence ?? []).compactMap { rule -> (ModelPattern, String)? in
            guard let match = rule["match"], let template = rule["to"]?.string, let pattern = pattern(match) else {
                problem(rule, "a rewrite needs `match` and `to`")
                return nil
            }
            return (pattern, template)
        }
        return Provider(name: name, spellings: strings(node["names"]), detect: patterns(node["detect"]),
                        rewrites: rewrites, entries: entries(node), also: strings(node["also"]))
    }

    /// `floating` groups (reason, ids, patterns) and the `pinned` group (ids, patterns) of a node.
    mutating func entries(_ node: DataNode) -> Entries {
        var entries = Entries()
        for group in node["floating"]?.sequence ?? [] {
            guard let reason = group["reason"]?.string, !reason.isEmpty else {
                problem(group, "a floating group needs a `reason`")
                continue
            }
            for id in strings(group["ids"]) { entries.floatingIDs[id] = reason }
            entries.floatingPatterns += patterns(group["patterns"]).map { ($0, reason) }
        }
        if let pinned = node["pinned"] {
            entries.pinnedIDs.formUnion(strings(pinned["ids"]))
            entries.pinnedPatterns += patterns(pinned["patterns"])
        }
        return entries
    }

    func strings(_ node: DataNode?) -> [String] {
        node?.sequence?.compactMap(\.string) ?? []
    }

    mutating func patterns(_ node: DataNode?) -> [ModelPattern] {
        (node?.sequence ?? []).compactMap { pattern($0) }
    }

    mutating func pattern(_ node: DataNode) -> ModelPattern? {
        guard let source = node.string, let pattern = try? ModelPattern(source) else {
            problem(node, "pattern `\(node.string ?? "")` is not a valid regular expression")
            return nil
        }
        return pattern
    }

    mutating func problem(_ node: DataNode, _ message: String) {
        problems.append("\(path):\(node.range.start.line): \(message)")
    }
}
