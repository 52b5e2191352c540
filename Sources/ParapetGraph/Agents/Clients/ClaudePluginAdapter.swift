import ParapetCore
import ParapetSyntax

/// Claude Code plugins (code.claude.com/docs/en/plugins-reference and
/// /plugin-marketplaces, checked 2026-12-07). A plugin manifest (`.claude-plugin/plugin.json`)
/// brings MCP servers and hooks when written inline; a marketplace
/// (`.claude-plugin/marketplace.json`) lists plugins with where each comes from: a folder of the
/// same repository, `github` (`repo`, `ref`, `sha`), `url` and `git-subdir` (`url`, `ref`,
/// `sha`), or `npm` (`package`, `version`).
enum ClaudePluginAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.claudePlugin, .claudeMarketplace] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        let name = ClientData.text(root["name"]).flatMap { $0.isEmpty ? nil : $0 } ?? "plugin"
        var facts = ClientFacts()
        if file.kind == .claudeMarketplace {
            var profile = facts.profile(name: "marketplace \(name)", format: file.kind, range: root.range, expressible: [], budgetKinds: [])
            profile.fetchedSources = (root["plugins"]?.sequence ?? []).compactMap(source)
            return [profile]
        }
        var expressible: ClientFacts.Expressible = []
        // `mcpServers` and `hooks` may be paths to files of the plugin instead; those files are
        // read as what they are (`.mcp.json`, `hooks/hooks.json`) where the scan finds them.
        if let servers = root["mcpServers"], servers.isMapping {
            facts.servers = MCPServersReader.read(servers, client: .claudeCode).servers
            facts.serversSaid = true
            expressible.insert(.servers)
        }
        if let hooks = root["hooks"], hooks.isMapping {
            ClaudeSettingsReader.readHooks(root, provider: "anthropic", prefix: "", into: &facts)
            expressible.insert(.telemetry)
        }
        var profile = facts.profile(name: "plugin \(name)", format: file.kind, range: root.range, expressible: expressible, budgetKinds: [])
        profile.canDeclareTracing = false
        return [profile]
    }

    /// One marketplace entry's `source`: a string is a folder of this repository.
    static func source(_ plugin: DataNode) -> FetchedSource? {
        let name = "plugin `\(ClientData.text(plugin["name"]) ?? "?")`"
        guard let node = plugin["source"] else { return nil }
        if let path = ClientData.text(node) {
            let kind: FetchedSource.Kind = path.hasPrefix("./") || path.hasPrefix("../") || path == "." ? .path : .git
            return FetchedSource(name: name, kind: kind, location: path, range: node.range)
        }
        guard node.isMapping, let type = ClientData.text(node["source"]) else { return nil }
        let ref = ClientData.text(node["ref"]), sha = ClientData.text(node["sha"])
        switch type {
        case "github":
            return FetchedSource(name: name, kind: .git, location: "github:\(ClientData.text(node["repo"]) ?? "?")", ref: ref, sha: sha, range: node.range)
        case "url", "git", "git-subdir":
            return FetchedSource(name: name, kind: .git, location: ClientData.text(node["url"]) ?? "?", ref: ref, sha: sha, range: node.range)
        case "npm", "pip":
            return FetchedSource(name: name, kind: .package, location: ClientData.text(node["package"]) ?? "?",
                                 version: ClientData.string(node["version"]), range: node.range)
        default:
            return nil
        }
    }
}
