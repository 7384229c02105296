import Foundation

/// Work spread over the cores with the results kept in order.
public enum Parallel {
    /// How many indices a worker claims at a time: enough to keep the shared counter quiet,
    /// few enough that the workers finish together.
    static let chunk = 8

    /// `transform(worker, index)` for every index in `0..<count` on `workers` threads;
    /// results in index order.
    public static func map<T: Sendable>(count: Int, workers: Int, _ transform: @Sendable (_ worker: Int, _ index: Int) -> T) -> [T] {
        map(count: count, workers: workers, setUp: { $0 }, transform)
    }

    /// Like `map(count:workers:_:)`, but each worker first makes its own state with
    /// `setUp(worker)` on its own thread (a copy of the cases, say), so that slow set-up
    /// overlaps the other workers' work. Workers claim indices as they become free, so a
    /// worker that starts late simply takes fewer.
    public static func map<State, T: Sendable>(count: Int, workers: Int, setUp: @Sendable (_ worker: Int) -> State,
                                               _ transform: @Sendable (_ state: State, _ index: Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        let workers = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let state = setUp(worker)
            while let claimed = slots.claim(chunk) {
                for index in claimed { slots.set(index, transform(state, index)) }
            }
        }
        return slots.values
    }

    /// One slot per index, each written by exactly one worker, and the next unclaimed index.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private var slots: [T?]
        private var nextUnclaimed = 0
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        /// The next `size` indices (fewer at the end) no worker has claimed, or nil when none are left.
        func claim(_ size: Int) -> Range<Int>? {
            lock.lock()
            defer { lock.unlock() }
            guard nextUnclaimed < slots.count else { return nil }
            let end = min(nextUnclaimed + size, slots.count)
            defer { nextUnclaimed = end }
            return nextUnclaimed..<end
        }

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
