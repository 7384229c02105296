import Foundation
import Testing
@testable import SpineSimCLI

/// The ordered parallel map under `grade`: every index once, results in order, set-up once per
/// worker, even when one worker starts late. (Which worker takes how many is left to timing,
/// so it is not asserted.)
@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 7, 8, 9, 100, 1001])
    func everyIndexOnceInOrder(count: Int) {
        let results = Parallel.map(count: count, workers: 3) { _, index in index * index }
        #expect(results == (0..<count).map { $0 * $0 })
    }

    @Test func eachWorkerSetsUpOnceEvenWhenOneStartsLate() {
        let setUps = Counter()
        let results = Parallel.map(count: 400, workers: 2, setUp: { worker -> Int in
            setUps.add(worker)
            // The second worker is slow to start, as when it loads its own copy of the cases.
            if worker == 1 { Thread.sleep(forTimeInterval: 0.2) }
            return worker
        }) { worker, index in
            Thread.sleep(forTimeInterval: 0.0005)
            return (worker, index)
        }
        #expect(results.map(\.1) == Array(0..<400))
        #expect(setUps.sortedValues == [0, 1])
        #expect(results.allSatisfy { $0.0 == 0 || $0.0 == 1 })
    }

    private final class Counter: @unchecked Sendable {
        private var values: [Int] = []
        private let lock = NSLock()
        func add(_ value: Int) { lock.lock(); values.append(value); lock.unlock() }
        var sortedValues: [Int] { lock.lock(); defer { lock.unlock() }; return values.sorted() }
    }
}
