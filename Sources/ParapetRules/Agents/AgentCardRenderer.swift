import Foundation
import ParapetCore
import ParapetGraph

/// `parapet agents` output: text for a terminal, Markdown for a review document, JSON for tools.
public enum AgentCardRenderer {
    static let summaryHeader = ["agent", "model pinned", "can write", "network", "caps", "telemetry", "approval"]

    static func summaryRow(_ card: AgentCard) -> [String] {
        let s = card.summary
        return [card.name, s.modelPinned, s.canWrite, s.network, s.caps, s.telemetry, s.approval + (s.approvalFrom.map { " (from \($0))" } ?? "")]
    }

    public static func text(_ cards: [AgentCard]) -> String {
        var out = ""
        if !cards.isEmpty {
            // The summary first: one line per agent, columns padded to the widest value.
            let rows = [summaryHeader] + cards.map(summaryRow)
            let widths = summaryHeader.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                out += row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces) + "\n"
            }
            out += "\n"
        }
        for card in cards {
            out += "Agent \(card.name)  [\(card.format)]  \(card.location)\n"
            for line in lines(card) { out += "  \(line.0.padding(toLength: 10, withPad: " ", startingAt: 0)) \(line.1)\n" }
            out += "\n"
        }
        out += cards.isEmpty ? "No agents found.\n" : "\(cards.count) agent\(cards.count == 1 ? "" : "s")\n"
        return out
    }

    public static func markdown(_ cards: [AgentCard]) -> String {
        var out = "# Agents\n\n"
        if cards.isEmpty { return out + "No agents found.\n" }
        out += "| " + summaryHeader.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: summaryHeader.count) + "\n"
        for card in cards { out += "| " + summaryRow(card).map(code).joined(separator: " | ") + " |\n" }
        out += "\n"
        for card in cards {
            out += "## \(code(card.name))\n\n\(code(card.format)) defined at \(code(card.location))\n\n| | |\n| --- | --- |\n"
            // Values are written by the scanned repository: code spans keep Markdown, `$…$` math and
            // HTML in them from rendering.
            for line in lines(card) { out += "| \(line.0) | \(code(line.1)) |\n" }
            out += "\n```mermaid\nflowchart LR\n" + mermaidBody(card, id: "a") + "```\n\n"
        }
        return out
    }

    /// Every agent's reach as one Mermaid flowchart (`--format mermaid`).
    public static func mermaid(_ cards: [AgentCard]) -> String {
        "flowchart LR\n" + cards.enumerated().map { mermaidBody($0.element, id: "a\($0.offset)") }.joined()
    }

    /// What an agent reaches: its models, its tools by capability (with their approval), the
    /// servers it starts, its network, and what it runs in. Labels are written by the scanned
    /// repository, so every one is escaped; ids are positional, so the picture is deterministic.
    static func mermaidBody(_ card: AgentCard, id: String) -> String {
        var out = "  \(id)[\"\(mermaidLabel("agent \(card.name) (\(card.format))"))\"]\n"
        func node(_ suffix: String, _ shape: (String, String), _ label: String, edge: String) {
            out += "  \(id)_\(suffix)\(shape.0)\"\(mermaidLabel(label))\"\(shape.1)\n"
            out += "  \(id) -->|\"\(mermaidLabel(edge))\"| \(id)_\(suffix)\n"
        }
        for (index, model) in (card.models ?? []).enumerated() {
            node("m\(index)", ("([", "])"), "\(model.id) (\(model.pinning))", edge: "uses model (\(model.role))")
        }
        for (index, group) in (card.tools ?? []).enumerated() {
            let shown = group.tools.prefix(6).map { "\($0.pattern) [\($0.approval)]" }
            let more = group.tools.count > 6 ? ", and \(group.tools.count - 6) more" : ""
            node("t\(index)", ("[", "]"), "\(group.capability): \(shown.joined(separator: ", "))\(more)", edge: "calls")
        }
        for (index, server) in (card.servers ?? []).enumerated() {
            node("s\(index)", ("[(", ")]"), "\(server.name): \(server.launch) (\(server.pinned))", edge: server.state ?? "starts")
        }
        node("e", ("{{", "}}"), card.egress, edge: "network")
        for (index, link) in card.runsIn.enumerated() {
            let (label, target) = link.split(separator: " ", maxSplits: 1).map(String.init).pairs
            node("l\(index)", ("[/", "/]"), target, edge: label)
        }
        return out
    }

    /// A label inside `"…"` or `|…|`: Mermaid's entity codes for the characters that would end
    /// or change it, line breaks as spaces.
    static func mermaidLabel(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "#": out += "#35;"
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            case "`": out += "#96;"
            case "&": out += "#38;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// The card as label/value rows, shared by text and Markdown.
    static func lines(_ card: AgentCard) -> [(String, String)] {
        var rows: [(String, String)] = []
        let unresolved = Dictionary(card.unresolved.map { ($0.facet, $0.reason) }, uniquingKeysWith: { a, _ in a })
        rows.append(("scope", "\(card.scope) (\(ConfigScope(rawValue: card.scope)?.meaning ?? "unknown"))"))
        if let models = card.models {
            let none = unresolved["models"].map { "unknown: \($0)" } ?? "not set"
            rows.append(("model", models.isEmpty ? none : models.map { "\($0.id) (\($0.role), \($0.pinning)) at \($0.location)" }.joined(separator: "; ")))
        } else {
            rows.append(("model", "not expressible in this format"))
        }
        if let groups = card.tools {
            if groups.isEmpty { rows.append(("tools", "not listed (the client's defaults apply)")) }
            for group in groups {
                rows.append(("tools", "\(group.capability): " + group.tools.map { "\($0.pattern) [\($0.approval)]" }.joined(separator: ", ")))
            }
        } else {
            rows.append(("tools", "not expressible in this format"))
        }
        if let servers = card.servers {
            if servers.isEmpty && unresolved["servers"] == nil { rows.append(("servers", "none")) }
            for server in servers {
                rows.append(("server", "\(server.name)\(server.state.map { " (\($0))" } ?? ""): \(server.launch) (\(server.pinned))"))
            }
        }
        if let missing = unresolved["servers"] { rows.append(("servers", "unknown: \(missing)")) }
        rows.append(("egress", card.egress))
        rows.append(("budgets", card.budgets))
        rows.append(("telemetry", card.telemetry))
        if let mode = card.approvalMode { rows.append(("approval", mode)) }
        if let endpoint = card.endpoint { rows.append(("endpoint", endpoint)) }
        for link in card.runsIn { rows.append(("link", link)) }
        if card.findings.isEmpty {
            rows.append(("findings", "none"))
        } else {
            for finding in card.findings {
                rows.append(("finding", "\(finding.severity.rawValue) \(finding.code) \(finding.message) (\(finding.range.path):\(finding.range.start.line))"))
            }
        }
        return rows
    }

    public static func json(_ cards: [AgentCard]) -> String {
        let objects: [[String: Any]] = cards.map { card in
            var object: [String: Any] = ["name": card.name, "format": card.format, "location": card.location, "scope": card.scope, "egress": card.egress,
                                         "budgets": card.budgets, "telemetry": card.telemetry, "links": card.runsIn]
            object["models"] = card.models.map { $0.map { ["id": $0.id, "role": $0.role, "pinning": $0.pinning, "location": $0.location] } } ?? NSNull()
            object["tools"] = card.tools.map { groups in
                groups.map { ["capability": $0.capability, "tools": $0.tools.map { ["pattern": $0.pattern, "approval": $0.approval, "reason": $0.reason, "location": $0.location] }] as [String: Any] }
            } ?? NSNull()
            object["servers"] = card.servers.map { $0.map { ["name": $0.name, "launch": $0.launch, "pinned": $0.pinned, "location": $0.location,
                                                             "state": $0.state ?? NSNull()] as [String: Any] } } ?? NSNull()
            let summary = card.summary
            object["summary"] = ["modelPinned": summary.modelPinned, "canWrite": summary.canWrite, "network": summary.network,
                                 "caps": summary.caps, "telemetry": summary.telemetry, "approval": summary.approval,
                                 "approvalInheritedFrom": summary.approvalFrom ?? NSNull()] as [String: Any]
            object["unresolved"] = Dictionary(card.unresolved.map { ($0.facet, $0.reason) }, uniquingKeysWith: { a, _ in a })
            object["approvalMode"] = card.approvalMode ?? NSNull()
            object["endpoint"] = card.endpoint ?? NSNull()
            object["findings"] = card.findings.map { ["code": $0.code, "severity": $0.severity.rawValue, "message": $0.message,
                                                      "path": $0.range.path, "line": $0.range.start.line] as [String: Any] }
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["schemaVersion": 1, "agents": objects], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A value as a Markdown code span inside a table cell: backticks in the value lengthen the
    /// fence, `|` is escaped (GitHub splits cells on it even in code), and line breaks become spaces.
    static func code(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        guard !flat.isEmpty else { return "" }
        var longest = 0, run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}

private extension Array where Element == String {
    /// `["runs-in", "k8s:…"]` → (`runs-in`, `k8s:…`); a lone word is its own target.
    var pairs: (String, String) { count >= 2 ? (self[0], self[1]) : ("link", first ?? "") }
}
