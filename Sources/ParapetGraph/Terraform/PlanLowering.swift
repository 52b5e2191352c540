import ParapetCore
import ParapetSyntax

/// Resource changes of `terraform show -json` plans into `plan-change` nodes, each linked by a
/// `plans` edge to the HCL resource it changes when that resource is in the scan.
enum PlanLowering {
    static func lower(_ files: [ParsedFile], into graph: inout Graph) {
        for file in files where file.kind == .terraformPlan {
            guard let document = file.documents.first else { continue }
            for change in TerraformPlan(document: document).resourceChanges where change.mode == .managed {
                let range = change.range
                var members = [
                    Value.Member(key: "address", keyRange: range, value: Value(.string(change.address), range: range)),
                    Value.Member(key: "actions", keyRange: change.actionsRange,
                                 value: Value(.list(change.actions.map { Value(.string($0), range: change.actionsRange) }), range: change.actionsRange)),
                ]
                if let before = change.before { members.append(Value.Member(key: "before", keyRange: before.range, value: Value(before))) }
                if let after = change.after { members.append(Value.Member(key: "after", keyRange: after.range, value: Value(after))) }
                let id = graph.add(address: NodeAddress("plan:\(file.source.path):\(change.address)"), kind: .planChange, type: change.type,
                                   range: range, attributes: Value(.object(members), range: range), origin: .terraformPlan)
                // The plan belongs to the root module in its own directory, or else to the one root
                // that declares the address.
                let local = configurationAddress(change.address)
                let directory = TerraformModuleSource.directory(of: file.source.path)
                let candidates = graph.nodes(.resource).filter { $0.localAddress == local }
                let resource = candidates.first { $0.terraformRoot == directory } ?? (candidates.count == 1 ? candidates.first : nil)
                if let resource {
                    graph.connect(id, resource.id, label: .plans, range: change.actionsRange)
                }
            }
        }
    }

    /// `module.db["a"].aws_db_instance.main[0]` → `module.db.aws_db_instance.main`: instance keys
    /// dropped, since the configuration declares one node per block.
    static func configurationAddress(_ address: String) -> String {
        var out = ""
        var depth = 0
        var inQuote = false
        for character in address {
            if inQuote {
                if character == "\"" { inQuote = false }
                continue
            }
            switch character {
            case "[": depth += 1
            case "]": depth -= 1
            case "\"" where depth > 0: inQuote = true
            default: if depth == 0 { out.append(character) }
            }
        }
        return out
    }
}
