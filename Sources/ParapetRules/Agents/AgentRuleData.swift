import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// Agent rule data from `rules/agents/` that is not about tool capabilities: secret formats
/// (GATE413), untrusted workflow inputs (GATE414) and sensitive paths (GATE415). Read here, not in
/// the rule files, which never touch syntax.

/// `rules/agents/secret-patterns.yaml`: token prefixes and secret-looking names.
struct SecretPatterns: Sendable {
    var prefixes: [(name: String, expression: NSRegularExpressionBox)] = []
    var secretNames: [String] = []
    var minLength = 16
    var placeholders: [String] = []

    static let builtIn = SecretPatterns(EmbeddedRuleFiles.files.first { $0.path == "rules/agents/secret-patterns.yaml" }?.contents ?? "")

    init(_ contents: String) {
        let root = YAMLParser.parse(SourceFile(path: "secret-patterns.yaml", text: contents)).documents.first?["secrets"]
        for entry in root?["prefixes"]?.sequence ?? [] {
            guard let name = entry["name"]?.string, let pattern = entry["pattern"]?.string,
                  let expression = try? NSRegularExpressionBox("^(?:\(pattern))$") else { continue }
            prefixes.append((name, expression))
        }
        secretNames = (root?["secret-names"]?.sequence ?? []).compactMap(\.string)
        minLength = root?["min-length"]?.string.flatMap { Int($0) } ?? 16
        placeholders = (root?["placeholders"]?.sequence ?? []).compactMap { $0.string?.lowercased() }
    }

    /// What the value is ("a GitHub token", "a secret"), or nil when it is not one.
    func secret(name: String, value: String) -> String? {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("bearer ") { text = String(text.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        guard !text.isEmpty, !Interpolation.contains(text), !text.hasPrefix("$") else { return nil }
        let lower = text.lowercased()
        if placeholders.contains(where: { lower.contains($0) }) { return nil }
        if let match = prefixes.first(where: { $0.expression.matches(text) }) {
            return ("AEIOU".contains(match.name.prefix(1)) ? "an " : "a ") + match.name
        }
        let words = name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).map(String.init)
        let joined = name.lowercased()
        let named = secretNames.contains { words.contains($0) || joined.contains($0) && $0.count > 3 }
        // Paths and URLs name where a secret is, not the secret.
        let locator = text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("~") || text.contains("://")
        guard named, !locator, text.count >= minLength, !text.contains(" ") else { return nil }
        return "a secret"
    }
}

/// `rules/agents/untrusted-inputs.yaml`.
struct UntrustedInputs: Sendable {
    var expressions: [NSRegularExpressionBox] = []

    static let builtIn = UntrustedInputs(EmbeddedRuleFiles.files.first { $0.path == "rules/agents/untrusted-inputs.yaml" }?.contents ?? "")

    init(_ contents: String) {
        let root = YAMLParser.parse(SourceFile(path: "untrusted-inputs.yaml", text: contents)).documents.first?["untrusted"]
        for item in root?["expressions"]?.sequence ?? [] {
            if let pattern = item.string, let expression = try? NSRegularExpressionBox(pattern) { expressions.append(expression) }
        }
    }

    /// The first untrusted context value inside a `${{ }}` expression of the text.
    func firstUntrusted(in text: String) -> String? {
        var rest = text[...]
        while let open = rest.range(of: "${{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { return nil }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if expressions.contains(where: { $0.matches(inner) }) { return inner }
            rest = rest[close.upperBound...]
        }
        return nil
    }
}

/// `rules/agents/sensitive-paths.yaml`.
struct SensitivePaths: Sendable {
    var homes: [[String]] = []
    var credentials: [[String]] = []

    static let builtIn = SensitivePaths(EmbeddedRuleFiles.files.first { $0.path == "rules/agents/sensitive-paths.yaml" }?.contents ?? "")

    init(_ contents: String) {
        let root = YAMLParser.parse(SourceFile(path: "sensitive-paths.yaml", text: contents)).documents.first?["sensitive"]
        // Home patterns keep their `*` (one user name); paths drop trailing globs.
        homes = (root?["home"]?.sequence ?? []).compactMap(\.string).map { $0.split(separator: "/").map(String.init).filter { !$0.isEmpty } }
        credentials = (root?["credentials"]?.sequence ?? []).compactMap(\.string).map(Self.segments)
    }

    /// `~/` → ["~"]; `//Users/me/.aws/**` → ["Users", "me", ".aws"]; globs at the end dropped.
    static func segments(_ path: String) -> [String] {
        var text = path.replacingOccurrences(of: "\\", with: "/")
        for home in ["${HOME}", "$HOME", "%USERPROFILE%"] { text = text.replacingOccurrences(of: home, with: "~") }
        var parts = text.split(separator: "/").map(String.init).filter { !$0.isEmpty && $0 != "." }
        while let last = parts.last, last.allSatisfy({ $0 == "*" }) { parts.removeLast() }
        return parts
    }

    /// What the path gives away ("the home directory", "credentials in `.ssh`"), or nil.
    func describe(_ path: String) -> String? {
        let parts = Self.segments(path)
        if homes.contains(where: { home in
            parts.count == home.count && zip(home, parts).allSatisfy { want, have in want == "*" || want == have }
        }) { return "the whole home directory" }
        for credential in credentials {
            for start in parts.indices where parts[start...].starts(with: credential) {
                return "credentials in `\(credential.joined(separator: "/"))`"
            }
        }
        return nil
    }
}
