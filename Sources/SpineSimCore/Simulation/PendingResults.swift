/// Results ordered and not yet back: a binary min-heap on (due time, order of adding), so
/// that the next result due is found in O(1) and added or removed in O(log n). A session
/// with thousands of results outstanding no longer rescans them all on every command.
///
/// Of results due at the same minute, the one added first comes first, as it always has.
struct PendingResults<Element: Sendable>: Sendable {
    private struct Entry: Sendable {
        var due: Minutes
        var sequence: Int
        var element: Element

        func precedes(_ other: Entry) -> Bool {
            due != other.due ? due < other.due : sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var added = 0

    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }

    /// When the next result is due, if any is pending.
    var nextDue: Minutes? { heap.first?.due }

    mutating func add(_ element: Element, due: Minutes) {
        heap.append(Entry(due: due, sequence: added, element: element))
        added += 1
        siftUp(heap.count - 1)
    }

    /// Removes and returns the next result if it is due by `t`.
    mutating func popFirst(dueBy t: Minutes) -> (due: Minutes, element: Element)? {
        guard let first = heap.first, first.due <= t else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return (first.due, first.element)
    }

    /// Every pending element, soonest due first (of equals, the first added).
    var inDueOrder: [Element] {
        heap.sorted { $0.precedes($1) }.map(\.element)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count, heap[left].precedes(heap[first]) { first = left }
            if right < heap.count, heap[right].precedes(heap[first]) { first = right }
            if first == parent { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
