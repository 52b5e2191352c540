import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// What a tool grant lets an agent do, most severe first.
public enum Capability: String, Sendable, Comparable, CaseIterable {
    case destructive, exec, write, network, read, unknown

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    /// `destructive` < `exec` < …: "less" is more severe, so `min()` picks the worst.
    public static func < (lhs: Capability, rhs: Capability) -> Bool { lhs.rank < rhs.rank }

    /// Can it change or destroy something, or run arbitrary code?
    public var isMutating: Bool { self == .destructive || self == .exec || self == .write }
}

/// A tool grant with its capability and a short reason, for messages.
public struct ClassifiedGrant: Sendable {
    public var grant: ToolGrant
    public var capability: Capability
    /// Why: "runs any shell command", "`delete` in the tool name", "`kubectl delete`".
    public var reason: String

    /// A shell grant restricted to one non-destructive command (`Bash(npm test)`).
    public var isRestrictedCommand: Bool

    /// Destructive, able to run anything (a shell without a command restriction, every tool), or
    /// able to change things (writes files, mutating tool names): what must not run unasked.
    public var isDangerous: Bool {
        capability == .destructive || capability == .write || (capability == .exec && !isRestrictedCommand)
    }
}

/// Classifies tool grants using `rules/agents/tool-capabilities.yaml`.
public struct ToolCapabilities: Sendable {
    var builtin: [String: Capability] = [:]
    var words: [String: Capability] = [:]
    var destructiveCommands: [[String]] = []

    public static let builtIn = ToolCapabilities(
        contents: EmbeddedRuleFiles.files.first { $0.path == "rules/agents/tool-capabilities.yaml" }?.contents ?? "")

    public init(contents: String) {
        let result = YAMLParser.parse(SourceFile(path: "tool-capabilities.yaml", text: contents))
        guard let root = result.documents.first?["capabilities"] else { return }
        for entry in root["builtin-tools"]?.entries ?? [] {
            guard let capability = Capability(rawValue: entry.name) else { continue }
            for name in entry.value.sequence ?? [] { if let s = name.string { builtin[s.lowercased()] = capability } }
        }
        for entry in root["tool-words"]?.entries ?? [] {
            guard let capability = Capability(rawValue: entry.name) else { continue }
            for word in entry.value.sequence ?? [] { if let s = word.string { words[s.lowercased()] = capability } }
        }
        destructiveCommands = (root["destructive-commands"]?.sequence ?? []).compactMap(\.string).map { $0.split(separator: " ").map(String.init) }
    }

    public func classify(_ grant: ToolGrant) -> ClassifiedGrant {
        let verdict = classify(pattern: grant.pattern, kind: grant.kind)
        return ClassifiedGrant(grant: grant, capability: verdict.capability, reason: verdict.reason,
                               isRestrictedCommand: verdict.restricted)
    }

    /// A capability with its reason; `restricted` marks a shell or code grant limited to one safe use.
    struct Verdict {
        var capability: Capability
        var reason: String
        var restricted = false

        init(_ capability: Capability, _ reason: String, restricted: Bool = false) {
            self.capability = capability
            self.reason = reason
            self.restricted = restricted
        }

        init(_ pair: (Capability, String)) { self.init(pair.0, pair.1) }
    }

    func classify(pattern: String, kind: ToolGrant.Kind) -> Verdict {
        let trimmed = pattern.trimmingCharacters(in: .whitespaces)
        if trimmed == "*" || trimmed.isEmpty { return Verdict(.destructive, "every tool") }
        // `Tool(argument)`: Claude Code `Bash(rm -rf:*)`, Gemini `run_shell_command(git)`, Cursor `Shell(ls)`.
        var name = trimmed
        var argument: String?
        if let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") {
            name = String(trimmed[..<open])
            argument = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        }
        // crewAI's code execution: `unsafe` runs generated code on the host, `safe` in Docker.
        if name.lowercased().hasPrefix("code_execution:") {
            return name.lowercased().hasSuffix(":unsafe") ? Verdict(.exec, "runs generated code on the host")
                : Verdict(.exec, "runs code in a sandbox", restricted: true)
        }
        if name.hasPrefix("mcp__") {
            let parts = name.split(separator: "_", omittingEmptySubsequences: true)
            // `mcp__server` or `mcp__server__*`: every tool of the server.
            if parts.count <= 2 || name.hasSuffix("*") { return Verdict(.destructive, "every tool of the `\(parts.count > 1 ? String(parts[1]) : name)` server") }
            let tool = name.components(separatedBy: "__").dropFirst(2).joined(separator: "__")
            return Verdict(classifyToolName(tool))
        }
        if let capability = builtin[name.lowercased()] {
            guard capability == .exec else { return Verdict(capability, capability == .write ? "writes files" : capability == .network ? "reaches the network" : "reads") }
            guard let argument, !argument.isEmpty, argument != "*", argument != ":*" else { return Verdict(.exec, "runs any shell command") }
            let command = argument.replacingOccurrences(of: ":*", with: "").replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
            if let match = destructiveCommand(command) { return Verdict(.destructive, "`\(match)`") }
            return Verdict(.exec, "runs `\(command)` only", restricted: true)
        }
        if kind == .toolset { return Verdict(.destructive, "a whole toolset") }
        return Verdict(classifyToolName(name))
    }

    /// The destructive command prefix a command starts with, if any.
    public func destructiveCommand(_ command: String) -> String? {
        var tokens = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        while let first = tokens.first, ["sudo", "env", "exec", "xargs", "nohup"].contains(first) { tokens.removeFirst() }
        guard !tokens.isEmpty else { return nil }
        for pattern in destructiveCommands where matches(pattern, tokens) { return pattern.joined(separator: " ") }
        return nil
    }

    private func matches(_ pattern: [String], _ tokens: [String]) -> Bool {
        guard tokens.count >= pattern.count else { return false }
        for (want, have) in zip(pattern, tokens) {
            if want == "*" { continue }
            if want.hasSuffix("*") { if !have.hasPrefix(want.dropLast()) { return false } } else if want != have { return false }
        }
        return true
    }

    func classifyToolName(_ tool: String) -> (Capability, String) {
        if tool == "*" || tool.isEmpty { return (.destructive, "every tool") }
        var best: (Capability, String)?
        for word in Self.words(of: tool) {
            guard let capability = words[word] else { continue }
            if let current = best, !(capability < current.0) { continue }
            best = (capability, "`\(word)` in the tool name")
        }
        if let best { return best }
        if let capability = builtin[tool.lowercased()] { return (capability, "built-in `\(tool)`") }
        return (.unknown, "not a known tool name")
    }

    /// `k8s_delete_resource` → [k8s, delete, resource]; `deleteRepo` → [delete, repo].
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in name {
            if character == "_" || character == "-" || character == "." || character == " " || character == "/" {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
                previousLower = false
                continue
            }
            if character.isUppercase && previousLower {
                words.append(current.lowercased())
                current = ""
            }
            current.append(character)
            previousLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }
}
