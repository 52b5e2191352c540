import Foundation
import ParapetCore

/// HCL parses shared, within one load, between files with the same bytes: the same module vendored
/// into several folders, `versions.tf` copied into every example, a repository checked in twice.
/// The first file of a content is parsed; the others get its tree with their own path, through the
/// parse cache's codec (decoding costs a small part of parsing). Every file still gets its own
/// tree, ranges and diagnostics, so the graph cannot tell a shared parse from a fresh one.
///
/// Thread-safe; lives as long as one load, so the trees it holds are freed with the load's.
public final class SameContentParses: @unchecked Sendable {
    private enum Entry {
        /// A worker is parsing the first file of this content; another file of it parses itself
        /// rather than wait.
        case parsing
        case parsed(path: String, result: HCLParseResult)
        /// The codec form, once a second file of the content came (the first tree is not held).
        case encoded([UInt8])
        /// The tree could not be written without loss (no codec form): every file parses itself.
        case unshareable
    }

    /// A file's bytes as a key, hashed in one pass (an array of bytes hashes byte by byte).
    private struct Content: Hashable {
        let bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
        static func == (a: Content, b: Content) -> Bool {
            a.bytes.count == b.bytes.count && a.bytes.withUnsafeBytes { x in
                b.bytes.withUnsafeBytes { y in
                    guard let p = x.baseAddress, let q = y.baseAddress else { return true }  // both empty
                    return memcmp(p, q, x.count) == 0
                }
            }
        }
    }

    private let lock = NSLock()
    private var entries: [Content: Entry] = [:]
    private var counts = (shared: 0, parsed: 0)

    public init() {}

    /// Files that got a shared tree, and files parsed, so far.
    public var statistics: (shared: Int, parsed: Int) {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// `source`'s parse: shared from an earlier file of the same bytes, or `parse()`'s result.
    /// Only called with one `ScanLimits` per instance (one load), so bytes alone are the key.
    func hcl(_ source: SourceFile, maxDepth: Int, parse: () -> HCLParseResult) -> HCLParseResult {
        lock.lock()
        let key = Content(bytes: source.bytes)
        let entry = entries[key]
        if entry == nil { entries[key] = .parsing }
        lock.unlock()
        switch entry {
        case .none:
            let result = parse()
            store(key, .parsed(path: source.path, result: result))
            count { $0.parsed += 1 }
            return result
        case .parsing, .unshareable:
            count { $0.parsed += 1 }
            return parse()
        case .parsed(let path, let result):
            guard let bytes = HCLTreeCodec.encode(result, path: path) else {
                store(key, .unshareable)
                count { $0.parsed += 1 }
                return parse()
            }
            store(key, .encoded(bytes))
            return decode(bytes, source, maxDepth: maxDepth, parse: parse)
        case .encoded(let bytes):
            return decode(bytes, source, maxDepth: maxDepth, parse: parse)
        }
    }

    private func decode(_ bytes: [UInt8], _ source: SourceFile, maxDepth: Int, parse: () -> HCLParseResult) -> HCLParseResult {
        guard let shared = HCLTreeCodec.decode(bytes, path: source.path, maxDepth: maxDepth) else {
            count { $0.parsed += 1 }
            return parse()
        }
        count { $0.shared += 1 }
        return shared
    }

    private func store(_ key: Content, _ entry: Entry) {
        lock.lock()
        entries[key] = entry
        lock.unlock()
    }

    private func count(_ change: (inout (shared: Int, parsed: Int)) -> Void) {
        lock.lock()
        change(&counts)
        lock.unlock()
    }
}
