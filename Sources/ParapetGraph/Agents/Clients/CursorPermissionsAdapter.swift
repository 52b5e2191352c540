import ParapetCore
import ParapetSyntax

/// Cursor's permission files. `.cursor/permissions.json` (JSONC): `mcpAllowlist` and
/// `terminalAllowlist` run without approval (`autoRun` only steers the auto-review classifier).
/// Cursor CLI `.cursor/cli.json` / `cli-config.json`: `permissions.allow` / `deny` patterns
/// (`Shell(git)`, `Read(src/**)`, `Mcp(server, tool)`) and `approvalMode` (`unrestricted` runs
/// everything without asking).
enum CursorPermissionsAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.cursorPermissions] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        let isCLI = !file.source.path.lowercased().hasSuffix("permissions.json")
        var facts = ClientFacts()
        if isCLI {
            let permissions = root["permissions"]
            for (key, approval) in [("allow", Approval.auto), ("deny", .denied)] {
                guard let list = permissions?[key] else { continue }
                facts.toolsSaid = true
                for item in ClientData.strings(list, typed: true) {
                    facts.grants.append(ToolGrant(pattern: item.text, kind: cliKind(item.text), approval: approval,
                                                  range: item.range, source: "permissions.\(key)", grammar: .cursorCLI))
                }
            }
            if let node = root["approvalMode"], let value = node.string {
                let mode: ApprovalMode.Mode = ["unrestricted", "yolo"].contains(value.lowercased()) ? .bypass : .normal
                facts.setApproval(ApprovalMode(mode: mode, setting: "approvalMode: \(value)", range: node.range))
            }
            return [facts.profile(name: "cursor-cli", format: file.kind, range: root.range, expressible: [.tools, .approval], budgetKinds: [])]
        }
        if let list = root["mcpAllowlist"] {
            facts.toolsSaid = true
            for item in ClientData.strings(list, typed: true) {
                facts.grants.append(ToolGrant(pattern: item.text, kind: allowlistKind(item.text), approval: .auto,
                                              range: item.range, source: "mcpAllowlist", grammar: .cursorCLI))
            }
        }
        if let list = root["terminalAllowlist"] {
            facts.toolsSaid = true
            for item in ClientData.strings(list, typed: true) {
                facts.grants.append(ToolGrant(pattern: item.text, kind: .builtin, approval: .auto, range: item.range, source: "terminalAllowlist",
                                              grammar: .commandPrefix))
            }
        }
        return [facts.profile(name: "cursor", format: file.kind, range: root.range, expressible: [.tools], budgetKinds: [])]
    }

    /// `Mcp(server, tool)`: one tool, or the whole server with `*`; everything else is built in.
    static func cliKind(_ pattern: String) -> ToolGrant.Kind {
        guard pattern.hasPrefix("Mcp(") else { return .builtin }
        let inside = pattern.dropFirst(4).split(separator: ",", maxSplits: 1)
        guard inside.count == 2 else { return .toolset }
        let tool = ClientData.trim(String(inside[1].prefix { $0 != ")" }))
        return tool.isEmpty || tool == "*" ? .toolset : .mcp
    }

    /// `server:tool`, `server:*`, `*`.
    static func allowlistKind(_ pattern: String) -> ToolGrant.Kind {
        if pattern == "*" || pattern.hasSuffix(":*") { return .toolset }
        return .mcp
    }
}
