import ParapetCore

/// Decides a file's kind: by its path where the path is telling, otherwise by the shape of its
/// parsed content (`mcpServers` in JSON, `apiVersion` + `kind` in YAML, crewAI's role + goal +
/// backstory). Files of no known kind are skipped, not errors.
public enum FileClassifier {
    public enum ByName: Equatable, Sendable {
        /// The path alone decides.
        case kind(FileKind)
        /// Parse with this syntax and decide by shape; `hint` is the kind the name suggests.
        case sniff(Syntax, hint: FileKind?)
        case unknown
    }

    public static func classify(path: String) -> ByName {
        let lower = path.lowercased()
        let segments = lower.split(separator: "/").map(String.init)
        let name = segments.last ?? lower
        let parent = segments.count >= 2 ? segments[segments.count - 2] : ""
        let grandparent = segments.count >= 3 ? segments[segments.count - 3] : ""

        if name.hasSuffix(".tf") { return .kind(.terraform) }
        if name.hasSuffix(".tf.json") { return .kind(.terraformJSON) }
        if name.hasSuffix(".tfvars") { return .kind(.tfvars) }
        if name.hasSuffix(".tfvars.json") { return .kind(.tfvarsJSON) }
        if name.hasSuffix(".prompty") { return .kind(.prompty) }
        if name.hasSuffix(".prompt.yml") || name.hasSuffix(".prompt.yaml") { return .kind(.githubPrompt) }

        if name.hasSuffix(".md") {
            // Skills and Copilot agents share the subagent's front matter keys; the name tells them apart.
            if name == "skill.md" { return .kind(.claudeSkill) }
            if let commands = segments.lastIndex(of: "commands"), commands > 0, segments[commands - 1] == ".claude" {
                return .kind(.claudeCommand)
            }
            if name.hasSuffix(".agent.md") || name.hasSuffix(".chatmode.md") { return .kind(.copilotAgent) }
            if parent == "agents" && grandparent == ".github" { return .kind(.copilotAgent) }
            // GitHub Agentic Workflows compile to a `.lock.yml`; the front matter is what people edit.
            if parent == "workflows" && grandparent == ".github" { return .kind(.agenticWorkflow) }
            if parent == "agents" && (grandparent == ".claude" || grandparent == "claude") { return .kind(.claudeSubagent) }
            return .sniff(.frontMatter, hint: nil)
        }
        if name == "opencode.json" || name == "opencode.jsonc" { return .kind(.opencode) }
        if name.hasSuffix(".json") {
            switch name {
            case ".mcp.json", ".claude.json": return .kind(.claudeMCP)
            case "claude_desktop_config.json": return .kind(.claudeDesktop)
            case "cline_mcp_settings.json": return .kind(.clineMCP)
            case "mcp_settings.json": return .kind(.rooMCP)
            case "mcp_config.json": return .kind(.windsurfMCP)
            case "langgraph.json", ".langgraph.json": return .kind(.langgraph)
            case "agent-card.json": return .sniff(.json, hint: .a2aCard)
            default: break
            }
            if name.hasPrefix("langgraph.") { return .kind(.langgraph) }
            if name.hasSuffix(".mcp.json") { return .kind(.claudeMCP) }
            switch (parent, name) {
            case (".claude", "settings.json"), (".claude", "settings.local.json"), (".claude", "managed-settings.json"):
                return .kind(.claudeSettings)
            case (".cursor", "mcp.json"): return .kind(.cursorMCP)
            case (".cursor", "hooks.json"): return .kind(.cursorHooks)
            case (".cursor", "sandbox.json"): return .kind(.cursorSandbox)
            case (".claude-plugin", "plugin.json"): return .kind(.claudePlugin)
            case (".claude-plugin", "marketplace.json"): return .kind(.claudeMarketplace)
            case (".windsurf", "hooks.json"), (".devin", "hooks.json"): return .kind(.windsurfHooks)
            case (".cursor", "permissions.json"), (".cursor", "cli.json"), (".cursor", "cli-config.json"):
                return .kind(.cursorPermissions)
            case (".vscode", "mcp.json"): return .kind(.vscodeMCP)
            case (".vscode", "settings.json"): return .sniff(.json, hint: .vscodeSettings)
            // Zed: `~/.config/zed/settings.json` (chezmoi's `private_settings.json`), project `.zed/`.
            case ("zed", "settings.json"), (".zed", "settings.json"), ("zed", "private_settings.json"), ("dot_zed", "settings.json"):
                return .sniff(.json, hint: .zedSettings)
            case (".roo", "mcp.json"), (".kilocode", "mcp.json"): return .kind(.rooMCP)
            case (".windsurf", "mcp_config.json"), (".codeium", "mcp_config.json"): return .kind(.windsurfMCP)
            case (".gemini", "settings.json"): return .kind(.geminiSettings)
            // A Gemini CLI extension: servers, excluded tools and context files, in the settings' keys.
            case (_, "gemini-extension.json"): return .kind(.geminiSettings)
            // Kiro agents and MCP settings: no Kiro adapter yet, but their `mcpServers` are MCP
            // servers like any other, and the rest is not Gemini CLI settings.
            case (".kiro", "mcp.json"): return .kind(.mcpConfig)
            case (_, _) where parent == "agents" && grandparent == ".kiro", (_, _) where parent == "cli-agents" && grandparent == ".amazonq":
                return .kind(.kiroAgent)
            case (_, _) where parent == "settings" && grandparent == ".kiro":
                return .kind(.mcpConfig)
            default: break
            }
            return .sniff(.json, hint: nil)
        }
        if name.hasSuffix(".toml") {
            if parent == ".codex" && name == "config.toml" { return .kind(.codexConfig) }
            if parent == "policies" && (grandparent == ".gemini" || grandparent == "gemini-cli") { return .kind(.geminiPolicy) }
            // Codex custom agents: the same keys as `config.toml`, for one agent.
            if parent == "agents" && grandparent == ".codex" { return .kind(.codexConfig) }
            return name.hasSuffix("config.toml") ? .sniff(.toml, hint: .codexConfig) : .unknown
        }
        if name == "kustomization.yaml" || name == "kustomization.yml" || name == "kustomization" {
            return .kind(.kustomization)
        }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            if segments.contains("templates") { return .sniff(.yaml, hint: .helmTemplate) }
            if parent == "workflows" && grandparent == ".github" { return .sniff(.yaml, hint: .agentWorkflow) }
            if parent == ".continue" || (parent == "agents" && grandparent == ".continue") { return .kind(.continueConfig) }
            if parent == "goose" && (name == "config.yaml" || name == "config.yml") { return .kind(.gooseConfig) }
            return .sniff(.yaml, hint: nil)
        }
        return .unknown
    }

    /// Decides by content. `text` is the raw source, for markers a parse cannot see (`{{ }}`).
    public static func sniff(_ documents: [DataNode], syntax: Syntax, hint: FileKind?, path: String, text: Substring) -> FileKind? {
        switch syntax {
        case .json: return sniffJSON(documents.first, hint: hint)
        case .toml: return sniffTOML(documents.first)
        case .frontMatter: return sniffFrontMatter(documents.first, path: path)
        case .yaml: return sniffYAML(documents, hint: hint, path: path, text: text)
        case .hcl: return nil
        }
    }

    /// Helm templates do not parse as YAML; the markers decide before any parse.
    public static func looksLikeHelmTemplate(_ text: Substring) -> Bool {
        text.containsBytes("{{") && (text.containsBytes(".Values") || text.containsBytes(".Release") || text.containsBytes(".Chart")
            || text.containsBytes("include \"") || text.containsBytes("{{-"))
    }

    static func sniffJSON(_ root: DataNode?, hint: FileKind?) -> FileKind? {
        guard let root, root.isMapping else { return nil }
        // VS Code settings matter only where they configure the chat agent.
        if hint == .zedSettings {
            return root["agent"] != nil || root["context_servers"] != nil ? .zedSettings : nil
        }
        if hint == .vscodeSettings {
            let agentKeys = (root.entries ?? []).contains { $0.name.hasPrefix("chat.") || ($0.name == "mcp" && $0.value["servers"] != nil) }
            return agentKeys ? .vscodeSettings : nil
        }
        if root["format_version"] != nil && (root["resource_changes"] != nil || root["planned_values"] != nil) {
            return .terraformPlan
        }
        if isKubernetesObject(root) {
            return root["apiVersion"]?.string?.hasPrefix("kagent.dev/") == true ? .kagent : .kubernetes
        }
        if let servers = root["mcpServers"], servers.isMapping {
            // Gemini CLI settings hold servers beside their own sections; Cline and Roo mark
            // auto-approved tools with their own keys.
            let geminiKeys = ["general", "ui", "tools", "telemetry", "context", "security", "privacy", "advanced", "experimental",
                              "coreTools", "excludeTools", "contextFileName", "autoAccept", "selectedAuthType", "theme"]
            if geminiKeys.contains(where: { root[$0] != nil }) { return .geminiSettings }
            let entries = servers.entries ?? []
            if entries.contains(where: { $0.value["alwaysAllow"] != nil }) { return .rooMCP }
            if entries.contains(where: { $0.value["autoApprove"] != nil }) { return .clineMCP }
            return .mcpConfig
        }
        if let servers = root["servers"], servers.isMapping, root["inputs"] != nil || hasMCPServerShape(servers) {
            return .vscodeMCP
        }
        // The MCP registry's `server.json`: its schema, or a reverse-DNS name with packages or remotes.
        if root["$schema"]?.string?.contains("/server.schema.json") == true
            || (root["name"]?.string?.contains("/") == true && root["version"] != nil && (root["packages"]?.sequence != nil || root["remotes"]?.sequence != nil)) {
            return .mcpServerJSON
        }
        if root["graphs"] != nil && (root["dependencies"] != nil || root["node_version"] != nil) { return .langgraph }
        if root["name"] != nil, root["skills"] != nil || root["capabilities"] != nil,
           root["url"] != nil || root["supportedInterfaces"] != nil || root["protocolVersion"] != nil {
            return .a2aCard
        }
        if let permissions = root["permissions"], permissions["allow"] != nil || permissions["deny"] != nil || permissions["defaultMode"] != nil {
            return .claudeSettings
        }
        // Claude Code settings anywhere (a template, `config/claude.json`), by their schema or by
        // keys no other client uses.
        if root["$schema"]?.string?.contains("claude-code-settings") == true { return .claudeSettings }
        let claudeKeys = ["enableAllProjectMcpServers", "enabledMcpjsonServers", "disabledMcpjsonServers", "includeCoAuthoredBy",
                          "apiKeyHelper", "statusLine", "outputStyle", "alwaysThinkingEnabled", "enabledPlugins",
                          "extraKnownMarketplaces", "cleanupPeriodDays", "forceLoginMethod", "awsAuthRefresh",
                          "skipDangerousModePermissionPrompt", "disableAllHooks", "otelHeadersHelper", "spinnerTipsEnabled"]
        if claudeKeys.contains(where: { root[$0] != nil }) { return .claudeSettings }
        if root["hooks"] != nil && (root["env"] != nil || root["model"] != nil || root["permissions"] != nil) {
            return .claudeSettings
        }
        let hookEvents: Set<String> = ["PreToolUse", "PostToolUse", "UserPromptSubmit", "Stop", "SessionStart", "Notification", "SubagentStop", "PreCompact"]
        if let hooks = root["hooks"]?.entries, !hooks.isEmpty, hooks.allSatisfy({ hookEvents.contains($0.name) }) {
            return .claudeSettings
        }
        return hint == .a2aCard && root["name"] != nil && root["skills"] != nil ? .a2aCard : nil
    }

    /// A Kubernetes object or `List` written as JSON (`kubectl get -o json`). Stricter than for
    /// YAML, because other JSON files carry a `kind` too: `apiVersion` must read as an API
    /// version (`v1`, `apps/v1`, `kagent.dev/v1alpha2`) and `kind` as a type name.
    static func isKubernetesObject(_ root: DataNode) -> Bool {
        guard let version = root["apiVersion"]?.string, let kind = root["kind"]?.string,
              let first = kind.first, first.isUppercase, kind.allSatisfy({ $0.isLetter || $0.isNumber }) else { return false }
        let parts = version.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let last = parts.last, isAPIVersion(last) else { return false }
        if parts.count == 2 {
            let group = parts[0]
            guard !group.isEmpty, group.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }) else { return false }
        }
        return kind.hasSuffix("List") ? root["items"]?.sequence != nil : true
    }

    /// `v1`, `v2beta3`, `v1alpha1`.
    static func isAPIVersion(_ text: Substring) -> Bool {
        guard text.first == "v" else { return false }
        let rest = text.dropFirst()
        let major = rest.prefix(while: \.isNumber)
        guard !major.isEmpty else { return false }
        let suffix = rest.dropFirst(major.count)
        if suffix.isEmpty { return true }
        for stage in ["alpha", "beta"] where suffix.hasPrefix(stage) {
            let number = suffix.dropFirst(stage.count)
            return !number.isEmpty && number.allSatisfy(\.isNumber)
        }
        return false
    }

    static func hasMCPServerShape(_ servers: DataNode) -> Bool {
        servers.entries?.contains { $0.value["command"] != nil || $0.value["url"] != nil } ?? false
    }

    static func sniffTOML(_ root: DataNode?) -> FileKind? {
        guard let root else { return nil }
        let codexKeys = ["model", "approval_policy", "sandbox_mode", "mcp_servers", "model_provider", "profiles", "otel", "sandbox_workspace_write"]
        return codexKeys.contains(where: { root[$0] != nil }) ? .codexConfig : nil
    }

    static func sniffFrontMatter(_ root: DataNode?, path: String) -> FileKind? {
        guard let root, root["name"] != nil, root["description"] != nil else { return nil }
        let agentKeys = ["tools", "model", "permissionMode", "maxTurns", "disallowedTools", "mcpServers", "color"]
        let lower = path.lowercased()
        if lower.containsBytes(".github/agents/") || lower.containsBytes(".github/chatmodes/") { return .copilotAgent }
        return agentKeys.contains(where: { root[$0] != nil }) || lower.containsBytes("agents/") ? .claudeSubagent : nil
    }

    static func sniffYAML(_ documents: [DataNode], hint: FileKind?, path: String, text: Substring) -> FileKind? {
        let mappings = documents.filter(\.isMapping)
        guard let first = mappings.first else { return nil }
        let objects = mappings.filter { $0["apiVersion"]?.string != nil && $0["kind"]?.string != nil }
        if !objects.isEmpty {
            if objects.contains(where: { $0["apiVersion"]?.string?.hasPrefix("kagent.dev/") == true }) { return .kagent }
            return .kubernetes
        }
        if let list = first["items"]?.sequence, first["kind"]?.string == "List", !list.isEmpty { return .kubernetes }
        if first["jobs"] != nil && (first["on"] != nil || first[""] != nil || hint == .agentWorkflow) {
            let agentActions = ["anthropics/claude-code-action", "openai/codex-action", "google-github-actions/run-gemini-cli",
                                "@anthropic-ai/claude-code", "--dangerously-skip-permissions"]
            if agentActions.contains(where: { text.containsBytes($0) }) { return .agentWorkflow }
            // A `run:` step that calls the Claude Code CLI.
            let runsClaude = text.split(separator: "\n").contains { line in
                let trimmed = line.drop(while: { $0 == " " || $0 == "-" })
                return (trimmed.hasPrefix("run: claude ") || trimmed.hasPrefix("claude -p") || trimmed.hasPrefix("claude --"))
            }
            return runsClaude ? .agentWorkflow : nil
        }
        if first["schema"]?.string == "v1" || (first["models"]?.sequence != nil && first["name"] != nil && first["version"] != nil) {
            return .continueConfig
        }
        if let agents = first["agents"], let entries = agents.entries, !entries.isEmpty,
           entries.allSatisfy({ $0.value.isMapping }),
           entries.contains(where: { $0.value["model"] != nil || $0.value["instruction"] != nil || $0.value["toolsets"] != nil }) {
            return .cagent
        }
        if first["agent_class"] != nil || (first["name"] != nil && first["instruction"] != nil && first["apiVersion"] == nil) {
            return .adkAgent
        }
        if first["messages"]?.sequence != nil && (first["model"] != nil || first["name"] != nil) { return .githubPrompt }
        if let entries = first.entries, !entries.isEmpty, entries.allSatisfy({ $0.value.isMapping }) {
            if entries.allSatisfy({ $0.value["role"] != nil && $0.value["goal"] != nil }) { return .crewaiAgents }
            if entries.allSatisfy({ $0.value["description"] != nil && $0.value["expected_output"] != nil }) { return .crewaiTasks }
        }
        return nil
    }
}
