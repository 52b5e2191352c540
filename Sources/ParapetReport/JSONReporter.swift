import Foundation
import ParapetCore

/// The machine-readable report, schema documented in `JSONSchema.md`. The schema is its own set
/// of types, not the core types' `Codable` conformances, so that refactoring the core cannot
/// silently change what scripts parse; a breaking change bumps `schemaVersion`.
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    public init() {}

    public func render(_ report: ScanReport) -> String {
        let rules = report.rulesByCode
        let summary = report.summary
        let document = Document(
            schemaVersion: Self.schemaVersion,
            tool: Tool(name: "parapet", version: report.toolVersion),
            files: report.files.map { File(path: $0.path, kind: $0.kind) },
            findings: report.findings.map { JSONFinding($0, rule: rules[$0.code]) },
            notes: report.notes,
            summary: Summary(errors: summary.errors, warnings: summary.warnings, notes: summary.notes,
                             files: summary.files))
        return encodeDeterministically(document) + "\n"
    }

    struct Document: Encodable {
        let schemaVersion: Int
        let tool: Tool
        let files: [File]
        let findings: [JSONFinding]
        let notes: [String]
        let summary: Summary
    }

    struct Tool: Encodable {
        let name: String
        let version: String
    }

    struct File: Encodable {
        let path: String
        let kind: String
    }

    struct JSONFinding: Encodable {
        let code: String
        let name: String?
        let family: String?
        let severity: String
        let message: String
        let path: String
        let range: JSONRange
        let related: [Related]
        let address: String?
        let attributePath: String?
        let fingerprint: String

        init(_ finding: Finding, rule: RuleMetadata?) {
            code = finding.code
            name = rule?.name
            family = rule?.family.rawValue
            severity = finding.severity.rawValue
            message = finding.message
            path = finding.range.path
            range = JSONRange(finding.range)
            related = finding.related.map { Related(path: $0.range.path, range: JSONRange($0.range), message: $0.message) }
            address = finding.address
            attributePath = finding.attributePath
            fingerprint = finding.fingerprint
        }

        // Written by hand so that absent optionals are `null` rather than missing: every
        // finding has the same keys, which is what the schema promises.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(family, forKey: .family)
            try container.encode(severity, forKey: .severity)
            try container.encode(message, forKey: .message)
            try container.encode(path, forKey: .path)
            try container.encode(range, forKey: .range)
            try container.encode(related, forKey: .related)
            try container.encode(address, forKey: .address)
            try container.encode(attributePath, forKey: .attributePath)
            try container.encode(fingerprint, forKey: .fingerprint)
        }

        enum CodingKeys: String, CodingKey {
            case code, name, family, severity, message, path, range, related, address, attributePath, fingerprint
        }
    }

    struct Related: Encodable {
        let path: String
        let range: JSONRange
        let message: String
    }

    struct JSONRange: Encodable {
        let start: JSONPosition
        let end: JSONPosition

        init(_ range: SourceRange) {
            start = JSONPosition(range.start)
            end = JSONPosition(range.end)
        }
    }

    struct JSONPosition: Encodable {
        let line: Int
        let column: Int
        let offset: Int

        init(_ position: SourcePosition) {
            line = position.line
            column = position.column
            offset = position.offset
        }
    }

    struct Summary: Encodable {
        let errors: Int
        let warnings: Int
        let notes: Int
        let files: Int
    }
}

/// Pretty JSON with sorted keys and unescaped slashes: the same value gives the same bytes on
/// every platform, and paths stay readable.
func encodeDeterministically(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
        // The report types hold only strings, integers, booleans, arrays and string-keyed
        // objects, which JSONEncoder always encodes; failing here is a bug in this module.
        fatalError("Report encoding failed: \(error)")
    }
}
