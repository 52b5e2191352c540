import ParapetCore

/// Every rule Parapet knows, by code and by name.
public enum RuleCatalog {
    /// Computed once: suppressions and configuration look rules up for every name they read.
    public static let all: [RuleMetadata] = (MetaRules.all + shippedRules.map(\.metadata)).sorted { $0.code < $1.code }

    /// A rule by code (case-insensitive) or kebab-case name.
    public static func find(_ codeOrName: String) -> RuleMetadata? {
        all.first { $0.code.caseInsensitiveCompare(codeOrName) == .orderedSame || $0.name == codeOrName.lowercased() }
    }

    /// The closest code or name, for "did you mean" hints.
    public static func suggestion(for text: String) -> String? {
        let candidates = all.flatMap { [$0.code, $0.name] }
        return EditDistance.closest(to: text, among: candidates)
    }
}

public enum EditDistance {
    /// Edit distance over characters, case-insensitive, where swapping two neighbours counts as
    /// one edit (optimal string alignment): `scna` is one typo away from `scan`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious: [Int] = []
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }

    /// The candidate within a third of the text's length in edits, if any.
    public static func closest(to text: String, among candidates: [String]) -> String? {
        let best = candidates.map { ($0, distance(text, $0)) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let best, best.1 <= max(1, text.count / 3) else { return nil }
        return best.0
    }
}

/// Rule documentation rendered from metadata, for `parapet explain` and the generated docs.
public enum RuleDocs {
    public static func text(_ rule: RuleMetadata) -> String {
        var out = "\(rule.code) \(rule.name) (\(rule.family.rawValue), \(rule.defaultSeverity.rawValue))\n\n"
        out += rule.summary + "\n\nWhy\n" + rule.rationale + "\n\nHow to fix\n" + rule.remediation + "\n"
        if !rule.options.isEmpty {
            out += "\nOptions (in .parapet.yaml, under `rules: {\(rule.code): {...}}`)\n"
            for option in rule.options {
                out += "    \(option.name) (\(option.kind.rawValue), default \(option.defaultValue)): \(option.doc)\n"
            }
        }
        for example in rule.examples {
            let heading = example.expectation == .triggers ? "Example that triggers" : "Example that passes"
            out += "\n\(heading) (\(example.fileName))\n"
            for line in example.source.replacingOccurrences(of: "↓", with: "").split(separator: "\n", omittingEmptySubsequences: false) {
                out += "    \(line)\n"
            }
        }
        return out
    }

    public static func markdown(_ rule: RuleMetadata) -> String {
        var out = "# \(rule.code) \(rule.name)\n\n"
        out += "Family: \(rule.family.rawValue) · Default severity: \(rule.defaultSeverity.rawValue)\n\n"
        out += rule.summary + "\n\n## Why\n\n" + rule.rationale + "\n\n## How to fix\n\n" + rule.remediation + "\n"
        if !rule.options.isEmpty {
            out += "\n## Options\n\nSet in `.parapet.yaml`; the values shown are the defaults.\n\n```yaml\nrules:\n  \(rule.code):\n"
            out += rule.options.map { "    \($0.name): \($0.defaultValue)\n" }.joined() + "```\n\n"
            out += "| option | type | default | meaning |\n| --- | --- | --- | --- |\n"
            out += rule.options.map { "| `\($0.name)` | \($0.kind.rawValue) | `\($0.defaultValue)` | \($0.doc) |\n" }.joined()
        }
        for example in rule.examples {
            let heading = example.expectation == .triggers ? "Triggers" : "Passes"
            out += "\n## \(heading): `\(example.fileName)`\n\n```\n" + example.source.replacingOccurrences(of: "↓", with: "") + "\n```\n"
        }
        return out
    }
}
