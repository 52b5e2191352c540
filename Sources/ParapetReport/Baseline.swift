import Foundation
import ParapetCore

/// Known findings a team has accepted for now (`--write-baseline`, `--baseline`). Entries are
/// keyed on `Finding.fingerprint` (rule, file, node address and attribute path), which does not
/// contain line numbers: moving lines around neither resurrects a known finding nor changes the
/// file. Code, path and message are kept for people reading the file and for stale reports.
public struct Baseline: Sendable, Equatable {
    public static let version = 1

    public struct Entry: Sendable, Hashable, Codable {
        public var fingerprint: String
        public var code: String
        public var path: String
        public var message: String

        public init(fingerprint: String, code: String, path: String, message: String) {
            self.fingerprint = fingerprint
            self.code = code
            self.path = path
            self.message = message
        }

        public init(_ finding: Finding) {
            self.init(fingerprint: finding.fingerprint, code: finding.code, path: finding.range.path, message: finding.message)
        }
    }

    public var entries: [Entry]

    /// Entries sorted by path, code, fingerprint and message, so the file is the same for the same
    /// findings whatever order they came in.
    public init(entries: [Entry]) {
        self.entries = entries.sorted { ($0.path, $0.code, $0.fingerprint, $0.message) < ($1.path, $1.code, $1.fingerprint, $1.message) }
    }

    public init(findings: [Finding]) {
        self.init(entries: findings.map(Entry.init))
    }

    /// What applying a baseline leaves: findings not in it, and entries no finding matched.
    public struct Outcome: Sendable {
        public var findings: [Finding]
        public var hidden: Int
        public var stale: [Entry]
    }

    /// Hides each finding that has an unused entry with its fingerprint. Entries are counted: two
    /// findings with one fingerprint need two entries, so a second copy of a known problem is new.
    public func apply(to findings: [Finding]) -> Outcome {
        var available: [String: [Entry]] = [:]
        for entry in entries { available[entry.fingerprint, default: []].append(entry) }
        var kept: [Finding] = []
        var hidden = 0
        for finding in findings {
            if var matches = available[finding.fingerprint], !matches.isEmpty {
                matches.removeFirst()
                available[finding.fingerprint] = matches
                hidden += 1
            } else {
                kept.append(finding)
            }
        }
        let stale = entries.filter { entry in
            guard var left = available[entry.fingerprint], let index = left.firstIndex(of: entry) else { return false }
            left.remove(at: index)
            available[entry.fingerprint] = left
            return true
        }
        return Outcome(findings: kept, hidden: hidden, stale: stale)
    }

    /// The baseline without the given stale entries (`--prune-baseline`).
    public func pruning(_ stale: [Entry]) -> Baseline {
        var remove: [Entry: Int] = [:]
        for entry in stale { remove[entry, default: 0] += 1 }
        return Baseline(entries: entries.filter { entry in
            guard let count = remove[entry], count > 0 else { return true }
            remove[entry] = count - 1
            return false
        })
    }

    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    private struct Document: Codable {
        var version: Int
        var tool: String
        var findings: [Entry]
    }

    public func render() -> String {
        encodeDeterministically(Document(version: Self.version, tool: "parapet", findings: entries)) + "\n"
    }

    public static func parse(_ data: Data) throws -> Baseline {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ReadError(description: "not a Parapet baseline (\(Self.reason(error)))")
        }
        guard document.version == version else {
            throw ReadError(description: "baseline version \(document.version) is not supported (this Parapet writes version \(version))")
        }
        return Baseline(entries: document.findings)
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key `\(key.stringValue)`"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
        default: "invalid JSON"
        }
    }
}
