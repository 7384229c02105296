import Foundation
import Testing
@testable import SpineSimCLI

/// The ordered parallel map under `grade`: every index once, results handed over in order,
/// even when the work for early indices is the slowest.
@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 7, 8, 9, 100, 1001])
    func everyIndexOnceInOrder(count: Int) {
        let results = Parallel.map(count: count, workers: 3) { index in index * index }
        #expect(results == (0..<count).map { $0 * $0 })
    }

    @Test func consumedInOrderWhenEarlyWorkIsSlow() {
        var seen: [Int] = []
        Parallel.forEachInOrder(count: 200, workers: 2, { index in
            // The first chunk is slow, so later indices finish first.
            if index < 8 { Thread.sleep(forTimeInterval: 0.01) }
            return index * 2
        }, consume: { index, value in
            #expect(value == index * 2)
            seen.append(index)
        })
        #expect(seen == Array(0..<200))
    }
}
