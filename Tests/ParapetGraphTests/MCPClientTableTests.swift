import ParapetCore
import Testing
@testable import ParapetGraph
@testable import ParapetSyntax

/// The MCP client table: one row per client with a file, one reader for all rows.
@Suite struct MCPClientTableTests {
    func root(_ text: String) throws -> DataNode {
        try #require(JSONParser.parse(SourceFile(path: "x.json", text: text)).documents.first)
    }

    @Test func everyClientFileKindHasExactlyOneRow() {
        let kinds = MCPClient.all.compactMap(\.kind)
        #expect(Set(kinds).count == kinds.count)
        for kind in [FileKind.claudeMCP, .claudeDesktop, .cursorMCP, .vscodeMCP, .clineMCP, .rooMCP, .windsurfMCP, .mcpConfig] {
            #expect(MCPClient.client(for: kind) != nil, "\(kind)")
            #expect(AgentAdapters.adapter(for: kind) == MCPClientAdapter.self, "\(kind)")
        }
    }

    /// A client that is only a row: Zed's `context_servers` under a nested key, with an address
    /// under its own key; the generic reader needs nothing else.
    @Test func aNewClientIsOneRow() throws {
        let zed = MCPClient(agent: "zed", kind: nil, serversKey: ["agent", "context_servers"], urlKeys: ["endpoint"], untypedURL: .http,
                            approvalKeys: [.list("autoApprove", .auto)], tools: .always)
        let json = try root(#"{"agent": {"context_servers": {"docs": {"endpoint": "https://docs.example.com/mcp", "autoApprove": ["search"]}, "fs": {"command": "npx", "args": ["-y", "fs-mcp@1.0.0"], "enabled": false}}}}"#)
        let servers = zed.serversKey.reduce(Optional(json)) { $0?[$1] }
        let read = MCPServersReader.read(servers, client: zed)
        #expect(read.servers.map(\.name) == ["docs", "fs"])
        #expect(read.servers.first?.transport == .http)
        #expect(read.servers.first?.url == "https://docs.example.com/mcp")
        #expect(read.servers.last?.disabled == true)
        #expect(read.grants.map(\.source) == ["agent.context_servers.docs.autoApprove"])
    }

    @Test func untypedAddressesFollowEachClientsRule() throws {
        let json = try root(#"{"a": {"url": "https://x.example/mcp"}, "b": {"httpUrl": "https://y.example/mcp"}}"#)
        let transports: (MCPClient) -> [ToolServer.Transport] = { MCPServersReader.read(json, client: $0).servers.map(\.transport) }
        #expect(transports(.cline) == [.sse, .unknown])
        #expect(transports(.cursor) == [.http, .unknown])
        #expect(transports(.claudeCode) == [.unknown, .unknown])
        #expect(transports(.gemini) == [.sse, .http])
        #expect(transports(.generic) == [.unknown, .http])
    }

    /// One reading of booleans, with each format's spelling: JSON clients take `"true"` but not
    /// `"yes"`; YAML 1.1 and env-style readers take both.
    @Test func booleansHaveOneReaderWithTwoSpellings() throws {
        let json = try root(#"{"a": true, "b": "false", "c": "yes", "d": 1, "e": "maybe", "f": "0"}"#)
        #expect(["a", "b", "c", "d", "e", "f"].map { ClientData.bool(json[$0]) } == [true, false, nil, nil, nil, nil])
        #expect(["a", "b", "c", "d", "e", "f"].map { ClientData.bool(json[$0], .loose) } == [true, false, true, true, nil, false])
        #expect(Manifest.bool(json["c"]) == true)
    }
}
