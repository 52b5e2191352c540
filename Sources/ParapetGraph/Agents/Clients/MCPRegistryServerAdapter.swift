import ParapetCore
import ParapetSyntax

/// The MCP registry's `server.json` (schema `static.modelcontextprotocol.io/schemas/<date>/
/// server.schema.json`, checked 2026-12-07): what a client installs when it adds the server.
/// `packages[]` (`registryType` npm, pypi, oci, nuget, mcpb; `identifier`; `version`, which the
/// registry requires to be exact) are fetched sources; `remotes[]` (`type`, `url`) are servers a
/// client connects to. An `mcpb` bundle with a `fileSha256` is pinned by its hash.
enum MCPRegistryServerAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.mcpServerJSON] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        let name = ClientData.text(root["name"]) ?? "server"
        var facts = ClientFacts()
        facts.serversSaid = true
        for (index, remote) in (root["remotes"]?.sequence ?? []).enumerated() {
            guard let url = remote["url"], let text = ClientData.text(url) else { continue }
            let transport: ToolServer.Transport = ClientData.text(remote["type"]) == "sse" ? .sse : .http
            facts.servers.append(ToolServer(name: "remotes[\(index)]", transport: transport, url: text, urlRange: url.range, range: remote.range))
        }
        var sources: [FetchedSource] = []
        for package in root["packages"]?.sequence ?? [] {
            guard let identifier = ClientData.text(package["identifier"]) else { continue }
            let type = ClientData.text(package["registryType"]) ?? "?"
            if type == "mcpb", ClientData.text(package["fileSha256"]) != nil { continue }
            var version = ClientData.string(package["version"])
            var range = package["version"]?.range ?? package.range
            // An image names its version in its tag (or is pinned by a digest).
            if type == "oci" {
                if identifier.contains("@sha256:") { continue }
                let last = identifier.split(separator: "/").last.map(String.init) ?? identifier
                version = last.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? version
                range = package["identifier"]?.range ?? range
            }
            sources.append(FetchedSource(name: type, kind: .package, location: identifier, version: version, range: range))
        }
        var profile = facts.profile(name: "mcp server \(name)", format: file.kind, range: root.range, expressible: [.servers], budgetKinds: [])
        profile.fetchedSources = sources
        return [profile]
    }
}
