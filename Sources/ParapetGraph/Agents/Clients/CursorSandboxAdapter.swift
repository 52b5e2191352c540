import ParapetCore
import ParapetSyntax

/// Cursor `.cursor/sandbox.json` (cursor.com/docs/reference/sandbox, checked 2026-12-07): `type`
/// `workspace_readwrite` | `workspace_readonly` | `insecure_none` (no sandbox at all),
/// `networkPolicy` `{default: allow | deny, allow: [...], deny: [...]}` (or `network`
/// `{allowedDomains: [...], deniedDomains: [...]}`, as in Khan/todo-app), and folders outside the
/// workspace the terminal may write (`additionalReadwritePaths`). It merges with the project's
/// other `.cursor/` files (`ClientProject.cursor`).
enum CursorSandboxAdapter: AgentAdapter {
    static var kinds: Set<FileKind> { [.cursorSandbox] }

    static func profiles(in file: ParsedFile) -> [AgentProfile] {
        guard let root = file.documents.first, root.isMapping else { return [] }
        var facts = ClientFacts()
        let policy = root["networkPolicy"]
        if let type = root["type"], ClientData.text(type) == "insecure_none" {
            facts.setEgress(EgressPosture(network: .unrestricted, evidence: "type: insecure_none (no sandbox)", range: type.range))
        } else if let policy, policy.isMapping {
            let allowed = ClientData.strings(policy["allow"], typed: true).map(\.text)
            if let node = policy["default"], ClientData.text(node) == "allow" {
                facts.setEgress(EgressPosture(network: .unrestricted, evidence: "networkPolicy.default: allow", range: node.range))
            } else if allowed.contains("*") {
                facts.setEgress(EgressPosture(network: .unrestricted, evidence: "networkPolicy.allow contains \"*\"", range: policy["allow"]?.range ?? policy.range))
            } else {
                facts.setEgress(EgressPosture(network: .allowList(allowed), evidence: "networkPolicy.allow", range: policy["allow"]?.range ?? policy.range))
            }
        } else if let network = root["network"], network.isMapping, let list = network["allowedDomains"] {
            // The `network.allowedDomains` / `deniedDomains` shape (seen in repositories, the
            // same keys as Claude Code's sandbox): an allow-list restricts, `*` opens; a deny
            // list only narrows what the allow-list admits.
            let allowed = ClientData.strings(list, typed: true).map(\.text)
            if allowed.contains("*") {
                facts.setEgress(EgressPosture(network: .unrestricted, evidence: "network.allowedDomains contains \"*\"", range: list.range))
            } else {
                facts.setEgress(EgressPosture(network: .allowList(allowed), evidence: "network.allowedDomains", range: list.range))
            }
        }
        for item in ClientData.strings(root["additionalReadwritePaths"], typed: true) where !item.text.isEmpty {
            facts.directories.append((item.text, "additionalReadwritePaths", item.range))
        }
        return [facts.profile(name: "cursor", format: file.kind, range: root.range, expressible: [.egress], budgetKinds: [])]
    }
}
