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
    /// By verb position: code → the slots whose pattern names that code, in run order.
    private let byCode: [WordTable<[Int]>]
    /// By verb position: the slots whose pattern names a class or any item, in run order.
    private let others: [[Int]]

    public init(_ items: [RubricItem]) {
        var start: [Int] = []
        var patterns: [ActionPattern] = []
        var itemOfSlot: [Int] = []
        var byCode = [WordTable<[Int]>](repeating: WordTable(), count: Verb.allCases.count)
        var others = [[Int]](repeating: [], count: Verb.allCases.count)
        for (itemIndex, item) in items.enumerated() {
            start.append(patterns.count)
            for pattern in item.patterns {
                let slot = patterns.count
                patterns.append(pattern)
                itemOfSlot.append(itemIndex)
                if case .code(let code) = pattern.target {
                    byCode[pattern.verb.position][code, default: []].append(slot)
                } else {
                    others[pattern.verb.position].append(slot)
                }
            }
        }
        start.append(patterns.count)
        self.start = start
        self.patterns = patterns
        self.itemOfSlot = itemOfSlot
        self.byCode = byCode
        self.others = others
    }

    /// The actions an item looks at: those done at or after `from` and before `until`.
    public struct Window: Sendable {
        public var from: Minutes
        public var until: Minutes
        /// A window no action falls in, for an item that does not apply.
        public static let closed = Window(from: .max, until: .min)
        /// Every action.
        public static let open = Window(from: .min, until: .max)

        public init(from: Minutes, until: Minutes) {
            self.from = from
            self.until = until
        }

        public func contains(_ t: Minutes) -> Bool { t >= from && t < until }
    }

    /// For each slot, the time of the first of `actions` (in their order) that its pattern
    /// matches inside its item's window (`windows`, one per item); nil when none does. The same
    /// as trying each slot's pattern against the actions in order and keeping the first match.
    public func firstTimes(of actions: [PerformedAction], windows: [Window]) -> [Minutes?] {
        var first = [Minutes?](repeating: nil, count: patterns.count)
        for action in actions {
            let position = action.verb.position
            // A pattern matches only actions of its own verb, and a code pattern only its code.
            if let slots = byCode[position][action.code] {
                for slot in slots where first[slot] == nil {
                    if windows[itemOfSlot[slot]].contains(action.t), patterns[slot].matches(action) { first[slot] = action.t }
                }
            }
            for slot in others[position] where first[slot] == nil {
                if windows[itemOfSlot[slot]].contains(action.t), patterns[slot].matches(action) { first[slot] = action.t }
            }
        }
        return first
    }
}
