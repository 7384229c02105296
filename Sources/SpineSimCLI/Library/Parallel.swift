import Foundation

/// Work spread over the cores with the results kept in order.
public enum Parallel {
    /// How many indices a worker claims at a time: enough to keep the shared counter quiet,
    /// few enough that the workers finish together.
    static let chunk = 8

    /// `transform(index)` for every index in `0..<count` on `workers` threads; results in index order.
    public static func map<T: Sendable>(count: Int, workers: Int, _ transform: @escaping @Sendable (_ index: Int) -> T) -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        forEachInOrder(count: count, workers: workers, transform) { _, value in out.append(value) }
        return out
    }

    /// `produce(index)` for every index in `0..<count` on `workers` threads, each result handed
    /// to `consume` on the calling thread in index order as soon as it and those before it are
    /// ready, and then let go: a large batch need not keep every result.
    public static func forEachInOrder<T: Sendable>(count: Int, workers: Int, _ produce: @escaping @Sendable (_ index: Int) -> T,
                                                   consume: (_ index: Int, T) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(workers, count))
        if workers == 1 {
            for index in 0..<count { consume(index, produce(index)) }
            return
        }
        let slots = Slots<T>(count: count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while let claimed = slots.claim(chunk) {
                    for index in claimed { slots.set(index, produce(index)) }
                }
            }
        }
        for index in 0..<count { consume(index, slots.take(index)) }
        group.wait()
    }

    /// One slot per index, each written by exactly one worker and taken once, and the next unclaimed index.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private var slots: [T?]
        private var nextUnclaimed = 0
        /// The index the consumer is waiting for (-1: none): only its arrival wakes it.
        private var awaited = -1
        private let condition = NSCondition()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        /// The next `size` indices (fewer at the end) no worker has claimed, or nil when none are left.
        func claim(_ size: Int) -> Range<Int>? {
            condition.lock()
            defer { condition.unlock() }
            guard nextUnclaimed < slots.count else { return nil }
            let end = min(nextUnclaimed + size, slots.count)
            defer { nextUnclaimed = end }
            return nextUnclaimed..<end
        }

        func set(_ index: Int, _ value: T) {
            condition.lock()
            slots[index] = value
            if index == awaited { condition.signal() }
            condition.unlock()
        }

        /// The value at `index`, waiting until a worker has set it; the slot is emptied.
        func take(_ index: Int) -> T {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let value = slots[index] {
                    slots[index] = nil
                    awaited = -1
                    return value
                }
                awaited = index
                condition.wait()
            }
        }
    }
}
