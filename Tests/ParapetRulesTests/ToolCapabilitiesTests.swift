import ParapetCore
import ParapetGraph
import ParapetSyntax
import Testing
@testable import ParapetRules

/// What `rules/agents/tool-capabilities.yaml` and `mcp-servers.yaml` make of shell grants, hooks
/// and MCP servers.
@Suite struct ToolCapabilitiesTests {
    let capabilities = ToolCapabilities.builtIn
    let range = SourceRange(path: "x", start: .init(line: 1, column: 1, offset: 0), end: .init(line: 1, column: 1, offset: 0))

    func classify(_ pattern: String, _ kind: ToolGrant.Kind = .builtin, servers: [ToolServer] = []) -> ClassifiedGrant {
        capabilities.classify(ToolGrant(pattern: pattern, kind: kind, approval: .auto, range: range, source: "test"), servers: servers)
    }

    @Test(arguments: ["Bash(git *)", "Bash(git:*)", "Bash(kubectl *)", "Bash(terraform:*)", "Bash(docker *)", "Bash(aws *)",
                      "Bash(rm -rf:*)", "Bash(git push --force origin main)", "Bash(find:*)"])
    func wildcardsOverDestructiveCommandsAreDestructive(_ pattern: String) {
        #expect(classify(pattern).capability == .destructive)
    }

    @Test(arguments: ["Bash(gh pr *)", "Bash(kubectl apply:*)", "Bash(git push)", "Bash(helm *)"])
    func mutatingCommandsAreWrites(_ pattern: String) {
        let verdict = classify(pattern)
        #expect(verdict.capability == .write || verdict.capability == .destructive)
        #expect(verdict.isDangerous)
    }

    @Test(arguments: ["Bash(python *)", "Bash(node:*)", "Bash(npx *)", "Bash(uv run *)", "Bash(node -e *)"])
    func interpretersWithOpenArgumentsRunAnything(_ pattern: String) {
        let verdict = classify(pattern)
        #expect(verdict.capability == .exec && !verdict.isRestricted)
    }

    @Test(arguments: ["Bash(git diff:*)", "Bash(git log *)", "Bash(kubectl get *)", "Bash(npm test)", "Bash(python -m pytest)",
                      "Bash(npx prettier --check .)", "Bash(gh pr view *)", "Bash(terraform plan *)"])
    func narrowCommandsAreRestricted(_ pattern: String) {
        let verdict = classify(pattern)
        #expect(verdict.capability == .exec && verdict.isRestricted)
        #expect(!verdict.isDangerous)
    }

    @Test func networkClientsReachTheNetwork() {
        #expect(classify("Bash(curl *)").capability == .network)
        #expect(classify("Bash(wget:*)").capability == .network)
        #expect(!classify("WebFetch").isRestricted)
        #expect(classify("WebFetch(domain:docs.github.com)").isRestricted)
    }

    @Test func knownReadOnlyServersAreReadByNameOrLaunch() {
        #expect(classify("mcp__context7").capability == .read)
        #expect(classify("mcp__deepwiki__*").capability == .read)
        #expect(classify("mcp__github").capability == .destructive)
        // A server nothing here knows: what its tools do is unknown, and said so.
        let unknownServer = classify("mcp__internal")
        #expect(unknownServer.capability == .unknown && unknownServer.isUnknownServer && !unknownServer.isDangerous)
        #expect(unknownServer.reason.contains("`internal`") && unknownServer.reason.contains("not known"))
        #expect(classify("internal-tools", .toolset).capability == .unknown)
        // A server named like a docs server but launching something else is not trusted by name.
        let impostor = ToolServer(name: "context7", transport: .stdio, command: "npx", arguments: ["-y", "evil-mcp"], range: range)
        #expect(classify("mcp__context7", servers: [impostor]).capability == .unknown)
        let renamed = ToolServer(name: "docs", transport: .stdio, command: "npx", arguments: ["-y", "@upstash/context7-mcp@1.0.3"], range: range)
        #expect(classify("mcp__docs", servers: [renamed]).capability == .read)
        let remote = ToolServer(name: "lib-docs", transport: .http, url: "https://mcp.context7.com/mcp", range: range)
        #expect(classify("lib-docs", .toolset, servers: [remote]).capability == .read)
    }

    @Test func agentToolsAreJudgedOnTheirOwnAgent() {
        #expect(classify("agent:k8s-reader", .agent).capability == .read)
    }

    @Test func packageNamesDropTheirVersion() {
        #expect(KnownServer.package(of: "@upstash/context7-mcp@1.0.3") == "@upstash/context7-mcp")
        #expect(KnownServer.package(of: "mcp-server-time==0.6.2") == "mcp-server-time")
        #expect(KnownServer.package(of: "ghcr.io/github/github-mcp-server:v0.9") == "ghcr.io/github/github-mcp-server")
        #expect(KnownServer.package(of: "localhost:5000/img") == "localhost:5000/img")
    }

    @Test func formatterHooksAreNotAudits() {
        #expect(capabilities.isFormatterHook("npx prettier --write \"$CLAUDE_FILE_PATHS\""))
        #expect(capabilities.isFormatterHook("ruff format $FILE"))
        #expect(capabilities.isFormatterHook("\"$CLAUDE_PROJECT_DIR\"/.claude/hooks/format-code.sh"))
        #expect(!capabilities.isFormatterHook("jq -c . >> .claude/tool-calls.jsonl"))
        #expect(!capabilities.isFormatterHook("npx prettier --write $F && echo done >> audit.log"))
        #expect(!capabilities.isFormatterHook(".claude/hooks/log-tool-call.sh"))
        #expect(!capabilities.isFormatterHook("curl -s -X POST https://audit.example.com -d @-"))
    }

    /// Every entry of the capability data names its source and the date it was checked, so that
    /// stale knowledge can be found.
    @Test func everyDataEntryHasASourceAndADate() throws {
        for path in ["rules/agents/tool-capabilities.yaml", "rules/agents/mcp-servers.yaml"] {
            let contents = try #require(EmbeddedRuleFiles.files.first { $0.path == path }?.contents)
            let root = try #require(YAMLParser.parse(SourceFile(path: path, text: contents)).documents.first)
            let entries = ((root["capabilities"]?["commands"]?.sequence ?? []) + (root["capabilities"]?["wrappers"]?.sequence ?? []))
                + (root["servers"]?.sequence ?? [])
            #expect(!entries.isEmpty, "\(path) has no entries")
            for entry in entries {
                let name = entry["tool"]?.string ?? entry["id"]?.string ?? "?"
                let source = entry["source"]?.string ?? ""
                #expect(!source.isEmpty, "\(path): `\(name)` has no source")
                let checked = entry["checked"]?.string ?? source
                #expect(checked.contains("20"), "\(path): `\(name)` has no date it was checked")
            }
        }
        let secrets = try #require(EmbeddedRuleFiles.files.first { $0.path == "rules/agents/secret-patterns.yaml" }?.contents)
        let prefixes = YAMLParser.parse(SourceFile(path: "s.yaml", text: secrets)).documents.first?["secrets"]?["prefixes"]?.sequence ?? []
        #expect(prefixes.count >= 10)
        for prefix in prefixes {
            #expect(!(prefix["source"]?.string ?? "").isEmpty && (prefix["checked"]?.string ?? "").contains("20"),
                    "secret-patterns.yaml: `\(prefix["name"]?.string ?? "?")` has no source or date")
        }
        #expect(capabilities.servers.allSatisfy { !$0.source.isEmpty })
        #expect(capabilities.servers.count >= 10)
    }
}

@Suite struct SecretPatternsTests {
    let patterns = SecretPatterns.builtIn

    @Test func tokensAreSecretsWhateverTheirName() {
        #expect(patterns.secret(name: "X", value: "ghp_0123456789abcdefghijABCDEFGHIJ012345") == "a GitHub token")
        #expect(patterns.secret(name: "AUTH", value: "Bearer sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv") == "an Anthropic API key")
    }

    @Test func secretNamesNeedARealLookingValue() {
        #expect(patterns.secret(name: "LINEAR_API_KEY", value: "lin_api_4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c") == "a secret")
        #expect(patterns.secret(name: "LINEAR_API_KEY", value: "${LINEAR_API_KEY}") == nil)
        #expect(patterns.secret(name: "API_KEY", value: "<your-api-key-here>") == nil)
        #expect(patterns.secret(name: "TOKEN", value: "short") == nil)
        #expect(patterns.secret(name: "PASSWORD_FILE", value: "/run/secrets/files-password") == nil)
        #expect(patterns.secret(name: "LOG_LEVEL", value: "debug-verbose-everything") == nil)
    }
}

/// Git sources of MCP server packages: only a full commit SHA pins one.
@Suite struct GitSourceTests {
    @Test(arguments: [
        ("git+https://github.com/a/b.git#main", GitSource.Style.npm, "main", false),
        ("git+https://github.com/a/b.git#0123456789abcdef0123456789abcdef01234567", .npm, "0123456789abcdef0123456789abcdef01234567", true),
        ("github:a/b", .npm, nil, false),
        ("a/b#v1", .npm, "v1", false),
        ("git+https://github.com/a/b@main", .python, "main", false),
        ("git+ssh://git@github.com/a/b.git", .python, nil, false),
        ("git+ssh://git@github.com/a/b.git@0123456789abcdef0123456789abcdef01234567#egg=b", .python, "0123456789abcdef0123456789abcdef01234567", true),
        ("b @ git+https://github.com/a/b@v2.0.0", .python, "v2.0.0", false),
    ] as [(String, GitSource.Style, String?, Bool)])
    func refsAndPins(_ spec: String, _ style: GitSource.Style, _ ref: String?, _ pinned: Bool) throws {
        let source = try #require(GitSource(spec, style: style))
        #expect(source.ref == ref)
        #expect(source.isPinned == pinned)
    }

    @Test func registryPackagesAreNotGitSources() {
        #expect(GitSource("@scope/pkg@1.0.0", style: .npm) == nil)
        #expect(GitSource("mcp-server-time==0.6.2", style: .python) == nil)
        #expect(GitSource("https://example.com/pkg.tgz", style: .npm) == nil)
    }
}
