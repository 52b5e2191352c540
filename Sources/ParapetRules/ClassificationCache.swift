import Foundation
import ParapetCore
import ParapetSyntax

/// What a re-run can skip without changing its result: files whose name leaves their kind open
/// (`*.yaml`, `*.json`, `*.toml`) are parsed to see what they are, and most of a repository's are
/// nothing Parapet reads (CI configs, `package.json`, fixtures of other tools). Once such a file is
/// known, by its path and the SHA-256 of its content, to be of no kind, a later scan skips reading
/// it into a tree.
///
/// Only that negative answer is cached. Files Parapet does read are parsed on every run: their
/// syntax trees feed the graph, which depends on every other file, so caching findings per file
/// would be wrong and caching trees would need a serialization of both front-ends' trees (at
/// 10 MB of input, decoding them is not clearly faster than parsing).
///
/// The file lives in a folder named after the Parapet build (`key`), so a new version, whose
/// classifier may have changed, starts empty. Reading and writing it are best-effort: a missing or
/// unreadable cache only means parsing again; a damaged line is ignored.
public final class ClassificationCache: @unchecked Sendable {
    public let file: String
    private var known: Set<String>
    /// Paths with an entry: only their files are hashed on lookup (hashing every candidate cost
    /// more than the parses it saved on a repository of manifests).
    private var knownPaths: Set<String> = []
    private var added: [String: String] = [:]
    /// The file's lines as read, written back with what was learned.
    private var lines: Set<String> = []
    private let lock = NSLock()
    /// A bound on the file (about 7 MB): past it the cache starts over.
    static let maximumEntries = 100_000

    public init(directory: String, key: String) {
        let safeKey = String(key.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" ? Character($0) : "_" })
        file = directory + "/" + safeKey + "/unrecognised-files"
        let text = (FileManager.default.contents(atPath: file)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        var known: Set<String> = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let hash = parts.first, hash.count == 64, hash.allSatisfy(\.isHexDigit) else { continue }
            known.insert(String(hash))
            lines.insert(String(line))
            if parts.count == 2 { knownPaths.insert(String(parts[1])) }
        }
        self.known = known.count > Self.maximumEntries ? [] : known
        if known.count > Self.maximumEntries {
            knownPaths = []
            lines = []
        }
    }

    /// Key of a file: its display path and its bytes.
    public static func key(path: String, bytes: [UInt8]) -> String {
        SHA256.hex(Array(path.utf8) + [0] + bytes)
    }

    public func isUnrecognised(_ key: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return known.contains(key)
    }

    public func recordUnrecognised(_ key: String, path: String) {
        lock.lock()
        if !known.contains(key), !path.contains("\n") { added[key] = path }
        lock.unlock()
    }

    func mayHaveEntry(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return knownPaths.contains(path)
    }

    /// Files skipped thanks to the cache in this run (for tests and `--cache-dir` measurements).
    public private(set) var hits = 0

    /// Writes the file when something was learned (written to a temporary file, then renamed, so
    /// that two scans at once leave a whole file).
    public func save() {
        lock.lock()
        defer { lock.unlock() }
        guard !added.isEmpty else { return }
        for (key, path) in added { lines.insert("\(key) \(path)") }
        let all = lines.sorted()
        let folder = (file as NSString).deletingLastPathComponent
        let temporary = file + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data((all.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, file) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
        known.formUnion(added.keys)
        knownPaths.formUnion(added.values)
        added = [:]
    }

    /// Loads one file, consulting the cache for files that must be parsed to be classified.
    func load(_ file: DiscoveredFile, loader: Loader) -> ParsedFile? {
        guard case .sniff = FileClassifier.classify(path: file.displayPath),
              case .bytes(let bytes) = FileSystem.read(file.absolutePath, maxBytes: loader.limits.maxFileBytes) else {
            return loader.load(file)
        }
        if mayHaveEntry(file.displayPath), isUnrecognised(Self.key(path: file.displayPath, bytes: bytes)) {
            lock.lock()
            hits += 1
            lock.unlock()
            return nil
        }
        let parsed = loader.load(SourceFile(path: file.displayPath, bytes: bytes))
        if parsed == nil { recordUnrecognised(Self.key(path: file.displayPath, bytes: bytes), path: file.displayPath) }
        return parsed
    }
}
