import ParapetGraph

/// One permission entry, parsed by the grammar of the client that reads it: which tool it names
/// and what it limits that tool to.
public struct PermissionEntry: Sendable, Equatable {
    /// Where a path glob points, read the way the client resolves it.
    public enum PathScope: String, Sendable, Equatable {
        /// A folder or file pattern under the project (`src/**`, `./docs/*.md`, Claude `/src/**`).
        case workspace
        /// Every file of the project (`**`, `*`, `./**`, Claude `/**`).
        case wholeWorkspace
        /// The home folder (`~/…`, `$HOME/…`).
        case home
        /// An absolute path (Claude `//etc/**`, elsewhere `/etc/**`).
        case absolute
        /// Up and out of the project (`../…`).
        case parent
    }

    public enum Specifier: Sendable, Equatable {
        /// Every use of the tool: `Bash`, `Bash(*)`, `Shell(**)`, `Mcp(*:*)`.
        case all
        /// A command: its words (a `*` word stands for any words), and whether a trailing
        /// wildcard lets it go on with any words (`git push:*`, `git push *`, Cursor `Shell(git)`).
        case command(words: [String], open: Bool)
        case path(PathScope, glob: String)
        /// `WebFetch(domain:docs.github.com)`.
        case domain(String)
        /// Cursor `Mcp(server:tool)`; `*` for any.
        case mcp(server: String, tool: String)
        /// A specifier this parser has no reading for, as written.
        case other(String)
    }

    /// The tool as written (`Bash`, `Shell`, `run_shell_command`, `Write`).
    public var tool: String
    public var specifier: Specifier

    public init(tool: String, specifier: Specifier) {
        self.tool = tool
        self.specifier = specifier
    }

    /// Built-in tools that take a command, and those that take a path, by client. Which tools
    /// are which comes from `rules/agents/tool-capabilities.yaml` (`exec` tools take commands;
    /// `write` and `read` tools take paths).
    public static func parse(_ pattern: String, grammar: PermissionGrammar, takes: (String) -> Capability?) -> PermissionEntry {
        let trimmed = pattern.trimmingCharacters(in: .whitespaces)
        if grammar == .commandPrefix {
            return PermissionEntry(tool: "shell", specifier: command(trimmed, grammar: grammar))
        }
        // Cursor `mcpAllowlist`: `server:tool`.
        if grammar == .cursorCLI, !trimmed.contains("("), let colon = trimmed.firstIndex(of: ":") {
            let server = String(trimmed[..<colon]), name = String(trimmed[trimmed.index(after: colon)...])
            return PermissionEntry(tool: "Mcp", specifier: .mcp(server: server.isEmpty ? "*" : server, tool: name.isEmpty ? "*" : name))
        }
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else {
            return PermissionEntry(tool: trimmed, specifier: .all)
        }
        let tool = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
        let argument = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            .trimmingCharacters(in: .whitespaces)
        if argument.isEmpty || argument == "*" || argument == "**" || argument == ":*" {
            return PermissionEntry(tool: tool, specifier: .all)
        }
        if grammar == .cursorCLI, tool == "Mcp" {
            let parts = argument.split(maxSplits: 1, whereSeparator: { $0 == ":" || $0 == "," })
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let server = parts.first.map { $0.isEmpty ? "*" : $0 } ?? "*"
            let name = parts.count > 1 && !parts[1].isEmpty ? parts[1] : "*"
            return PermissionEntry(tool: tool, specifier: server == "*" && name == "*" ? .all : .mcp(server: server, tool: name))
        }
        if argument.hasPrefix("domain:") {
            return PermissionEntry(tool: tool, specifier: .domain(String(argument.dropFirst("domain:".count))))
        }
        switch takes(tool) {
        case .exec?: return PermissionEntry(tool: tool, specifier: command(argument, grammar: grammar))
        case .write?, .read?: return PermissionEntry(tool: tool, specifier: .path(scope(of: argument, grammar: grammar), glob: argument))
        case .network? where grammar == .cursorCLI: return PermissionEntry(tool: tool, specifier: .domain(argument))
        default: return PermissionEntry(tool: tool, specifier: .other(argument))
        }
    }

    /// A command specifier: Claude Code's `cmd:*` (legacy prefix) and `cmd *` / `cmd*` (trailing
    /// wildcard) go on with any words, anything else is the exact command; Cursor, Gemini CLI and
    /// allow-lists match the command by its beginning, so they always go on.
    static func command(_ text: String, grammar: PermissionGrammar) -> Specifier {
        var body = text.trimmingCharacters(in: .whitespaces)
        // A regular expression (VS Code `/…/` rules) is not a command line: kept whole, not judged.
        if body.count > 1, body.hasPrefix("/"), body.hasSuffix("/") { return .command(words: [body], open: false) }
        var open = grammar == .cursorCLI || grammar == .geminiCLI || grammar == .commandPrefix
        // `cd * && *`: the last `*` is a whole command of its own (any), not an open end.
        let chainedAny = ["&& *", "; *", "|| *", "| *"].contains { body.hasSuffix($0) }
        if chainedAny { open = true }
        // `git:*` (legacy prefix), `git *`, `git*`; a lone `:` is the shell's no-op command.
        while !chainedAny, body.hasSuffix("*") {
            open = true
            body = String(body.dropLast()).trimmingCharacters(in: .whitespaces)
            if body.hasSuffix(":") { body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) }
        }
        let words = ShellWords.words(body)
        if words.isEmpty || words == ["*"] { return .all }
        return .command(words: words, open: open)
    }

    static func scope(of glob: String, grammar: PermissionGrammar) -> PathScope {
        var path = glob
        if path.hasPrefix("~") || path.hasPrefix("$HOME") || path.hasPrefix("${HOME}") { return .home }
        if grammar == .claudeCode {
            // Claude Code: `//path` is absolute, `/path` is relative to the settings file's project.
            if path.hasPrefix("//") { return .absolute }
            if path.hasPrefix("/") { path.removeFirst() }
        } else if path.hasPrefix("/") || (path.count > 1 && path.dropFirst().hasPrefix(":\\")) {
            return .absolute
        }
        while path.hasPrefix("./") { path.removeFirst(2) }
        if path == ".." || path.hasPrefix("../") || path.contains("/../") { return .parent }
        if path.isEmpty || path == "." || path.allSatisfy({ $0 == "*" || $0 == "/" }) { return .wholeWorkspace }
        return .workspace
    }
}

/// Words of a command line the way a shell splits them, quotes removed; `&&`, `||`, `;` and `|`
/// are words of their own, which end one command and start the next.
enum ShellWords {
    static let separators: Set<String> = ["&&", "||", ";", "|", "&"]

    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var characters = Array(line)[...]
        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        while let character = characters.popFirst() {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                inWord = true
            case " ", "\t", "\n":
                endWord()
            case ";", "&", "|":
                endWord()
                var separator = String(character)
                if character != ";", characters.first == character { characters.removeFirst(); separator.append(character) }
                words.append(separator)
            default:
                word.append(character)
                inWord = true
            }
        }
        endWord()
        return words
    }

    /// The commands of a list of words (`a && b | c` is three), each as its words.
    static func group(_ words: [String]) -> [[String]] {
        var commands: [[String]] = [[]]
        for word in words {
            if separators.contains(word) { commands.append([]) } else { commands[commands.count - 1].append(word) }
        }
        return commands.filter { !$0.isEmpty }
    }
}
