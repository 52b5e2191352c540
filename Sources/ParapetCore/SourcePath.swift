import Foundation

/// A file path as every range holds it: a 32-bit number naming an interned path.
///
/// Every value, member, node and finding carries ranges, and a `String` path in each was 16 bytes
/// and a reference count to touch on every copy. The number is only an identity: equal numbers
/// are equal paths within a process. It is never ordered, printed or written; `path` is.
public struct SourcePath: Hashable, Sendable {
    let id: UInt32

    /// The number of `path`, interned on first use (thread-safe).
    public init(_ path: String) { id = SourcePathTable.shared.intern(path) }

    public var path: String { SourcePathTable.shared.path(id) }
}

/// The process-wide table of interned paths. Paths are never removed: a process reads each file
/// once, and a test process holds a few thousand paths at most.
///
/// Reads take no lock. A slot is written once, before its number is handed out under the lock,
/// and a number reaches another thread only through synchronization that orders that write
/// before the read (the lock, a dispatch join, a result slot's lock).
final class SourcePathTable: @unchecked Sendable {
    static let shared = SourcePathTable()

    private static let chunkBits = 12
    private static let chunkSize = 1 << chunkBits
    private static let maxChunks = 1 << 16

    private let lock = NSLock()
    private var numbers: [String: UInt32] = [:]
    private var count = 0
    /// Chunks of `chunkSize` slots, allocated as needed and never moved, so reads need no lock.
    private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<String>?>

    private init() {
        chunks = .allocate(capacity: Self.maxChunks)
        chunks.initialize(repeating: nil, count: Self.maxChunks)
    }

    func intern(_ path: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let number = numbers[path] { return number }
        let chunk = count >> Self.chunkBits
        // 2^28 distinct paths: beyond any scan; the last slot is reused rather than trapping.
        guard chunk < Self.maxChunks else { return UInt32(count - 1) }
        if chunks[chunk] == nil {
            let slots = UnsafeMutablePointer<String>.allocate(capacity: Self.chunkSize)
            slots.initialize(repeating: "", count: Self.chunkSize)
            chunks[chunk] = slots
        }
        chunks[chunk]?[count & (Self.chunkSize - 1)] = path
        let number = UInt32(count)
        numbers[path] = number
        count += 1
        return number
    }

    func path(_ number: UInt32) -> String {
        let index = Int(number)
        guard let slots = chunks[index >> Self.chunkBits] else { return "" }
        return slots[index & (Self.chunkSize - 1)]
    }
}
