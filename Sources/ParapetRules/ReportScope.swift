import Foundation
import ParapetCore
import ParapetSyntax

/// Which findings a scan reports, when the graph is built from more than what is being checked:
/// `parapet scan changed.yaml --context .` builds the graph from the whole repository (so that a
/// NetworkPolicy in an unchanged file counts) and reports only on `changed.yaml`; `--diff` further
/// narrows to the lines a unified diff adds or changes.
public struct ReportScope: Sendable {
    /// Absolute, normalized files or directories; nil reports on every path.
    public var paths: [String]?
    /// Absolute path → changed line numbers (from a unified diff); nil reports on every line.
    public var changedLines: [String: Set<Int>]?

    public init(paths: [String]? = nil, changedLines: [String: Set<Int>]? = nil) {
        self.paths = paths
        self.changedLines = changedLines
    }

    public var isEverything: Bool { paths == nil && changedLines == nil }

    /// Whether a finding is reported. Configuration and internal errors always are: they decide
    /// the exit status, and the configuration file is rarely among the changed paths.
    public func includes(_ finding: Finding, workingDirectory: String) -> Bool {
        if MetaRules.alwaysReported.contains(finding.code) { return true }
        let file = Discovery.absolute(finding.range.path, in: workingDirectory)
        if let paths, !paths.contains(where: { file == $0 || $0 == "/" || file.hasPrefix($0 + "/") }) { return false }
        if let changedLines {
            guard let lines = changedLines[file] else { return false }
            let first = finding.range.start.line, last = max(first, finding.range.end.line)
            // A finding spanning a whole block counts when any of its lines changed; ranges from
            // input are bounded by the file, but the loop is bounded by the changed set anyway.
            return lines.contains { $0 >= first && $0 <= last }
        }
        return true
    }
}

/// Reads the added and changed lines of a unified diff (`git diff` or `diff -u` output): for
/// each new-side file, the line numbers of its `+` lines. Parapet never runs `git` itself; the
/// diff is given on standard input or as a file.
public enum UnifiedDiff {
    /// New-side path (as written in the diff, `b/` prefix removed) → added line numbers. Deleted
    /// files are left out; a file whose diff adds no line maps to an empty set.
    public static func changedLines(_ text: String) -> [String: Set<Int>] {
        var result: [String: Set<Int>] = [:]
        var oldPath: String?
        var current: String?
        var newLine = 0, oldRemaining = 0, newRemaining = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if oldRemaining > 0 || newRemaining > 0 {
                switch line.first {
                case "+":
                    if let current { result[current, default: []].insert(newLine) }
                    newLine += 1
                    newRemaining -= 1
                    continue
                case "-":
                    oldRemaining -= 1
                    continue
                case " ", nil:
                    newLine += 1
                    newRemaining -= 1
                    oldRemaining -= 1
                    continue
                case "\\":
                    continue
                default:
                    oldRemaining = 0
                    newRemaining = 0
                }
            }
            if line.hasPrefix("--- ") {
                oldPath = path(line.dropFirst(4))
            } else if line.hasPrefix("+++ ") {
                guard let new = path(line.dropFirst(4)), new != "/dev/null" else { current = nil; continue }
                let prefixed = oldPath.map { $0 == "/dev/null" || $0.hasPrefix("a/") } ?? false
                current = prefixed && new.hasPrefix("b/") ? String(new.dropFirst(2)) : new
                if let current, result[current] == nil { result[current] = [] }
            } else if line.hasPrefix("@@ "), let header = hunk(line) {
                newLine = header.newStart
                oldRemaining = header.oldCount
                newRemaining = header.newCount
            }
        }
        return result
    }

    /// `@@ -a,b +c,d @@` → (b, c, d); a missing count is 1.
    static func hunk(_ line: Substring) -> (oldCount: Int, newStart: Int, newCount: Int)? {
        let parts = line.split(separator: " ")
        guard parts.count >= 3, parts[1].hasPrefix("-"), parts[2].hasPrefix("+") else { return nil }
        func range(_ text: Substring) -> (Int, Int)? {
            let numbers = text.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
            guard let start = numbers.first.flatMap({ Int($0) }), start >= 0 else { return nil }
            let count = numbers.count > 1 ? Int(numbers[1]) : 1
            guard let count, count >= 0 else { return nil }
            return (start, count)
        }
        guard let old = range(parts[1]), let new = range(parts[2]) else { return nil }
        return (old.1, new.0, new.1)
    }

    /// The path of a `---` / `+++` line: up to a tab (diff -u puts a date there), C-quoted when
    /// git quotes it.
    static func path(_ text: Substring) -> String? {
        var text = text
        if let tab = text.firstIndex(of: "\t") { text = text[..<tab] }
        guard text.first == "\"" else { return text.isEmpty ? nil : String(text) }
        let input = Array(text.utf8.dropFirst())
        var bytes: [UInt8] = []
        var index = 0
        func isOctal(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") }
        while index < input.count {
            let byte = input[index]
            index += 1
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\"), index < input.count else { bytes.append(byte); continue }
            let escaped = input[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "n"): bytes.append(10)
            case UInt8(ascii: "t"): bytes.append(9)
            case _ where isOctal(escaped):
                var value = Int(escaped - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, index < input.count, isOctal(input[index]) {
                    value = value * 8 + Int(input[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(escaped)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
