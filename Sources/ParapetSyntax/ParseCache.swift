import Foundation
import ParapetCore

/// Parsed HCL trees kept between runs, by the SHA-256 of the file's bytes and the limits they were
/// parsed under. Parsing HCL with tree-sitter is most of a Terraform scan; decoding a kept tree
/// costs a small part of that, so a re-run (a pre-commit hook, a second CI step) parses only the
/// files that changed.
///
/// Only HCL is kept: libyaml and the JSON and TOML readers are fast enough that reading an entry
/// would not be cheaper. An entry is keyed by content, not path: a file that moves keeps it.
///
/// Best-effort, like every cache: an entry that is missing, damaged, from another build (the
/// folder is named after the build) or unreadable only means parsing again, and a failed write
/// is ignored. Entries are written to a temporary file and renamed, so two scans at once never
/// read half an entry. The folder is bounded: past `maximumEntries`, the oldest quarter goes.
public final class ParseCache: @unchecked Sendable {
    /// `<cache>/<build>/hcl`.
    public let directory: String
    private let lock = NSLock()
    private var counts = (hits: 0, misses: 0, written: 0)
    public static let maximumEntries = 20_000
    /// An entry larger than this is not one Parapet wrote (entries are a fraction of the file
    /// they stand for, and files are bounded by `ScanLimits.maxFileBytes`): it is not read.
    static let maximumEntryBytes = 256 << 20

    public init(directory: String, key: String) {
        let safeKey = String(key.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" ? Character($0) : "_" })
        self.directory = directory + "/" + safeKey + "/hcl"
    }

    /// Entries read, files parsed because they had none, and entries written, in this run.
    public var statistics: (hits: Int, misses: Int, written: Int) {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// The kept parse of `source`, or `parse()`'s result, kept for next time.
    func hcl(_ source: SourceFile, limits: ScanLimits, parse: () -> HCLParseResult) -> HCLParseResult {
        let key = SHA256.hex(Array("\(HCLTreeCodec.formatVersion) \(limits)".utf8) + [0] + source.bytes)
        let file = entryPath(key)
        if case .bytes(let data) = FileSystem.read(file, maxBytes: Self.maximumEntryBytes),
           let result = HCLTreeCodec.decode(data, path: source.path, maxDepth: limits.maxDepth) {
            count { $0.hits += 1 }
            return result
        }
        let result = parse()
        count { $0.misses += 1 }
        if let bytes = HCLTreeCodec.encode(result, path: source.path), write(bytes, to: file) {
            count { $0.written += 1 }
        }
        return result
    }

    private func entryPath(_ key: String) -> String {
        "\(directory)/\(key.prefix(2))/\(key)"
    }

    private func count(_ change: (inout (hits: Int, misses: Int, written: Int)) -> Void) {
        lock.lock()
        change(&counts)
        lock.unlock()
    }

    private func write(_ bytes: [UInt8], to file: String) -> Bool {
        let folder = (file as NSString).deletingLastPathComponent
        let temporary = file + ".\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, file) == 0 { return true }
        } catch {}
        try? FileManager.default.removeItem(atPath: temporary)
        return false
    }

    /// After a run that wrote entries: past `maximumEntries`, removes the oldest quarter (by
    /// modification time), so that a cache used for years stays bounded.
    public func prune(maximumEntries: Int = ParseCache.maximumEntries) {
        guard statistics.written > 0 else { return }
        let manager = FileManager.default
        var entries: [(path: String, modified: Date)] = []
        for folder in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] {
            let folderPath = directory + "/" + folder
            for name in (try? manager.contentsOfDirectory(atPath: folderPath)) ?? [] {
                entries.append((folderPath + "/" + name, .distantPast))
            }
        }
        guard entries.count > maximumEntries else { return }
        for index in entries.indices {
            entries[index].modified = ((try? manager.attributesOfItem(atPath: entries[index].path))?[.modificationDate] as? Date) ?? .distantPast
        }
        entries.sort { ($0.modified, $0.path) < ($1.modified, $1.path) }
        for entry in entries.prefix(entries.count - maximumEntries * 3 / 4) {
            try? manager.removeItem(atPath: entry.path)
        }
    }
}
