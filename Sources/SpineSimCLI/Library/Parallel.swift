import Foundation

/// Work spread over the cores with the results kept in order.
public enum Parallel {
    /// `transform(worker, index)` for every index in `0..<count`, on `workers` threads taking
    /// every `workers`-th index each; results in index order.
    public static func map<T: Sendable>(count: Int, workers: Int, _ transform: @Sendable (_ worker: Int, _ index: Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        let workers = max(1, workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < count {
                slots.set(index, transform(worker, index))
                index += workers
            }
        }
        return slots.values
    }

    /// One slot per index, each written by exactly one worker.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private var slots: [T?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: T) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        /// Every slot is set once `concurrentPerform` has returned.
        var values: [T] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}
