import Foundation

/// Fixed slots written by index from several threads (`concurrentPerform` workers), read once
/// they are done: results keep their input order, so output never depends on scheduling.
public final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: Value?) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    public var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    /// The values in slot order, leaving the slots empty: the caller then holds the only copy,
    /// so memory is freed as it lets them go.
    public func take() -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        let all = storage.compactMap { $0 }
        storage = []
        return all
    }
}
