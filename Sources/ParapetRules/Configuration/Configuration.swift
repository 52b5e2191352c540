import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// `.parapet.yaml`: which rules run, at what severity, on which paths.
///
/// ```yaml
/// select: [EGR, GATE401, model-not-pinned]   # codes, families (prefixes) or names; default: all
/// ignore: [TEL110]
/// severity: {TEL110: warning}
/// per-path-ignores: {"legacy/**": [EGR201]}
/// include: ["infra/**"]
/// exclude: ["examples/**"]
/// rules: {TEL123: {minimum-days: 90}}
/// rules-dirs: [policies]
/// require-suppression-reason: true
/// ```
///
/// Globs are relative to the directory of the configuration file, wherever the scan runs from.
public struct Configuration: Sendable {
    public var select: [String] = []
    public var ignore: [String] = []
    public var severity: [String: Severity] = [:]
    public var perPathIgnores: [(glob: String, rules: [String])] = []
    public var include: [String] = []
    public var exclude: [String] = []
    /// Validated rule options: rule code, then option name.
    public var ruleOptions: [String: [String: RuleOptionValue]] = [:]
    public var rulesDirs: [String] = []
    public var requireSuppressionReason = false
    /// The absolute directory of the file: relative `rules-dirs` and globs start there.
    public var directory: String?
    /// The absolute directory that display paths (`finding.range.path`) are relative to.
    public var workingDirectory = "/"

    public init() {}

    static let keys = ["select", "ignore", "severity", "per-path-ignores", "include", "exclude", "rules", "rules-dirs",
                       "require-suppression-reason"]

    /// Is the rule enabled? `select` narrows (empty = all), `ignore` removes; each entry is a code,
    /// a family prefix (`EGR`) or a kebab-case name.
    public func isEnabled(_ rule: RuleMetadata) -> Bool {
        if rule.family == .meta && MetaRules.alwaysReported.contains(rule.code) { return true }
        if !select.isEmpty && !select.contains(where: { Self.matches($0, rule) }) { return false }
        return !ignore.contains(where: { Self.matches($0, rule) })
    }

    public func severity(for rule: RuleMetadata) -> Severity {
        severityOverride(for: rule) ?? rule.defaultSeverity
    }

    /// The severity the configuration sets for the rule, if it sets one.
    public func severityOverride(for rule: RuleMetadata) -> Severity? {
        severity[rule.code] ?? severity[rule.name] ?? severity[rule.family.prefix]
    }

    public func isIgnored(_ finding: Finding, rule: RuleMetadata) -> Bool {
        guard !perPathIgnores.isEmpty, let path = globPath(finding.range.path) else { return false }
        return perPathIgnores.contains { entry in
            Glob.matches(entry.glob, path) && entry.rules.contains { Self.matches($0, rule) }
        }
    }

    /// Whether `include` and `exclude` let a file (by its display path) be scanned. A file outside
    /// the configuration's directory matches no glob.
    public func includes(path displayPath: String) -> Bool {
        guard !include.isEmpty || !exclude.isEmpty else { return true }
        guard let path = globPath(displayPath) else { return include.isEmpty }
        if exclude.contains(where: { Glob.matches($0, path) }) { return false }
        return include.isEmpty || include.contains { Glob.matches($0, path) }
    }

    /// A display path made relative to the configuration's directory, as globs see it; nil when
    /// the file is outside that directory.
    func globPath(_ displayPath: String) -> String? {
        let absolute = Discovery.absolute(displayPath, in: workingDirectory)
        let base = Discovery.absolute(directory ?? workingDirectory, in: "/")
        if base == "/" { return String(absolute.dropFirst()) }
        guard absolute.hasPrefix(base + "/") else { return nil }
        return String(absolute.dropFirst(base.count + 1))
    }

    static func matches(_ selector: String, _ rule: RuleMetadata) -> Bool {
        let upper = selector.uppercased()
        return upper == rule.code || selector.lowercased() == rule.name || upper == rule.family.prefix
            || selector.lowercased() == rule.family.rawValue || (upper.count < rule.code.count && rule.code.hasPrefix(upper) && upper.count > rule.family.prefix.count)
    }

    /// A code, family prefix (`EGR`, `EGR2`), family name or rule name that names at least one rule.
    public static func isKnownSelector(_ selector: String) -> Bool {
        RuleCatalog.all.contains { matches(selector, $0) }
    }
}

/// Glob patterns over `/`-separated paths: `*` (within a segment), `**` (any segments), `?`.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        let p = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        let pattern = p.hasSuffix("/") ? p + "**" : p
        return match(Array(pattern.split(separator: "/", omittingEmptySubsequences: true)), Array(path.split(separator: "/")))
            || (!pattern.contains("/") && path.split(separator: "/").contains { segment($0, Substring(pattern)) })
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = Array(pattern.dropFirst())
            for skip in 0...path.count where match(rest, Array(path.dropFirst(skip))) { return true }
            return false
        }
        guard let head = path.first, segment(head, first) else { return false }
        return match(Array(pattern.dropFirst()), Array(path.dropFirst()))
    }

    private static func segment(_ text: Substring, _ pattern: Substring) -> Bool {
        let t = Array(text), p = Array(pattern)
        var ti = 0, pi = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) { ti += 1; pi += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
