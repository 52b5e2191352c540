import ArgumentParser
import ParapetCore
import ParapetRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its code, name, family and default severity.")

    func run() {
        let rules = RuleCatalog.all
        let width = rules.map(\.name.count).max() ?? 0
        for rule in rules {
            let code = rule.code.padding(toLength: 8, withPad: " ", startingAt: 0)
            let name = rule.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.defaultSeverity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            print("\(code)\(name)  \(severity)\(rule.summary)")
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule: what it finds, why it matters, how to fix it.")

    @Argument(help: "A rule code (EGR201) or name (security-group-unrestricted-egress).")
    var rule: String

    func run() throws {
        guard let metadata = RuleCatalog.find(rule) else {
            let hint = RuleCatalog.suggestion(for: rule).map { " Did you mean \($0)?" } ?? ""
            throw ValidationError("unknown rule `\(rule)`.\(hint) Run `parapet rules` to list them.")
        }
        print(RuleDocs.text(metadata))
    }
}
