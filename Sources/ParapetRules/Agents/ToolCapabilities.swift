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

    /// Held to a narrow use: one non-destructive command (`Bash(npm test)`), one host
    /// (`WebFetch(domain:x)`), or files inside the project (`Edit(src/**)`).
    public var isRestricted: Bool

    /// Every tool of a server or toolset this data does not know: what they do is unknown, yet
    /// they all run as one grant.
    public var isUnknownServer: Bool { capability == .unknown && (grant.kind == .toolset || reason.hasPrefix("every tool of")) }

    /// Destructive, able to run anything (a shell without a command restriction, every tool), or
    /// able to change things (writes files anywhere in the project, mutating tool names): what
    /// must not run unasked.
    public var isDangerous: Bool { ToolCapabilities.Verdict(capability, reason, restricted: isRestricted).isDangerous }
}

/// Classifies tool grants using `rules/agents/tool-capabilities.yaml`.
public struct ToolCapabilities: Sendable {
    var builtin: [String: Capability] = [:]
    var words: [String: Capability] = [:]
    /// Verbs that, leading a tool name, make the words after them what is read (`get_merge_request`).
    var readVerbs: Set<String> = []
    /// Things that live only in the agent's own session (a browser page or tab): a write verb on
    /// them changes nothing anyone else sees (`close_page`, `new_tab`).
    var sessionObjects: Set<String> = []
    var destructiveCommands: [[String]] = []
    var mutatingCommands: [[String]] = []
    var interpreters: [[String]] = []
    var networkCommands: Set<String> = []
    var wrappers: [Wrapper] = []
    var formatterCommands: [[String]] = []
    var formatterScriptWords: Set<String> = []
    var recordingWords: Set<String> = []
    public internal(set) var servers: [KnownServer] = []

    public static let builtIn = ToolCapabilities(
        contents: EmbeddedRuleFiles.files.first { $0.path == "rules/agents/tool-capabilities.yaml" }?.contents ?? "",
        servers: EmbeddedRuleFiles.files.first { $0.path == "rules/agents/mcp-servers.yaml" }?.contents ?? "")

    public init(contents: String, servers serverContents: String = "") {
        self.servers = KnownServer.parse(serverContents)
        loadCapabilities(contents)
    }

    private mutating func loadCapabilities(_ contents: String) {
        let result = YAMLParser.parse(SourceFile(path: "tool-capabilities.yaml", text: contents))
        guard let root = result.documents.first?["capabilities"] else { return }
        for entry in root["builtin-tools"]?.entries ?? [] {
            guard let capability = Capability(rawValue: entry.name) else { continue }
            for name in entry.value.sequence ?? [] { if let s = name.string { builtin[s.lowercased()] = capability } }
        }
        for entry in root["tool-words"]?.entries ?? [] {
            let listed = Set((entry.value.sequence ?? []).compactMap { $0.string?.lowercased() })
            if entry.name == "read-verbs" { readVerbs = listed; continue }
            if entry.name == "session-objects" { sessionObjects = listed; continue }
            guard let capability = Capability(rawValue: entry.name) else { continue }
            for word in entry.value.sequence ?? [] { if let s = word.string { words[s.lowercased()] = capability } }
        }
        // One entry per tool; the lists of every tool join, in file order.
        let tools = root["commands"]?.sequence ?? []
        func commands(_ key: String) -> [[String]] {
            var patterns: [[String]] = []
            for tool in tools {
                for item in tool[key]?.sequence ?? [] {
                    guard let text = item.string else { continue }
                    let words: [String] = text.split(separator: " ").map { String($0) }
                    // An empty pattern would match every command: skipped.
                    if !words.isEmpty { patterns.append(words) }
                }
            }
            return patterns
        }
        destructiveCommands = commands("destructive")
        mutatingCommands = commands("mutating")
        interpreters = commands("interpreters")
        networkCommands = Set(commands("network").compactMap(\.first))
        wrappers = Wrapper.parse(root["wrappers"]?.sequence ?? [])
        let formatters = root["formatters"]
        formatterCommands = (formatters?["commands"]?.sequence ?? []).compactMap(\.string).map { $0.split(separator: " ").map(String.init) }
        formatterScriptWords = Set((formatters?["script-words"]?.sequence ?? []).compactMap(\.string))
        recordingWords = Set((formatters?["recording"]?.sequence ?? []).compactMap(\.string))
    }

    /// A post-tool hook that only formats the edited file (`npx prettier --write`,
    /// `.claude/hooks/format.sh`) and writes no record anywhere.
    public func isFormatterHook(_ command: String) -> Bool {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'`;&|()")) }.filter { !$0.isEmpty }
        let parts = words.flatMap { $0.lowercased().split(whereSeparator: { "/-_.:$\"'{}".contains($0) }).map(String.init) }
        if words.contains(where: { $0.hasPrefix(">") || recordingWords.contains($0) }) || parts.contains(where: recordingWords.contains) {
            return false
        }
        for index in words.indices {
            if formatterCommands.contains(where: { words[index...].starts(with: $0) }) { return true }
        }
        return parts.contains(where: formatterScriptWords.contains)
    }

    /// `servers` are the agent's MCP servers: a grant of a whole server is judged by what the
    /// server is known to do (`rules/agents/mcp-servers.yaml`), found by its package or URL.
    public func classify(_ grant: ToolGrant, servers: [ToolServer] = []) -> ClassifiedGrant {
        let verdict = classify(pattern: grant.pattern, kind: grant.kind, grammar: grant.grammar, servers: servers)
        return ClassifiedGrant(grant: grant, capability: verdict.capability, reason: verdict.reason,
                               isRestricted: verdict.restricted)
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

        var isDangerous: Bool { capability == .destructive || ((capability == .write || capability == .exec) && !restricted) }
    }

    /// The permission entry a pattern is, read by its client's grammar.
    public func entry(_ pattern: String, grammar: PermissionGrammar) -> PermissionEntry {
        PermissionEntry.parse(pattern, grammar: grammar) { builtin[$0.lowercased()] }
    }

    func classify(pattern: String, kind: ToolGrant.Kind, grammar: PermissionGrammar = .generic, servers: [ToolServer] = []) -> Verdict {
        let trimmed = pattern.trimmingCharacters(in: .whitespaces)
        if kind == .agent { return Verdict(.read, "calls another agent, whose own tools are checked on it") }
        if trimmed == "*" || trimmed.isEmpty { return Verdict(.destructive, "every tool") }
        let entry = self.entry(trimmed, grammar: grammar)
        // crewAI's code execution: `unsafe` runs generated code on the host, `safe` in Docker.
        if entry.tool.lowercased().hasPrefix("code_execution:") {
            return entry.tool.lowercased().hasSuffix(":unsafe") ? Verdict(.exec, "runs generated code on the host")
                : Verdict(.exec, "runs code in a sandbox", restricted: true)
        }
        if trimmed.hasPrefix("mcp__") {
            let parts = trimmed.split(separator: "_", omittingEmptySubsequences: true)
            // `mcp__server` or `mcp__server__*`: every tool of the server.
            if parts.count <= 2 || trimmed.hasSuffix("*") {
                return wholeServer(parts.count > 1 ? String(parts[1]) : trimmed, among: servers)
            }
            let tool = trimmed.components(separatedBy: "__").dropFirst(2).joined(separator: "__")
            return Verdict(classifyToolName(tool))
        }
        if grammar == .cursorCLI, entry.tool == "Mcp" {
            switch entry.specifier {
            case .mcp(let server, "*"): return wholeServer(server, among: servers)
            case .mcp(_, let tool): return Verdict(classifyToolName(tool))
            default: return Verdict(.destructive, "every tool of every MCP server")
            }
        }
        let capability = grammar == .commandPrefix ? .exec : builtin[entry.tool.lowercased()]
        if let capability {
            switch entry.specifier {
            case .command(let words, let open): return classify(words: words, open: open)
            case .path(let scope, let glob) where capability == .write: return classify(write: glob, scope: scope)
            case .domain(let domain) where capability == .network && !domain.contains("*") && !domain.isEmpty:
                return Verdict(.network, "fetches from `\(domain)` only", restricted: true)
            default:
                switch capability {
                case .exec: return Verdict(.exec, "runs any shell command")
                case .write: return Verdict(.write, "writes files")
                case .network: return Verdict(.network, "reaches the network")
                case .destructive: return Verdict(.destructive, "tools that declare themselves destructive (`destructive_hint`)")
                default: return Verdict(capability, "reads")
                }
            }
        }
        if kind == .toolset {
            if let known = knownServer(named: trimmed, among: servers) {
                return Verdict(known.capability, "every tool of `\(trimmed)`, \(known.description)")
            }
            // What an unknown server's tools do is unknown: said so, not called destructive.
            return Verdict(.unknown, "every tool of `\(trimmed)`, whose tools are not known here")
        }
        return Verdict(classifyToolName(entry.tool))
    }

    private func wholeServer(_ name: String, among servers: [ToolServer]) -> Verdict {
        if name == "*" { return Verdict(.destructive, "every tool of every MCP server") }
        if let known = knownServer(named: name, among: servers) {
            return Verdict(known.capability, "every tool of `\(name)`, \(known.description)")
        }
        return Verdict(.unknown, "every tool of the `\(name)` server, whose tools are not known here")
    }

    /// A write tool held to a path: inside the project it changes only what review and version
    /// control see; the whole project is any write; home, absolute and parent paths reach files
    /// no checkout restores (keys, shell profiles, system configuration).
    func classify(write glob: String, scope: PermissionEntry.PathScope) -> Verdict {
        switch scope {
        case .workspace: Verdict(.write, "writes `\(glob)` inside the project only", restricted: true)
        case .wholeWorkspace: Verdict(.write, "writes any file of the project")
        case .home: Verdict(.destructive, "writes in the home folder (`\(glob)`)")
        case .absolute, .parent: Verdict(.destructive, "writes outside the project (`\(glob)`)")
        }
    }

    /// A shell grant's command as text (`git diff:*`, `kubectl *`, `npm test`), read the way
    /// Claude Code reads it.
    func classify(command argument: String) -> Verdict {
        switch PermissionEntry.command(argument, grammar: .claudeCode) {
        case .command(let words, let open): classify(words: words, open: open)
        default: Verdict(.exec, "runs any shell command")
        }
    }

    /// A command's words; `open` when a trailing wildcard lets it go on with any words, so it
    /// covers every destructive or mutating command its fixed words begin (`git *` covers `git
    /// push --force`). Wrappers are looked through (`sudo rm` is `rm`); a wrapper with nothing
    /// fixed after it runs anything. Of several commands (`a && b`), the worst decides.
    func classify(words: [String], open: Bool) -> Verdict {
        let commands = ShellWords.group(words)
        guard commands.count > 1 else { return classify(single: commands.first ?? [], open: open) }
        // `cd * && *`: whatever command comes after the first.
        if commands.dropFirst().contains(["*"]) {
            return Verdict(.exec, "any command may be chained after `\(commands[0].joined(separator: " "))`")
        }
        let verdicts = commands.indices.map { classify(single: commands[$0], open: open && $0 == commands.count - 1) }
        // Dangerous before restricted, then the most severe capability.
        return verdicts.min { ($0.isDangerous ? 0 : 1, $0.capability) < ($1.isDangerous ? 0 : 1, $1.capability) } ?? verdicts[0]
    }

    private func classify(single words: [String], open: Bool) -> Verdict {
        if words.first == "*" { return Verdict(.exec, "a leading `*` admits any command") }
        if words.count == 1, let regex = words.first, let reading = CommandRegex.read(regex) { return classify(regex: regex, reading) }
        var tokens = words
        // `/bin/bash`, `/usr/bin/env`: the program is known by its name wherever it lives.
        if let first = tokens.first, first.hasPrefix("/"), !first.hasSuffix("/"), let name = first.split(separator: "/").last {
            tokens[0] = String(name)
        }
        var through: [String] = []
        while let wrapper = wrappers.first(where: { tokens.starts(with: $0.words) }) {
            let name = wrapper.words.joined(separator: " ")
            tokens.removeFirst(wrapper.words.count)
            through.append(name)
            let written = through.joined(separator: " ")
            switch wrapper.kind {
            case .command:
                tokens = wrapper.arguments(tokens)
            case .script:
                guard !tokens.isEmpty else { break }
                // `sh -c 'git status'`: the script is a command line of its own.
                let script = ShellWords.words(tokens.joined(separator: " "))
                return script.isEmpty ? Verdict(.exec, "runs `\(written)` only", restricted: true) : classify(words: script, open: open)
            case .code:
                if open || tokens.contains("*") { return Verdict(.exec, "`\(written) *` runs any code it is given") }
                return Verdict(.exec, "runs one `\(written)` program only", restricted: true)
            case .container:
                tokens = wrapper.arguments(tokens)
                guard !tokens.isEmpty else { break }
                let image = tokens.removeFirst()
                if tokens.first == "--" { tokens.removeFirst() }
                if tokens.isEmpty {
                    return open ? Verdict(.exec, "`\(written) \(image) *` runs any command in `\(image)`")
                        : Verdict(.exec, "runs `\(image)` only", restricted: true)
                }
            }
            if tokens.isEmpty {
                return open ? Verdict(.exec, "`\(written) *` runs any command") : Verdict(.exec, "runs `\(written)` only", restricted: true)
            }
        }
        let command = tokens.filter { $0 != "*" }.joined(separator: " ")
        if let match = destructiveCommands.first(where: { matches($0, tokens) }) { return Verdict(.destructive, "`\(match.joined(separator: " "))`") }
        // `python *`, `npx:*`, `node -e *`: the interpreter with open arguments runs anything.
        // A fixed command (`python -m pytest`, `npx prettier *`) runs that one program.
        if open, let interpreter = interpreters.first(where: { interpreter in
            tokens == interpreter || (tokens.count == interpreter.count + 1 && tokens.starts(with: interpreter)
                                      && ["-c", "-e", "-m", "-p", "--eval", "--print", "-x", "--yes", "-y"].contains(tokens[tokens.count - 1]))
        }) {
            return Verdict(.exec, "`\(interpreter.joined(separator: " ")) *` runs any code it is given")
        }
        // A `*` word inside the command (`git * main`) stands for any words as well.
        let wild = open || tokens.contains("*")
        if wild, !tokens.isEmpty {
            if let covered = destructiveCommands.first(where: { coveredBy(tokens, $0) }) {
                return Verdict(.destructive, "`\(command) *` covers `\(covered.joined(separator: " "))`")
            }
        }
        if let match = mutatingCommands.first(where: { matches($0, tokens) }) { return Verdict(.write, "`\(match.joined(separator: " "))`") }
        if wild, !tokens.isEmpty, let covered = mutatingCommands.first(where: { coveredBy(tokens, $0) }) {
            return Verdict(.write, "`\(command) *` covers `\(covered.joined(separator: " "))`")
        }
        if let first = tokens.first, networkCommands.contains(first) { return Verdict(.network, "`\(first)` reaches other hosts") }
        return Verdict(.exec, "runs `\(command)` only", restricted: true)
    }

    /// A command allow-list entry written as a regular expression that adapters could not turn
    /// into prefixes (`CommandRegex`).
    func classify(regex: String, _ reading: CommandRegex.Reading) -> Verdict {
        switch reading {
        case .any: return Verdict(.exec, "`\(regex)` matches every command")
        case .unanchored: return Verdict(.exec, "`\(regex)` has no literal start, so it admits any command in which it finds a match")
        case .unknown(let why): return Verdict(.unknown, "which commands `\(regex)` admits is not read here: \(why)")
        case .prefixes(let prefixes, let exact):
            // The worst of the prefixes it is anchored to.
            let verdicts = prefixes.map { classify(words: ShellWords.words($0), open: !exact) }
            return verdicts.min { ($0.isDangerous ? 0 : 1, $0.capability) < ($1.isDangerous ? 0 : 1, $1.capability) }
                ?? Verdict(.exec, "`\(regex)` matches every command")
        }
    }

    /// The destructive command prefix a command starts with, if any, looking through wrappers
    /// that only run the next words (`sudo`, `env`).
    public func destructiveCommand(_ command: String) -> String? {
        var tokens = ShellWords.words(command)
        while let wrapper = wrappers.first(where: { $0.kind == .command && tokens.starts(with: $0.words) }) {
            tokens = wrapper.arguments(Array(tokens.dropFirst(wrapper.words.count)))
        }
        guard !tokens.isEmpty else { return nil }
        for pattern in destructiveCommands where matches(pattern, tokens) { return pattern.joined(separator: " ") }
        return nil
    }

    /// The fixed words of a wildcard grant are a proper prefix of the pattern, or a `*` word
    /// stands where the pattern goes on: the wildcard can complete them into it.
    private func coveredBy(_ tokens: [String], _ pattern: [String]) -> Bool {
        for (index, want) in pattern.enumerated() {
            // Out of fixed words before the pattern ends: the trailing wildcard completes it.
            guard index < tokens.count else { return true }
            let have = tokens[index]
            // A `*` word stands for any words, the rest of the pattern included.
            if have == "*" { return true }
            if want == "*" { continue }
            // Options go anywhere after the command: `git push origin *` can still add `--force`
            // (not `--`, which ends the options where it stands).
            if pattern[index...].allSatisfy({ $0.hasPrefix("-") && $0 != "--" }) && want != have { return true }
            if want.hasSuffix("*") { if !have.hasPrefix(want.dropLast()) { return false } } else if want != have { return false }
        }
        return false
    }

    /// The known server a grant names: the agent's server of that name when its launch is known
    /// here (package, URL host), else the name alone.
    public func knownServer(named name: String, among agentServers: [ToolServer] = []) -> KnownServer? {
        if let server = agentServers.first(where: { $0.name == name }) {
            if let known = knownServer(for: server) { return known }
            // A server whose launch is written and matches nothing known is not judged by its name.
            if server.command != nil || server.url != nil || server.image != nil { return nil }
        }
        let lowered = name.lowercased()
        return servers.first { $0.names.contains(lowered) }
    }

    /// The known server an MCP server launches or connects to.
    public func knownServer(for server: ToolServer) -> KnownServer? {
        let launched = ([server.command, server.image].compactMap { $0 } + server.arguments).map(KnownServer.package(of:))
        if let known = servers.first(where: { known in launched.contains { known.packages.contains($0) } }) { return known }
        if let url = server.url, let host = URLParts(url)?.host, let known = servers.first(where: { $0.hosts.contains(host) }) { return known }
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

    /// By the words of the name, the most severe deciding. A destructive or network word always
    /// counts; a write word does not when a read verb leads the name (`get_merge_request`,
    /// `get_workflow_run`: the word names what is read) or when it acts on the agent's own
    /// browser session (`close_page`).
    func classifyToolName(_ tool: String) -> (Capability, String) {
        if tool == "*" || tool.isEmpty { return (.destructive, "every tool") }
        let parts = Self.words(of: tool)
        let lead = parts.first { readVerbs.contains($0) || words[$0] != nil }
        let readLed = lead.map { readVerbs.contains($0) && words[$0] == nil } ?? false
        let session = parts.first(where: sessionObjects.contains)
        var best: (Capability, String)?
        var softened: (Capability, String)?
        for word in parts {
            guard let capability = words[word] else { continue }
            if capability == .write, readLed, let lead {
                softened = softened ?? (.read, "`\(lead)` leads the tool name: `\(word)` names what it reads")
                continue
            }
            if capability == .write, let session {
                softened = softened ?? (.read, "`\(word)` acts on a `\(session)` of the agent's own session only")
                continue
            }
            if let current = best, !(capability < current.0) { continue }
            best = (capability, "`\(word)` in the tool name")
        }
        if let best { return best }
        if let softened { return softened }
        if readLed, let lead { return (.read, "`\(lead)` in the tool name") }
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

/// An MCP server `rules/agents/mcp-servers.yaml` knows, with what its tools can do.
public struct KnownServer: Sendable {
    public var id: String
    public var names: Set<String>
    public var packages: Set<String>
    public var hosts: Set<String>
    /// `read-only-docs`, `filesystem-write`, `shell`, `network`, `cloud-admin`, `vcs`, `browser`.
    public var kind: String
    public var capability: Capability
    public var source: String

    /// For messages: "a read-only documentation server".
    public var description: String {
        switch kind {
        case "read-only-docs": "a read-only documentation server"
        case "filesystem-write": "a server that writes files"
        case "shell": "a server that runs shell commands"
        case "network": "a server that fetches any URL"
        case "cloud-admin": "a server that administers infrastructure"
        case "vcs": "a server that changes repositories"
        case "browser": "a server that drives a browser"
        default: "a `\(kind)` server"
        }
    }

    static func parse(_ contents: String) -> [KnownServer] {
        guard !contents.isEmpty else { return [] }
        let result = YAMLParser.parse(SourceFile(path: "mcp-servers.yaml", text: contents))
        return (result.documents.first?["servers"]?.sequence ?? []).compactMap { entry in
            guard let id = entry["id"]?.string, let capability = entry["capability"]?.string.flatMap(Capability.init(rawValue:)) else { return nil }
            func set(_ key: String) -> Set<String> { Set((entry[key]?.sequence ?? []).compactMap(\.string).map { $0.lowercased() }) }
            return KnownServer(id: id, names: set("names").union([id.lowercased()]), packages: set("packages"), hosts: set("hosts"),
                               kind: entry["kind"]?.string ?? "unknown", capability: capability, source: entry["source"]?.string ?? "")
        }
    }

    /// `@upstash/context7-mcp@1.0.3` → `@upstash/context7-mcp`; `mcp-server-time==0.6` →
    /// `mcp-server-time`; `ghcr.io/github/github-mcp-server:v1` → `ghcr.io/github/github-mcp-server`.
    static func package(of spec: String) -> String {
        var text = spec.lowercased()
        if let equals = text.range(of: "==") { text = String(text[..<equals.lowerBound]) }
        if let digest = text.range(of: "@sha256:") { text = String(text[..<digest.lowerBound]) }
        let scoped = text.hasPrefix("@")
        let body = scoped ? String(text.dropFirst()) : text
        if let at = body.firstIndex(of: "@") { text = (scoped ? "@" : "") + String(body[..<at]) }
        if let colon = text.lastIndex(of: ":"), !text[colon...].contains("/") { text = String(text[..<colon]) }
        return text
    }
}

/// A command that runs another command, script, program or image it is given
/// (`rules/agents/tool-capabilities.yaml` `wrappers`).
struct Wrapper: Sendable {
    enum Kind: String, Sendable { case command, script, code, container }

    var words: [String]
    var kind: Kind
    /// Options that take a value (`sudo -u USER`).
    var options: Set<String>
    /// Words before the command that are not options (`timeout 30s`).
    var positionals: Int

    static func parse(_ groups: [DataNode]) -> [Wrapper] {
        var wrappers: [Wrapper] = []
        for group in groups {
            for kind in [Kind.command, .script, .code, .container] {
                for item in group[kind.rawValue]?.sequence ?? [] {
                    let words = (item["words"]?.string ?? "").split(separator: " ").map(String.init)
                    guard !words.isEmpty else { continue }
                    wrappers.append(Wrapper(words: words, kind: kind, options: Set((item["options"]?.sequence ?? []).compactMap(\.string)),
                                            positionals: item["positionals"]?.string.flatMap { Int($0) } ?? 0))
                }
            }
        }
        // Longest first, so that `docker run` is found before a shorter wrapper could be.
        return wrappers.sorted { $0.words.count > $1.words.count }
    }

    /// The words after the wrapper's own options and positionals: the command it runs.
    func arguments(_ tokens: [String]) -> [String] {
        var index = 0
        var skipped = 0
        while index < tokens.count {
            let token = tokens[index]
            if token == "--" { return Array(tokens[(index + 1)...]) }
            if token.hasPrefix("-"), token != "-" {
                // `-u root` takes the next word; `--user=root` and flags do not.
                index += options.contains(token) ? 2 : 1
                continue
            }
            // `env NAME=value cmd`: assignments before the command.
            if token.contains("="), !token.hasPrefix("="), kind == .command { index += 1; continue }
            if skipped < positionals { skipped += 1; index += 1; continue }
            break
        }
        return index < tokens.count ? Array(tokens[index...]) : []
    }
}
