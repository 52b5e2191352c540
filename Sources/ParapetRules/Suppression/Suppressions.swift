import Foundation
import ParapetCore
import ParapetGraph
import ParapetSyntax

/// One suppression: a comment `parapet:ignore CODE[, CODE] -- reason` (on the finding's line or
/// the line before), `parapet:ignore-file CODE -- reason` (the whole file), or the Kubernetes
/// annotation `parapet.dev/ignore: "CODE: reason"` (the annotated object).
struct Suppression {
    enum Scope { case line(Int), file, object(String) }

    var codes: [String]
    var unknownNames: [String]
    var reason: String?
    var scope: Scope
    var range: SourceRange
    var used = false

    func covers(_ finding: Finding) -> Bool {
        guard codes.contains(finding.code) else { return false }
        switch scope {
        case .file: return finding.range.path == range.path
        case .line(let line):
            return finding.range.path == range.path && (finding.range.start.line == line || finding.range.start.line == line + 1)
        case .object(let address): return finding.address == address
        }
    }
}

/// Reads suppressions from comments and annotations, applies them to findings, and reports the
/// ones that suppressed nothing (PAR002) or are malformed (PAR003).
public enum Suppressions {
    static let annotation = "parapet.dev/ignore"

    public static func apply(_ findings: [Finding], files: [ParsedFile], graph: Graph, requireReason: Bool = false) -> [Finding] {
        var suppressions = files.flatMap { file in file.comments.compactMap { parse(comment: $0) } }
        let annotated: [NodeKind] = NodeKind.allCases.filter { ![.resource, .dataSource, .module, .variable, .local, .output, .planChange, .agent, .mcpServer].contains($0) }
        suppressions += annotated.flatMap { graph.nodes($0) }.flatMap(annotationSuppressions)
        var kept: [Finding] = []
        for finding in findings {
            if finding.code == MetaRules.unusedSuppression.code || finding.code == MetaRules.invalidSuppression.code {
                kept.append(finding)
                continue
            }
            let covering = suppressions.indices.filter { suppressions[$0].covers(finding) }
            for index in covering { suppressions[index].used = true }
            if covering.isEmpty { kept.append(finding) }
        }
        for suppression in suppressions {
            if !suppression.unknownNames.isEmpty {
                let names = suppression.unknownNames.map { "`\($0)`" }.joined(separator: ", ")
                let hint = suppression.unknownNames.first.flatMap { RuleCatalog.suggestion(for: $0) }.map { "; did you mean `\($0)`?" } ?? ""
                kept.append(meta(MetaRules.invalidSuppression, "Suppression names unknown rule \(names)\(hint)", suppression.range))
            } else if requireReason && (suppression.reason ?? "").isEmpty {
                kept.append(meta(MetaRules.invalidSuppression, "Suppression gives no reason after `--`", suppression.range))
            }
            if !suppression.used && !suppression.codes.isEmpty {
                let codes = suppression.codes.map { "`\($0)`" }.joined(separator: ", ")
                kept.append(meta(MetaRules.unusedSuppression, "Suppression of \(codes) matches no finding", suppression.range))
            }
        }
        return kept
    }

    static func meta(_ rule: RuleMetadata, _ message: String, _ range: SourceRange) -> Finding {
        Finding(code: rule.code, severity: rule.defaultSeverity, message: message, range: range)
    }

    /// `parapet:ignore EGR201, PIN504 -- reason`; rules by code or by name.
    static func parse(comment: Comment) -> Suppression? {
        guard comment.text.containsBytes("parapet:") else { return nil }
        let text = comment.text.trimmingCharacters(in: .whitespaces)
        let fileLevel: Bool
        let rest: Substring
        if text.hasPrefix("parapet:ignore-file") {
            fileLevel = true
            rest = text.dropFirst("parapet:ignore-file".count)
        } else if text.hasPrefix("parapet:ignore") {
            fileLevel = false
            rest = text.dropFirst("parapet:ignore".count)
        } else {
            return nil
        }
        let (codes, unknown, reason) = parseBody(String(rest))
        return Suppression(codes: codes, unknownNames: unknown, reason: reason,
                           scope: fileLevel ? .file : .line(comment.range.start.line), range: comment.range)
    }

    static func parseBody(_ body: String) -> (codes: [String], unknown: [String], reason: String?) {
        let parts = body.components(separatedBy: "--")
        let reason = parts.count > 1 ? parts.dropFirst().joined(separator: "--").trimmingCharacters(in: .whitespaces) : nil
        let names = parts[0].split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
        var codes: [String] = [], unknown: [String] = []
        for name in names {
            if let rule = RuleCatalog.find(name) { codes.append(rule.code) } else { unknown.append(name) }
        }
        if names.isEmpty { unknown.append("(none)") }
        return (codes, unknown, reason)
    }

    /// `parapet.dev/ignore: "EGR202: egress goes through the mesh; BUD310: sized by VPA"`.
    static func annotationSuppressions(_ node: GraphNode) -> [Suppression] {
        guard let value = node.attributes.at("metadata.annotations")?[annotation], let text = value.string else { return [] }
        return text.split(whereSeparator: { $0 == ";" || $0 == "\n" }).compactMap { entry in
            let pieces = entry.split(separator: ":", maxSplits: 1)
            guard let head = pieces.first?.trimmingCharacters(in: .whitespaces), !head.isEmpty else { return nil }
            let reason = pieces.count > 1 ? pieces[1].trimmingCharacters(in: .whitespaces) : nil
            let (codes, unknown, _) = parseBody(head)
            return Suppression(codes: codes, unknownNames: unknown, reason: reason, scope: .object("\(node.address)"), range: value.range)
        }
    }
}
