#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8.
    ///
    /// With Foundation imported, `contains(_:)` with a string argument resolves to Foundation's,
    /// which on Linux copies both strings to UTF-16 and searches with locale rules: on a scan of
    /// Kubernetes manifests, the marker checks of file classification cost 30 % of all
    /// instructions. The markers Parapet looks for are plain ASCII, where bytes are exact.
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { wanted in
            if wanted.isEmpty { return true }
            if let found = utf8.withContiguousStorageIfAvailable({ Self.search(wanted, in: $0) }) { return found }
            var copy = String(self)
            return copy.withUTF8 { Self.search(wanted, in: $0) }
        }
    }

    fileprivate static func search(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard haystack.count >= needle.count, let base = haystack.baseAddress, let wanted = needle.baseAddress else { return false }
        // memchr finds each candidate first byte, memcmp checks the rest (memmem is not exported).
        let first = Int32(wanted.pointee)
        let lastStart = haystack.count - needle.count
        var offset = 0
        while offset <= lastStart {
            guard let hit = memchr(base + offset, first, lastStart - offset + 1) else { return false }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, wanted, needle.count) == 0 { return true }
            offset = at + 1
        }
        return false
    }
}

extension Array where Element == UInt8 {
    /// Whether the UTF-8 of `needle` occurs in these bytes (the same search as
    /// `StringProtocol.containsBytes`, on a file not yet decoded).
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { wanted in
            wanted.isEmpty || withUnsafeBufferPointer { String.search(wanted, in: $0) }
        }
    }
}
