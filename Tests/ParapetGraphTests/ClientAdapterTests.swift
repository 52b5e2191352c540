import ParapetCore
import Testing
@testable import ParapetGraph
@testable import ParapetSyntax

/// Focused tests of the client adapters' helpers: the map from embedded text to the file, shell
/// words, tool lists, and that no adapter traps on odd input.
@Suite struct ClientAdapterTests {
    func load(_ path: String, _ text: String) -> ParsedFile? {
        Loader().load(SourceFile(path: path, text: text))
    }

    func profiles(_ path: String, _ text: String) -> [AgentProfile] {
        guard let file = load(path, text), let adapter = AgentAdapters.adapter(for: file.kind) else { return [] }
        return adapter.profiles(in: file)
    }

    func at(_ range: SourceRange) -> String { "\(range.start.line):\(range.start.column)" }

    // MARK: - Embedded text

    @Test func literalBlockMapsEveryLineExactly() throws {
        let yaml = """
        with:
          settings: |
            {
              "model": "opus",
              "env": { "A": "1" }
            }
        """
        let source = SourceFile(path: "w.yml", text: yaml)
        let root = try #require(YAMLParser.parse(source).documents.first)
        let node = try #require(root["with"]?["settings"])
        let map = ClientTextMap.of(node, in: source)
        #expect(map.isExact)
        let text = try #require(node.scalar?.text)
        let settings = try #require(map.parseJSON(text))
        #expect(at(try #require(settings["model"]).range) == "4:16")
        #expect(at(try #require(settings.entry("env")).key.range) == "5:7")
        #expect(at(try #require(settings["env"]?["A"]).range) == "5:21")
    }

    @Test func foldedAndPlainScalarsMapExactly() throws {
        let yaml = """
        a: >
          --model opus
          --max-turns 5
        b: --model sonnet --max-turns 3
        c: "--allowedTools 'Read,Write' --model \\"x\\""
        """
        let source = SourceFile(path: "w.yml", text: yaml)
        let root = try #require(YAMLParser.parse(source).documents.first)
        for (key, needle, expected) in [("a", "5", "3:15"), ("b", "sonnet", "4:12"), ("c", "Write", "5:26"), ("c", "x", "5:43")] {
            let node = try #require(root[key])
            let text = try #require(node.scalar?.text)
            let map = ClientTextMap.of(node, in: source)
            #expect(map.isExact, "\(key)")
            let bytes = Array(text.utf8), wanted = Array(needle.utf8)
            let start = try #require((0 ... bytes.count - wanted.count).first { bytes[$0 ..< $0 + wanted.count].elementsEqual(wanted) })
            #expect(at(map.range(start, start + wanted.count)) == expected, "\(key) \(needle)")
        }
    }

    @Test func unmatchedTextFallsBackToTheScalar() throws {
        // A multi-line double-quoted scalar with an escaped line break is not mapped line by line.
        let yaml = "k: \"one \\\n  two\"\n"
        let source = SourceFile(path: "w.yml", text: yaml)
        let node = try #require(YAMLParser.parse(source).documents.first?["k"])
        let map = ClientTextMap.of(node, in: source)
        #expect(!map.isExact)
        #expect(map.range(0, 3) == node.range)
        #expect(map.range(-5, 100) == node.range)
    }

    // MARK: - Shell words and lists

    @Test func shellWordsHonourQuotesContinuationsAndExpressions() {
        let words = ClientShellWords.words("--allowedTools 'Bash(git log:*),Read' \\\n --model=${{ vars.MODEL }} \"a \\\"b\\\"\" # comment\n--x")
        #expect(words.map(\.text) == ["--allowedTools", "Bash(git log:*),Read", "--model=${{ vars.MODEL }}", "a \"b\"", "--x"])
        let commands = ClientShellWords.commands("npm ci && FOO=1 claude -p 'hi' | tee out; echo done")
        #expect(commands.map { $0.map(\.text) } == [["npm", "ci"], ["FOO=1", "claude", "-p", "hi"], ["tee", "out"], ["echo", "done"]])
        #expect(ClientShellWords.words("'unterminated").map(\.text) == ["unterminated"])
        #expect(ClientShellWords.words("").isEmpty)
    }

    @Test func toolListsSplitOutsideParentheses() {
        let items = ClientData.splitList("Read, Bash(git log:*),mcp__github  Write(a, b)\n")
        #expect(items.map(\.text) == ["Read", "Bash(git log:*)", "mcp__github", "Write(a, b)"])
        #expect(items.map(\.range) == [0 ..< 4, 6 ..< 21, 22 ..< 33, 35 ..< 46])
        #expect(ClientData.splitList(")))(( ,").map(\.text) == [")))(( ,"])
    }

    @Test func claudeToolKinds() {
        #expect(ClaudePermissions.kind("Bash(rm:*)") == .builtin)
        #expect(ClaudePermissions.kind("mcp__github") == .toolset)
        #expect(ClaudePermissions.kind("mcp__github__*") == .toolset)
        #expect(ClaudePermissions.kind("mcp__github__delete_repo") == .mcp)
        #expect(ClaudePermissions.mode("bypassPermissions") == .bypass)
        #expect(ClaudePermissions.mode("dontAsk") == .normal)
        #expect(ClaudePermissions.mode("acceptEdits") == .acceptEdits)
    }

    // MARK: - Facets

    @Test func mcpOnlyFormatsExpressOnlyServers() throws {
        let profile = try #require(profiles(".mcp.json", #"{"mcpServers":{"a":{"command":"npx","args":["-y","pkg"]}}}"#).first)
        #expect(profile.models.isExpressible == false)
        #expect(profile.telemetry.isExpressible == false)
        #expect(profile.budgetKinds.isEmpty)
        #expect(profile.servers.value?.first?.argumentRanges.count == 2)
    }

    @Test func runStepAssignmentsAreTheAgentsEnvironment() throws {
        let workflow = """
        on: push
        jobs:
          a:
            steps:
              - run: CLAUDE_CODE_MAX_TURNS=7 ANTHROPIC_MODEL=opus claude -p go
              - uses: anthropics/claude-code-action@v1
        """
        let all = profiles(".github/workflows/a.yml", workflow)
        #expect(all.count == 2)
        let run = try #require(all.first)
        #expect(run.models.value?.map(\.id) == ["opus"])
        #expect(run.caps(.turns)?.map(\.value) == ["7"])
        #expect(run.caps(.turns).map { $0.map { at($0.range) } } == ["5:36"])
    }

    @Test func geminiSandboxShapes() throws {
        func egress(_ json: String) -> EgressPosture.Network? {
            profiles(".gemini/settings.json", json).first?.egress.value?.network
        }
        #expect(egress(#"{"tools":{"sandbox":"docker"}}"#) == .denied)
        #expect(egress(#"{"tools":{"sandbox":"docker","sandboxNetworkAccess":true}}"#) == .unrestricted)
        #expect(egress(#"{"sandbox":false}"#) == .unrestricted)
        #expect(egress(#"{"tools":{"sandbox":{"enabled":false}}}"#) == .unrestricted)
        #expect(egress(#"{"tools":{"sandboxNetworkAccess":true}}"#) == .unrestricted)
        #expect(egress(#"{"tools":{"sandbox":null}}"#) == nil)
        #expect(egress(#"{}"#) == nil)
    }

    /// Odd shapes everywhere: wrong types, nulls, empty documents. Nothing may trap.
    @Test func oddInputNeverTraps() {
        let jsons = [
            "", "null", "[]", "[1,2]", "\"x\"", "{}", #"{"mcpServers":null}"#, #"{"mcpServers":[1,{"a":2}]}"#,
            #"{"mcpServers":{"a":{"command":{"x":1},"args":{"y":2},"url":[1],"type":3,"autoApprove":{"a":1},"trust":"yes","sandboxEnabled":true,"sandbox":[]}}}"#,
            #"{"servers":{"a":{"sandboxEnabled":true,"sandbox":{"network":{"allowedDomains":"*"}}}}}"#,
            #"{"permissions":{"allow":[[]],"defaultMode":null},"env":{"CLAUDE_CODE_ENABLE_TELEMETRY":1,"OTEL_LOGS_EXPORTER":",,"},"hooks":{"PostToolUse":[{"hooks":[{"type":"http","url":5}]}]}}"#,
            #"{"model":[],"tools":[],"telemetry":"on","general":3,"mcp":{"allowed":"x"},"hooks":{"AfterTool":{}}}"#,
            #"{"mcpAllowlist":"x","terminalAllowlist":[null],"permissions":{"allow":"Mcp(","deny":["Mcp(a,"]},"approvalMode":1}"#,
        ]
        let paths = [".mcp.json", ".claude/settings.json", "claude_desktop_config.json", ".cursor/mcp.json", ".cursor/permissions.json",
                     ".cursor/cli.json", ".vscode/mcp.json", "cline_mcp_settings.json", ".roo/mcp.json", "mcp_config.json",
                     ".gemini/settings.json", "mcp.json"]
        for path in paths {
            for json in jsons { _ = profiles(path, json) }
        }
        let markdown = ["", "---\n---\n", "---\nname: [\n---\n", "---\ntools:\n  - {a: 1}\n  - null\nmodel: 3\nmcpServers: x\n---\n",
                        "---\n- a\n- b\n---\n", "---\nname: a\ntools: \"\"\nmaxTurns: [1]\n---\n"]
        for text in markdown { _ = profiles(".claude/agents/a.md", text) }
        let workflows = [
            "jobs: 3", "jobs:\n  a: []", "jobs:\n  a:\n    steps: {}",
            "jobs:\n  a:\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with: [1]",
            "jobs:\n  a:\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: [1]\n          settings: '{\"model\": '\n          claude_env: '[: x'\n          allowed_tools: {a: 1}\n          mcp_config: '{}'",
            "jobs:\n  a:\n    steps:\n      - uses: openai/codex-action@v1\n        with:\n          codex-args: '[1, {\"a\": 2}'\n          sandbox: [x]",
            "jobs:\n  a:\n    steps:\n      - uses: openai/codex-action@v1\n        with:\n          codex-args: '-m'",
            "jobs:\n  a:\n    steps:\n      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: '{\"tools\": {\"sandbox\": {\"enabled\": \"x\"}}}'",
            "jobs:\n  a:\n    steps:\n      - run: claude --model\n      - run: claude --allowedTools\n      - run: '= claude'\n      - run: npx\n      - run: \"claude --settings '{' --mcp-config '{\\\"mcpServers\\\": 1}'\"\n      - uses: anthropics/claude-code-action@v1",
        ]
        for text in workflows { _ = profiles(".github/workflows/a.yml", text) }
    }
}
