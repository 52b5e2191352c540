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
              let size = (try? FileManager.default.attributesOfItem(atPath: file.absolutePath)[.size]) as? Int,
              size <= loader.limits.maxFileBytes,
              let data = FileManager.default.contents(atPath: file.absolutePath) else {
            return loader.load(file)
        }
        let bytes = [UInt8](data)
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

/// SHA-256 (FIPS 180-4), for cache keys that a crafted file cannot collide with another.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public static func hex(_ message: [UInt8]) -> String {
        digest(message).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    public static func digest(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var data = message
        let bitLength = UInt64(message.count) &* 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 64)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                let base = chunk + i * 4
                w[i] = UInt32(data[base]) << 24 | UInt32(data[base + 1]) << 16 | UInt32(data[base + 2]) << 8 | UInt32(data[base + 3])
            }
            for i in 16..<64 {
                let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
            for i in 0..<64 {
                let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                let choice = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ choice &+ k[i] &+ w[i]
                let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ majority
                hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            }
            h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d; h[4] &+= e; h[5] &+= f; h[6] &+= g; h[7] &+= hh
        }
        return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - $0 * 8)) } }
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
