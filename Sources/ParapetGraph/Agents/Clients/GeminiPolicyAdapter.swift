import ParapetCore
import ParapetSyntax

/// Gemini CLI policy files (`.gemini/policies/*.toml`; geminicli.com/docs/reference/policy-engine,
/// checked 2026-12-07): `[[rule]]` tables with `toolName` (one or a list), `mcpName`,
/// `commandPrefix` (one or a list) or `argsPattern`, and `decision` = `allow` | `deny` |
/// `ask_user`. A shell rule becomes `run_shell_command(<prefix>)`, read by Gemini's prefix
/// grammar. Merged with the project's `.gemini/settings.json` (`ClientProject.gemini`).
/// `priority` (0 to 999, 0 when not written) is kept on each grant: the highest-priority
/// matching rule decides (the permission evaluator weighs it).
enum GeminiPolicyAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.geminiPolicy] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        var facts = ClientFacts()
        facts.toolsSaid = true
        for rule in root["rule"]?.sequence ?? [] where rule.isMapping {
            guard let decision = ClientData.text(rule["decision"]), let approval = approval(decision) else { continue }
            let server = ClientData.text(rule["mcpName"])
            let tools = ClientData.strings(rule["toolName"], typed: true)
            let prefixes = ClientData.strings(rule["commandPrefix"], typed: true)
            let pattern = ClientData.text(rule["argsPattern"])
            let priority = rule["priority"]?.string.flatMap { Int($0) } ?? 0
            let start = facts.grants.count
            let named: [(text: String, range: SourceRange)] = tools.isEmpty ? [(server.map { "\($0)__*" } ?? "*", rule.range)] : tools
            for tool in named {
                let qualified = server.map { tool.text.hasPrefix("\($0)__") ? tool.text : "\($0)__\(tool.text)" } ?? tool.text
                let kind: ToolGrant.Kind = server == nil ? .builtin : (tool.text == "*" || tool.text.hasSuffix("__*") ? .toolset : .mcp)
                if !prefixes.isEmpty {
                    for prefix in prefixes {
                        facts.grants.append(ToolGrant(pattern: "\(qualified)(\(prefix.text))", kind: kind, approval: approval, range: prefix.range,
                                                      source: "rule.commandPrefix", grammar: .geminiCLI))
                    }
                } else if let pattern {
                    // A regular expression over the arguments: narrower than the tool, not read further.
                    facts.grants.append(ToolGrant(pattern: "\(qualified)(/\(pattern)/)", kind: kind, approval: approval,
                                                  range: rule["argsPattern"]?.range ?? tool.range, source: "rule.argsPattern", grammar: .geminiCLI))
                } else {
                    facts.grants.append(ToolGrant(pattern: qualified, kind: kind, approval: approval, range: tool.range,
                                                  source: "rule.toolName", grammar: .geminiCLI))
                }
            }
            for index in facts.grants.indices.dropFirst(start) { facts.grants[index].priority = priority }
        }
        return [facts.profile(name: "gemini-cli", format: file.kind, range: root.range, expressible: [.tools], budgetKinds: [])]
    }

    static func approval(_ decision: String) -> Approval? {
        switch decision {
        case "allow": .auto
        case "deny": .denied
        case "ask_user": .required
        default: nil
        }
    }
}
