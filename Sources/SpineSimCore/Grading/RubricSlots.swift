/// The rubric's patterns numbered in one run (item after item, each item's patterns in its
/// own order) and arranged by verb and code. Grading asks, for every pattern, when the first
/// action it matches was done; with the patterns arranged this way each action is looked at
/// once, against only the patterns that could match it, instead of every pattern being tried
/// against every action of its verb.
public struct RubricSlots: Sendable {
    /// Where each item's patterns begin in the run, and after the last item the run's length:
    /// item `i` has slots `start[i]..<start[i + 1]`.
    public let start: [Int]
    /// The pattern in each slot, and the item (by index in the rubric) it belongs to.
    private let patterns: [ActionPattern]
    private let itemOfSlot: [Int]
    /// The slots by their pattern's verb and code.
    private let slotsByVerbAndCode: PatternsByVerbAndCode<Int>

    public init(_ items: [RubricItem]) {
        var start: [Int] = []
        var patterns: [ActionPattern] = []
        var itemOfSlot: [Int] = []
        for (itemIndex, item) in items.enumerated() {
            start.append(patterns.count)
            patterns += item.patterns
            itemOfSlot += repeatElement(itemIndex, count: item.patterns.count)
        }
        start.append(patterns.count)
        self.start = start
        self.patterns = patterns
        self.itemOfSlot = itemOfSlot
        slotsByVerbAndCode = PatternsByVerbAndCode(Array(patterns.indices)) { patterns[$0] }
    }

    /// The actions an item looks at: those done at or after `from` and before `until`.
    public struct Window: Sendable {
        public var from: Minutes
        public var until: Minutes
        /// Every action.
        public static let open = Window(from: .min, until: .max)

        public init(from: Minutes, until: Minutes) {
            self.from = from
            self.until = until
        }

        public func contains(_ t: Minutes) -> Bool { t >= from && t < until }
    }

    /// For each slot, the time of the first of `actions` (in their order) that its pattern
    /// matches inside its item's window (`windows`, one per item; nil for an item that does not
    /// apply, which nothing matches); nil when none does. The same as trying each slot's
    /// pattern against the actions in order and keeping the first match.
    public func firstTimes(of actions: [PerformedAction], windows: [Window?]) -> [Minutes?] {
        var first = [Minutes?](repeating: nil, count: patterns.count)
        for action in actions {
            func visit(_ slots: [Int]) {
                for slot in slots where first[slot] == nil {
                    if windows[itemOfSlot[slot]]?.contains(action.t) == true, patterns[slot].matches(action) { first[slot] = action.t }
                }
            }
            let candidates = slotsByVerbAndCode.candidates(for: action)
            visit(candidates.sameCode)
            visit(candidates.others)
        }
        return first
    }
}
