import ParapetCore

/// `RuleMetadata` as a SARIF `reportingDescriptor`, with the properties GitHub code scanning
/// reads (tags, precision, security-severity) and help written for its alert page.
enum RuleDescriptor {
    /// GitHub's limits: longer descriptions are rejected, more tags are dropped.
    static let maxDescription = 1024
    static let maxName = 255
    static let maxTags = 20

    static func make(_ rule: RuleMetadata) -> SARIFLog.ReportingDescriptor {
        let isSecurity = rule.family != .meta
        var tags: [String] = []
        for tag in [rule.family.rawValue] + (isSecurity ? ["security"] : []) + rule.tags where !tags.contains(tag) {
            tags.append(tag)
        }
        return .init(
            id: rule.code,
            name: truncated(rule.name, to: maxName),
            shortDescription: .init(text: truncated(rule.summary, to: maxDescription)),
            fullDescription: .init(text: truncated(rule.rationale, to: maxDescription)),
            help: .init(text: "\(rule.summary)\n\n\(rule.rationale)\n\nHow to fix: \(rule.remediation)",
                        markdown: markdownHelp(rule)),
            defaultConfiguration: .init(level: rule.defaultSeverity.rawValue),
            properties: .init(tags: Array(tags.prefix(maxTags)), precision: "high",
                              securitySeverity: isSecurity ? score(rule.effectiveSecuritySeverity) : nil,
                              problemSeverity: isSecurity ? nil : problemSeverity(rule.defaultSeverity)))
    }

    /// For a finding whose rule metadata the caller did not pass: enough for a valid rule.
    static func placeholder(_ code: String) -> SARIFLog.ReportingDescriptor {
        let text = "Parapet rule \(code)."
        return .init(id: code, name: nil, shortDescription: .init(text: text), fullDescription: .init(text: text),
                     help: .init(text: text, markdown: nil), defaultConfiguration: .init(level: "warning"),
                     properties: .init(tags: [], precision: "high", securitySeverity: nil, problemSeverity: "warning"))
    }

    /// Summary, then why and how to fix (or the rule's own Markdown help), then its examples.
    static func markdownHelp(_ rule: RuleMetadata) -> String {
        var sections = [rule.summary]
        if let help = rule.help {
            sections.append(help)
        } else {
            sections += ["## Why it matters", rule.rationale, "## How to fix", rule.remediation]
            let flagged = rule.examples.first { $0.expectation == .triggers }
            let passing = rule.examples.first { $0.expectation == .passes }
            if flagged != nil || passing != nil { sections.append("## Examples") }
            if let flagged { sections += ["Flagged:", codeBlock(flagged)] }
            if let passing { sections += ["Not flagged:", codeBlock(passing)] }
        }
        return sections.joined(separator: "\n\n")
    }

    /// A fenced block longer than any backtick run in the source, so the source cannot close it.
    private static func codeBlock(_ example: RuleExample) -> String {
        let source = example.source.filter { $0 != "↓" }
        var longestRun = 0, run = 0
        for character in source {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: max(3, longestRun + 1))
        let body = source.hasSuffix("\n") ? source : source + "\n"
        return "\(fence)\(language(of: example.fileName))\n\(body)\(fence)"
    }

    private static func language(of fileName: String) -> String {
        switch fileName.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "tf", "tfvars", "hcl": "hcl"
        case "yaml", "yml": "yaml"
        case "json": "json"
        case "toml": "toml"
        case "md": "markdown"
        default: ""
        }
    }

    /// GitHub wants a string in (0, 10] with one decimal: "7.5".
    static func score(_ value: Double) -> String {
        // Clamped before the conversion: `Int(_:)` traps on a huge score from a project's rule file.
        let tenths = value.isFinite ? Int((min(10, max(0.1, value)) * 10).rounded()) : 50
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func problemSeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "recommendation"
        }
    }

    private static func truncated(_ text: String, to limit: Int) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        var result = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit - 1)))
        result += "…"
        return result
    }
}
