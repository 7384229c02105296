/// The actions a rubric item looks at: those done at or after `from` and before `until`.
struct ItemWindow: Sendable, Equatable {
    var from: Minutes
    var until: Minutes
    /// When the item's `within` deadline starts: its `after_event`'s time, else presentation
    /// (never the `after_result` arrival, which only opens the window).
    var deadlineFrom: Minutes = 0
    /// Every action.
    static let open = ItemWindow(from: .min, until: .max)

    func contains(_ t: Minutes) -> Bool { t >= from && t < until }

    /// The item's window given when each course event happened during the session; nil when
    /// the item belongs to a visit that never came (its `after` event never happened).
    /// With `after_result`, the window opens when the first of those results arrived (and
    /// never, if none did).
    /// `afterResult` replaces the item's own `after_result` (the plan's, with catalogue defaults).
    static func of(_ item: RubricItem, eventTimes: [String: Minutes], resultTimes: [String: Minutes] = [:],
                   afterResult: [String]? = nil) -> ItemWindow? {
        let afterResult = afterResult ?? item.afterResult
        var window = ItemWindow.open
        if let event = item.afterEvent {
            guard let start = eventTimes[event] else { return nil }
            window.from = start
            window.deadlineFrom = start
        }
        if !afterResult.isEmpty {
            let arrived = afterResult.compactMap { resultTimes[$0] }.min() ?? .max
            window.from = max(window.from, arrived)
        }
        if let event = item.beforeEvent, let end = eventTimes[event] { window.until = end }
        return window
    }

    /// When each test's first result reached the trainee during the session.
    static func resultTimes(_ session: Session) -> [String: Minutes] {
        var times: [String: Minutes] = [:]
        for result in session.received where times[result.code] == nil { times[result.code] = result.arrivedAt }
        return times
    }

    /// When each course event first happened during the session (not in the projection after `end`).
    static func eventTimes(_ session: Session) -> [String: Minutes] {
        var times: [String: Minutes] = [:]
        for fired in session.firedEvents where !fired.projected && times[fired.id] == nil { times[fired.id] = fired.t }
        return times
    }
}

/// How much of a rubric item was done inside its window, and when.
struct ItemMatch: Sendable, Equatable {
    let window: ItemWindow
    /// For each of the item's patterns, when the first action in the window it matches was done.
    let firstTimes: [Minutes?]
    /// The part of the item done: 0 or 1, or for `all:` the share of its acts.
    let fraction: Double
    /// When the item counts as done (nil if it is not).
    let doneAt: Minutes?
    /// When the first of its acts was done.
    let earliest: Minutes?

    /// - Parameter actionsByVerb: the actions judged, by verb, each verb's in order.
    init(_ planned: PlannedItem, window: ItemWindow, actionsByVerb: [Verb: [PerformedAction]]) {
        self.window = window
        let n = planned.item.atLeast
        let firstTimes = planned.patterns.map { p in
            n == 1 ? actionsByVerb[p.verb]?.first { window.contains($0.t) && p.matches($0) }?.t
                : Self.nthTime(n, of: [p], window: window, actionsByVerb: actionsByVerb)
        }
        self.firstTimes = firstTimes
        let done = firstTimes.compactMap { $0 }
        earliest = done.min()
        let total = planned.item.totalDose
        switch planned.item.match {
        case .action where total != nil, .any where total != nil:
            doneAt = total.flatMap { Self.timeReaching($0, of: planned.patterns, window: window, actionsByVerb: actionsByVerb) }
            fraction = doneAt == nil ? 0 : 1
        case .action where n > 1, .any where n > 1:
            // Counted over every pattern at once: any three of the acts make three.
            doneAt = Self.nthTime(n, of: planned.patterns, window: window, actionsByVerb: actionsByVerb)
            fraction = doneAt == nil ? 0 : 1
        case .action, .any:
            doneAt = earliest
            fraction = earliest == nil ? 0 : 1
        case .anyGroup(let groups):
            doneAt = Self.firstGroupDone(groups, firstTimes: firstTimes)
            fraction = doneAt == nil ? 0 : 1
        case .all:
            fraction = Double(done.count) / Double(max(1, firstTimes.count))
            doneAt = done.count == firstTimes.count ? done.max() : nil
        }
    }

    /// When the `n`th action in the window matching any of `patterns` was done (each action
    /// counted once), or nil when fewer were done.
    static func nthTime(_ n: Int, of patterns: [ActionPattern], window: ItemWindow, actionsByVerb: [Verb: [PerformedAction]]) -> Minutes? {
        var times: [Minutes] = []
        for verb in Set(patterns.map(\.verb)) {
            for action in actionsByVerb[verb] ?? [] where window.contains(action.t) && patterns.contains(where: { $0.matches(action) }) {
                times.append(action.t)
            }
        }
        times.sort()
        return times.count >= n ? times[n - 1] : nil
    }

    /// When the doses of the actions in the window matching any of `patterns`, added up in
    /// time order, first reach `total`; doses that cannot be compared with it are left out.
    static func timeReaching(_ total: Quantity, of patterns: [ActionPattern], window: ItemWindow,
                             actionsByVerb: [Verb: [PerformedAction]]) -> Minutes? {
        var sum = 0.0
        for action in actionsByVerb[.give] ?? [] where window.contains(action.t) && patterns.contains(where: { $0.matches(action) }) {
            guard let dose = action.regimen?.dose else { continue }
            if let mg = dose.milligrams, let unitMg = total.milligrams, unitMg > 0 {
                sum += mg / unitMg * total.amount
            } else if dose.unit == total.unit {
                sum += dose.amount
            } else {
                continue
            }
            if sum >= total.amount - 1e-9 { return action.t }
        }
        return nil
    }

    /// A group is done when its last action is; the item when its first group is.
    private static func firstGroupDone(_ groups: [[ActionPattern]], firstTimes: [Minutes?]) -> Minutes? {
        var done: Minutes?
        var offset = 0
        for group in groups {
            let times = firstTimes[offset..<(offset + group.count)]
            offset += group.count
            if times.allSatisfy({ $0 != nil }), let last = times.compactMap({ $0 }).max() { done = min(done ?? last, last) }
        }
        return done
    }

    /// The share of the item's acts done by `deadline`: for `all:` each act counts, otherwise
    /// the item as a whole.
    func shareDone(by deadline: Minutes, match: RubricItem.Match) -> Double {
        if case .all = match {
            return Double(firstTimes.filter { ($0 ?? Int.max) <= deadline }.count) / Double(max(1, firstTimes.count))
        }
        return (doneAt ?? Int.max) <= deadline ? 1 : 0
    }
}
