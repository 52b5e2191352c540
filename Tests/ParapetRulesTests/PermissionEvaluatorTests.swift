import ParapetCore
import ParapetGraph
import Testing
@testable import ParapetRules

/// Permission entries read by each client's grammar: one row per entry shape, with what the
/// entry lets an agent do unasked.
@Suite struct PermissionEvaluatorTests {
    let capabilities = ToolCapabilities.builtIn
    static let range = SourceRange(path: "x", start: .init(line: 1, column: 1, offset: 0), end: .init(line: 1, column: 1, offset: 0))

    struct Row: CustomTestStringConvertible, Sendable {
        var pattern: String
        var grammar: PermissionGrammar
        var capability: Capability
        var dangerous: Bool
        var testDescription: String { "\(grammar.rawValue) \(pattern)" }

        init(_ pattern: String, _ grammar: PermissionGrammar, _ capability: Capability, dangerous: Bool) {
            self.pattern = pattern
            self.grammar = grammar
            self.capability = capability
            self.dangerous = dangerous
        }

        init(_ pattern: String, _ capability: Capability, dangerous: Bool) {
            self.init(pattern, .claudeCode, capability, dangerous: dangerous)
        }
    }

    static let rows: [Row] = [
        // Claude Code: whole tools and wildcards.
        Row("Bash", .exec, dangerous: true),
        Row("Bash(*)", .exec, dangerous: true),
        Row("Bash(:*)", .exec, dangerous: true),
        Row("Bash(* --version)", .exec, dangerous: true),
        // Exact commands and prefixes, legacy `:*` and space wildcards.
        Row("Bash(npm test)", .exec, dangerous: false),
        Row("Bash(npm run test:*)", .exec, dangerous: false),
        Row("Bash(git diff *)", .exec, dangerous: false),
        Row("Bash(git push)", .write, dangerous: true),
        Row("Bash(git commit:*)", .exec, dangerous: false),
        Row("Bash(git tag *)", .exec, dangerous: false),
        Row("Bash(git push:*)", .destructive, dangerous: true),
        Row("Bash(git push *)", .destructive, dangerous: true),
        Row("Bash(git push*)", .destructive, dangerous: true),
        Row("Bash(git push origin:*)", .destructive, dangerous: true),
        Row("Bash(git push origin main)", .write, dangerous: true),
        Row("Bash(git reset HEAD~1 *)", .destructive, dangerous: true),
        Row("Bash(git checkout -b:*)", .exec, dangerous: false),
        Row("Bash(git * main)", .destructive, dangerous: true),
        Row("Bash(rm -rf build)", .destructive, dangerous: true),
        Row("Bash(npm test && rm -rf dist)", .destructive, dangerous: true),
        Row("Bash(npm test | tee out.log)", .exec, dangerous: false),
        Row("Bash(cd * && *)", .exec, dangerous: true),
        // Wrappers that run whatever follows them.
        Row("Bash(sudo:*)", .exec, dangerous: true),
        Row("Bash(sudo *)", .exec, dangerous: true),
        Row("Bash(sudo -u deploy *)", .exec, dangerous: true),
        Row("Bash(sudo rm -rf /var/cache)", .destructive, dangerous: true),
        Row("Bash(sudo apt-get update)", .exec, dangerous: false),
        Row("Bash(env *)", .exec, dangerous: true),
        Row("Bash(env NODE_ENV=test npm test)", .exec, dangerous: false),
        Row("Bash(xargs:*)", .exec, dangerous: true),
        Row("Bash(xargs -0 rm)", .destructive, dangerous: true),
        Row("Bash(nohup *)", .exec, dangerous: true),
        Row("Bash(timeout 30 *)", .exec, dangerous: true),
        Row("Bash(timeout 30 npm test)", .exec, dangerous: false),
        Row("Bash(eval *)", .exec, dangerous: true),
        Row("Bash(sh -c *)", .exec, dangerous: true),
        Row("Bash(bash -c:*)", .exec, dangerous: true),
        Row("Bash(bash *)", .exec, dangerous: true),
        Row("Bash(sh -c 'git status')", .exec, dangerous: false),
        Row("Bash(bash -c \"git push --force\")", .destructive, dangerous: true),
        Row("Bash(python3 -c *)", .exec, dangerous: true),
        Row("Bash(python3 -c 'print(1)')", .exec, dangerous: false),
        Row("Bash(node -e:*)", .exec, dangerous: true),
        Row("Bash(ruby -e *)", .exec, dangerous: true),
        Row("Bash(python *)", .exec, dangerous: true),
        Row("Bash(python -m pytest)", .exec, dangerous: false),
        // Package runners.
        Row("Bash(npx:*)", .exec, dangerous: true),
        Row("Bash(uvx *)", .exec, dangerous: true),
        Row("Bash(pnpm dlx *)", .exec, dangerous: true),
        Row("Bash(npx prettier --check .)", .exec, dangerous: false),
        // Containers.
        Row("Bash(docker run *)", .exec, dangerous: true),
        Row("Bash(docker run --rm -v /src:/src node:22 *)", .exec, dangerous: true),
        Row("Bash(docker run --rm hello-world)", .exec, dangerous: false),
        Row("Bash(kubectl exec api -- *)", .exec, dangerous: true),
        // Paths: inside the project, the whole project, home, absolute, parent.
        Row("Edit(src/**)", .write, dangerous: false),
        Row("Write(docs/**)", .write, dangerous: false),
        Row("Edit(./tests/*.py)", .write, dangerous: false),
        Row("Edit(/src/**/*.ts)", .write, dangerous: false),
        Row("Edit(**)", .write, dangerous: true),
        Row("Write(/**)", .write, dangerous: true),
        Row("Edit", .write, dangerous: true),
        Row("Edit(~/.zshrc)", .destructive, dangerous: true),
        Row("Write(//etc/**)", .destructive, dangerous: true),
        Row("Edit(../other-repo/**)", .destructive, dangerous: true),
        Row("Read(~/.ssh/**)", .read, dangerous: false),
        // Network.
        Row("WebFetch", .network, dangerous: false),
        Row("WebFetch(domain:docs.github.com)", .network, dangerous: false),
        // MCP.
        Row("mcp__github", .destructive, dangerous: true),
        Row("mcp__github__delete_repository", .destructive, dangerous: true),
        Row("mcp__github__get_issue", .read, dangerous: false),
        Row("mcp__internal", .unknown, dangerous: false),
        Row("mcp__internal__*", .unknown, dangerous: false),
        // Tool names: a read verb leading the name, and the agent's own browser pages.
        Row("mcp__gitlab__get_merge_request", .network, dangerous: false),
        Row("mcp__github__get_workflow_run", .read, dangerous: false),
        Row("mcp__github__merge_pull_request", .write, dangerous: true),
        Row("mcp__github__close_issue", .write, dangerous: true),
        Row("mcp__chrome-devtools__close_page", .read, dangerous: false),
        Row("mcp__chrome-devtools__new_page", .unknown, dangerous: false),
        Row("mcp__browser__delete_page", .destructive, dangerous: true),
        Row("mcp__slack__slack_read_channel", .read, dangerous: false),
        Row("mcp__slack__slack_send_message", .write, dangerous: true),
        Row("mcp__github__list_network_requests", .read, dangerous: false),
        Row("mcp__x__get_and_delete_message", .destructive, dangerous: true),
        // Cursor CLI: `Shell(base)` admits any arguments; absolute paths are absolute.
        Row("Shell(git)", .cursorCLI, .destructive, dangerous: true),
        Row("Shell(ls)", .cursorCLI, .exec, dangerous: false),
        Row("Shell(npx*)", .cursorCLI, .exec, dangerous: true),
        Row("Shell(**)", .cursorCLI, .exec, dangerous: true),
        Row("Shell(sudo)", .cursorCLI, .exec, dangerous: true),
        Row("Write(src/**)", .cursorCLI, .write, dangerous: false),
        Row("Write(**)", .cursorCLI, .write, dangerous: true),
        Row("Write(/etc/**)", .cursorCLI, .destructive, dangerous: true),
        Row("Write(~/.aws/**)", .cursorCLI, .destructive, dangerous: true),
        Row("Mcp(*:*)", .cursorCLI, .destructive, dangerous: true),
        Row("Mcp(github:*)", .cursorCLI, .destructive, dangerous: true),
        Row("Mcp(github:delete_repository)", .cursorCLI, .destructive, dangerous: true),
        Row("Mcp(context7, *)", .cursorCLI, .read, dangerous: false),
        Row("WebFetch(docs.cursor.com)", .cursorCLI, .network, dangerous: false),
        Row("context7:*", .cursorCLI, .read, dangerous: false),
        Row("github:delete_repository", .cursorCLI, .destructive, dangerous: true),
        // OpenCode: a tool, or a tool's pattern (`bash(git status *)`, read from the tool's map);
        // the whole tool is also what OpenCode's default allows where a map has no `*`.
        Row("bash", .openCode, .exec, dangerous: true),
        Row("bash(*)", .openCode, .exec, dangerous: true),
        Row("bash(git status *)", .openCode, .exec, dangerous: false),
        Row("bash(git push *)", .openCode, .destructive, dangerous: true),
        Row("bash(sudo *)", .openCode, .exec, dangerous: true),
        Row("bash(npm test)", .openCode, .exec, dangerous: false),
        Row("edit", .openCode, .write, dangerous: true),
        Row("edit(docs/**)", .openCode, .write, dangerous: false),
        Row("webfetch", .openCode, .network, dangerous: false),
        // Codex MCP tools by `approval_mode` (`[mcp_servers.X.tools.Y]`), and a whole server by
        // `default_tools_approval_mode`.
        Row("mcp__github__delete_repository", .generic, .destructive, dangerous: true),
        Row("mcp__github__get_issue", .generic, .read, dangerous: false),
        // Gemini CLI: `run_shell_command(git)` is a prefix.
        Row("run_shell_command", .geminiCLI, .exec, dangerous: true),
        Row("run_shell_command(git)", .geminiCLI, .destructive, dangerous: true),
        Row("run_shell_command(git status)", .geminiCLI, .exec, dangerous: false),
        Row("write_file", .geminiCLI, .write, dangerous: true),
        // A bare command matched by its beginning (Cursor `terminalAllowlist`).
        Row("git", .commandPrefix, .destructive, dangerous: true),
        Row("npm test", .commandPrefix, .exec, dangerous: false),
        Row("sudo", .commandPrefix, .exec, dangerous: true),
        Row("/bin/bash", .commandPrefix, .exec, dangerous: true),
        Row("/usr/bin/git status", .commandPrefix, .exec, dangerous: false),
        // VS Code `/regex/` entries the adapter could not spell out as prefixes.
        Row("terminal(/^(git|rm)(\\s.*)?$/)", .generic, .destructive, dangerous: true),
        Row("terminal(/.*/)", .generic, .exec, dangerous: true),
        Row("terminal(/^\\s*.+$/)", .generic, .exec, dangerous: true),
        Row("terminal(/status/)", .generic, .exec, dangerous: true),
        Row("terminal(/^(?!rm).*/)", .generic, .unknown, dangerous: false),
        Row("terminal(/^npm test$/)", .generic, .exec, dangerous: false),
        // Shell compound commands run their body.
        Row("Bash(for *)", .exec, dangerous: true),
        Row("Bash(while:*)", .exec, dangerous: true),
        Row(":", .commandPrefix, .exec, dangerous: false),
    ]

    @Test(arguments: rows)
    func entryShape(_ row: Row) {
        let grant = ToolGrant(pattern: row.pattern, kind: row.pattern.hasPrefix("mcp__") ? ClaudeKind.of(row.pattern) : .builtin,
                              approval: .auto, range: Self.range, source: "test", grammar: row.grammar)
        let verdict = capabilities.classify(grant)
        #expect(verdict.capability == row.capability, "\(row.pattern): \(verdict.reason)")
        #expect(verdict.isDangerous == row.dangerous, "\(row.pattern): \(verdict.reason)")
    }

    struct Cover: CustomTestStringConvertible, Sendable {
        var gate: String
        var allow: String
        var grammar: PermissionGrammar
        var covers: Bool
        var testDescription: String { "\(gate) over \(allow)" }

        init(_ gate: String, _ allow: String, _ grammar: PermissionGrammar = .claudeCode, covers: Bool) {
            self.gate = gate
            self.allow = allow
            self.grammar = grammar
            self.covers = covers
        }
    }

    static let covers: [Cover] = [
        Cover("Bash", "Bash(rm:*)", covers: true),
        Cover("Bash(*)", "Bash(sudo:*)", covers: true),
        Cover("Bash(git push:*)", "Bash(git push --force:*)", covers: true),
        Cover("Bash(git:*)", "Bash(git push)", covers: true),
        Cover("Bash(git push)", "Bash(git push:*)", covers: false),
        Cover("Bash(rm:*)", "Bash(*)", covers: false),
        Cover("Bash(git push --force:*)", "Bash(git push:*)", covers: false),
        Cover("Edit", "Edit(~/.zshrc)", covers: true),
        Cover("Edit(**)", "Edit(src/**)", covers: true),
        Cover("Edit(src/**)", "Edit(**)", covers: false),
        Cover("mcp__github", "mcp__github__delete_repository", covers: true),
        Cover("mcp__github__*", "mcp__github__delete_repository", covers: true),
        Cover("mcp__git", "mcp__github__delete_repository", covers: false),
        Cover("Shell(git)", "Shell(git)", .cursorCLI, covers: true),
        Cover("Mcp(github:*)", "Mcp(github:delete_repository)", .cursorCLI, covers: true),
    ]

    @Test(arguments: covers)
    func denyAndAskCoverAllow(_ row: Cover) {
        func grant(_ pattern: String, _ approval: Approval) -> ToolGrant {
            ToolGrant(pattern: pattern, kind: .builtin, approval: approval, range: Self.range, source: "test", grammar: row.grammar)
        }
        #expect(PermissionEvaluator().covers(grant(row.gate, .denied), grant(row.allow, .auto)) == row.covers)
    }

    @Test func deniedAndAskedEntriesDoNotRunUnasked() {
        var profile = AgentProfile(name: "x", format: .claudeSettings, range: Self.range)
        func grant(_ pattern: String, _ approval: Approval) -> ToolGrant {
            ToolGrant(pattern: pattern, kind: .builtin, approval: approval, range: Self.range, source: "test", grammar: .claudeCode)
        }
        profile.tools = .present([grant("Bash(git push:*)", .auto), grant("Bash(sudo:*)", .auto), grant("Edit(src/**)", .auto),
                                  grant("Bash(git:*)", .required)])
        let unasked = PermissionEvaluator().unasked(profile)
        #expect(unasked.map(\.grant.pattern) == ["Bash(sudo:*)", "Edit(src/**)"])
        #expect(unasked.filter(\.isDangerous).map(\.grant.pattern) == ["Bash(sudo:*)"])
    }

    /// Issue 15's examples, each alone in `permissions.allow`: the narrow workspace edits run
    /// unasked and harmless; the wrappers and the open push prefix are dangerous.
    @Test(arguments: [("Edit(src/**)", false), ("Write(docs/**)", false), ("Bash(sudo:*)", true), ("Bash(sh -c *)", true), ("Bash(git push:*)", true)])
    func issueExamples(_ pattern: String, _ dangerous: Bool) {
        var profile = AgentProfile(name: "x", format: .claudeSettings, range: Self.range)
        profile.tools = .present([ToolGrant(pattern: pattern, kind: .builtin, approval: .auto, range: Self.range, source: "permissions.allow", grammar: .claudeCode)])
        let unasked = PermissionEvaluator().unasked(profile)
        #expect(unasked.map(\.grant.pattern) == [pattern])
        #expect(unasked.map(\.isDangerous) == [dangerous])
    }

    struct LastMatch: CustomTestStringConvertible, Sendable {
        var rules: [(pattern: String, approval: Approval)]
        var unasked: [String]
        var testDescription: String { rules.map { "\($0.pattern)=\($0.approval)" }.joined(separator: ", ") }
    }

    /// OpenCode: rules in the order written, the last match winning; OpenCode's default (the
    /// whole tool allowed) comes first, where a map has no `*`.
    static let lastMatches: [LastMatch] = [
        LastMatch(rules: [("bash", .auto), ("bash(rm *)", .denied)], unasked: ["bash"]),
        LastMatch(rules: [("bash", .required), ("bash(git status *)", .auto)], unasked: ["bash(git status *)"]),
        LastMatch(rules: [("bash(git push *)", .auto), ("bash", .required)], unasked: []),
        LastMatch(rules: [("bash", .auto), ("bash(git push *)", .required)], unasked: ["bash"]),
        LastMatch(rules: [("bash(git *)", .auto), ("bash(git push *)", .denied)], unasked: ["bash(git *)"]),
    ]

    @Test(arguments: lastMatches)
    func openCodeLastMatchWins(_ row: LastMatch) {
        var profile = AgentProfile(name: "x", format: .opencode, range: Self.range)
        profile.tools = .present(row.rules.enumerated().map { index, rule in
            let at = SourceRange(path: "opencode.json", start: .init(line: index + 1, column: 1, offset: index * 10),
                                 end: .init(line: index + 1, column: 1, offset: index * 10 + 5))
            return ToolGrant(pattern: rule.pattern, kind: .builtin, approval: rule.approval, range: at, source: "test", grammar: .openCode)
        })
        #expect(PermissionEvaluator().unasked(profile).map(\.grant.pattern) == row.unasked)
    }

    struct Priority: CustomTestStringConvertible, Sendable {
        var gate: (pattern: String, approval: Approval, priority: Int, offset: Int)
        var allow: (pattern: String, priority: Int, offset: Int)
        var samePath = true
        var unasked: Bool
        var testDescription: String { "\(gate.pattern)@\(gate.priority) over \(allow.pattern)@\(allow.priority)" }
    }

    /// Gemini CLI policy files: the matching rule of highest priority decides.
    static let priorities: [Priority] = [
        Priority(gate: ("run_shell_command", .denied, 10, 0), allow: ("run_shell_command(git status)", 100, 50), unasked: true),
        Priority(gate: ("run_shell_command", .denied, 100, 0), allow: ("run_shell_command(git status)", 10, 50), unasked: false),
        Priority(gate: ("run_shell_command(git)", .required, 500, 90), allow: ("run_shell_command(git push)", 200, 10), unasked: false),
        // Equal priority in one file: the rule written first is tried first.
        Priority(gate: ("run_shell_command", .required, 100, 0), allow: ("run_shell_command(npm test)", 100, 50), unasked: false),
        Priority(gate: ("run_shell_command", .required, 100, 50), allow: ("run_shell_command(npm test)", 100, 0), unasked: true),
        // Equal priority in two files: not said by the docs; ask and deny win.
        Priority(gate: ("run_shell_command", .required, 100, 50), allow: ("run_shell_command(npm test)", 100, 0), samePath: false, unasked: false),
    ]

    @Test(arguments: priorities)
    func geminiPriorityDecides(_ row: Priority) {
        func range(_ offset: Int, _ path: String) -> SourceRange {
            SourceRange(path: path, start: .init(line: 1, column: 1, offset: offset), end: .init(line: 1, column: 1, offset: offset))
        }
        var gate = ToolGrant(pattern: row.gate.pattern, kind: .builtin, approval: row.gate.approval, range: range(row.gate.offset, "a.toml"),
                             source: "test", grammar: .geminiCLI)
        gate.priority = row.gate.priority
        var allow = ToolGrant(pattern: row.allow.pattern, kind: .builtin, approval: .auto, range: range(row.allow.offset, row.samePath ? "a.toml" : "b.toml"),
                              source: "test", grammar: .geminiCLI)
        allow.priority = row.allow.priority
        var profile = AgentProfile(name: "x", format: .geminiPolicy, range: Self.range)
        profile.tools = .present([gate, allow])
        #expect(PermissionEvaluator().unasked(profile).map(\.grant.pattern).contains(row.allow.pattern) == row.unasked)
    }

    @Test func shellWordsSplitCommandsAndQuotes() {
        #expect(ShellWords.words("sh -c 'git status && rm x'") == ["sh", "-c", "git status && rm x"])
        #expect(ShellWords.group(ShellWords.words("a b&&c|d; e")) == [["a", "b"], ["c"], ["d"], ["e"]])
        #expect(ShellWords.words("unterminated 'quote") == ["unterminated", "quote"])
    }
}

private enum ClaudeKind {
    static func of(_ pattern: String) -> ToolGrant.Kind {
        pattern.components(separatedBy: "__").count > 2 && !pattern.hasSuffix("*") ? .mcp : .toolset
    }
}
