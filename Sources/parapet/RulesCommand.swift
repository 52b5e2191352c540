import ArgumentParser
import Foundation
import ParapetCore
import ParapetRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule with its code, name, family and default severity.",
        discussion: "json lists every rule's metadata, options and their defaults, for tools and scripts.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(name: .shortAndLong, help: "text or json.")
    var format: Format = .text

    func run() throws {
        let rules = RuleCatalog.all
        switch format {
        case .json:
            FileHandle.standardOutput.write(try RuleListing.json(rules))
        case .text:
            let width = rules.map(\.name.count).max() ?? 0
            for rule in rules {
                let code = rule.code.padding(toLength: 8, withPad: " ", startingAt: 0)
                let name = rule.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let severity = rule.defaultSeverity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                print("\(code)\(name)  \(severity)\(rule.summary)")
            }
        }
    }
}

/// `parapet rules --format json`: `{"schemaVersion": 1, "rules": [...]}`, keys sorted, so the
/// output only changes when a rule does.
enum RuleListing {
    struct Listing: Encodable {
        let schemaVersion = 1
        let rules: [Rule]
    }

    struct Rule: Encodable {
        let code, name, family, defaultSeverity, summary, rationale, remediation: String
        let securitySeverity: Double
        let tags: [String]
        let options: [Option]
    }

    struct Option: Encodable {
        let name, type, doc: String
        let defaultValue: RuleOptionValue

        enum CodingKeys: String, CodingKey { case name, type, doc, defaultValue = "default" }
    }

    static func json(_ rules: [RuleMetadata]) throws -> Data {
        let listing = Listing(rules: rules.map { rule in
            Rule(code: rule.code, name: rule.name, family: rule.family.rawValue, defaultSeverity: rule.defaultSeverity.rawValue,
                 summary: rule.summary, rationale: rule.rationale, remediation: rule.remediation,
                 securitySeverity: rule.effectiveSecuritySeverity, tags: rule.tags,
                 options: rule.options.map { Option(name: $0.name, type: $0.kind.rawValue, doc: $0.doc, defaultValue: $0.defaultValue) })
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(listing) + Data("\n".utf8)
    }
}

extension RuleOptionValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .strings(let values): try container.encode(values)
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule: what it finds, why it matters, how to fix it, its options.")

    @Argument(help: "A rule code (EGR201) or name (security-group-unrestricted-egress).")
    var rule: String

    func run() throws {
        guard let metadata = RuleCatalog.find(rule) else {
            throw unknownRule(rule)
        }
        print(RuleDocs.text(metadata))
    }
}
