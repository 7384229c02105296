/// The course and clock engine: recording actions (which start `after` triggers), moving the
/// clock, delivering results and firing course events.

/// What the session knows of the case's course: when each event is due, which have been
/// resolved, and the history, examination and results that fired events have changed.
struct CourseState: Sendable {
    let events: [CourseEvent]
    /// When each event (by index into `events`) is due: `at` events from the start, `after`
    /// events once the first matching action is recorded. Actions are only ever appended, so
    /// that first match, and the time, never change.
    private(set) var triggerTimes: [Minutes?]
    /// Events already fired or passed over, by index. Resolving an event resolves every event
    /// with the same id.
    private var resolved: [Bool]
    /// The ids of the events that fired, for `if_events` and `unless_events`.
    private(set) var firedIDs = Set<String>()
    private(set) var history: [String: [String]] = [:]
    private(set) var examination: [String: [String]] = [:]
    private(set) var results: [String: ResultSpec] = [:]

    init(events: [CourseEvent]) {
        self.events = events
        self.triggerTimes = events.map { event -> Minutes? in
            if case .at(let t) = event.trigger { return t }
            return nil
        }
        self.resolved = Array(repeating: false, count: events.count)
    }

    /// Starts the clock of every `after` event that `action` is the first match for.
    mutating func note(_ action: PerformedAction) {
        for index in events.indices where triggerTimes[index] == nil {
            if case .after(let pattern, let delay) = events[index].trigger, pattern.matches(action) {
                triggerTimes[index] = action.t + delay
            }
        }
    }

    /// The unresolved event due soonest by `target`, and when; of equals, the first listed.
    func nextEvent(by target: Minutes) -> (index: Int, t: Minutes)? {
        var next: (index: Int, t: Minutes)?
        for index in triggerTimes.indices where !resolved[index] {
            guard let t = triggerTimes[index], t <= target else { continue }
            if next == nil || t < (next?.t ?? t) { next = (index, t) }
        }
        return next
    }

    /// Marks the event at `index`, and every other with its id, as resolved.
    mutating func resolve(_ index: Int) {
        let id = events[index].id
        for other in events.indices where events[other].id == id { resolved[other] = true }
    }

    /// Whether the event's conditions hold at `t`, given the actions done so far.
    func conditionsHold(_ event: CourseEvent, at t: Minutes, actions: [PerformedAction]) -> Bool {
        func done(_ pattern: ActionPattern) -> Bool {
            actions.contains { $0.t <= t && pattern.matches($0) }
        }
        if event.unless.contains(where: done) { return false }
        if !event.ifDone.allSatisfy(done) { return false }
        if event.unlessEvents.contains(where: firedIDs.contains) { return false }
        return event.ifEvents.allSatisfy(firedIDs.contains)
    }

    /// Records that `event` fired: its id, and the history, examination and results it changes.
    mutating func fired(_ event: CourseEvent) {
        firedIDs.insert(event.id)
        history.merge(event.history) { $1 }
        examination.merge(event.examination) { $1 }
        results.merge(event.results) { $1 }
    }
}

extension Session {
    /// Records an action at the current time and line.
    @discardableResult
    mutating func record(_ verb: Verb, _ code: String, classes: Set<String> = [], urgent: Bool = false,
                         regimen: Regimen? = nil) -> PerformedAction {
        let action = PerformedAction(t: now, verb: verb, code: code, classes: classes, urgent: urgent, regimen: regimen, line: currentLine)
        actions.append(action)
        course.note(action)
        return action
    }

    /// Moves the clock to `target`, delivering results and firing course events on the way.
    /// Events due before `eventsNotBefore` wait until then (a procedure's end).
    mutating func advance(to target: Minutes, eventsNotBefore floor: Minutes? = nil) -> [OutputLine] {
        var lines: [OutputLine] = []
        while true {
            let event = course.nextEvent(by: target).map { (index: $0.index, t: max($0.t, floor ?? $0.t)) }
            // A result due no later than the next event comes first.
            if let due = pending.nextDue, due <= target, due <= (event?.t ?? due),
               let (_, result) = pending.popFirst(dueBy: target) {
                now = max(now, due)
                deliver(result, into: &lines)
            } else if let event {
                now = max(now, event.t)
                fire(eventAt: event.index, at: event.t, into: &lines)
            } else {
                break
            }
        }
        now = max(now, target)
        return lines
    }

    private mutating func deliver(_ p: PendingResult, into lines: inout [OutputLine]) {
        let result = ReceivedResult(code: p.code, name: p.name, stage: p.stage?.id, stageName: p.stage?.name,
                                    orderedAt: p.orderedAt, arrivedAt: now, urgent: p.urgent, spec: p.spec, final: p.final)
        received.append(result)
        measurements += p.readings
        if !projecting { lines += ResultText.announce(result, clock: clock) }
    }

    private mutating func fire(eventAt index: Int, at t: Minutes, into lines: inout [OutputLine]) {
        let event = course.events[index]
        course.resolve(index)
        guard course.conditionsHold(event, at: t, actions: actions),
              event.when.allSatisfy({ stateHolds($0, at: t) }) else { return }
        firedEvents.append(FiredEvent(id: event.id, t: t, projected: projecting))
        course.fired(event)
        if let v = event.vitals { vitals = vitals.updated(with: v) }
        if !projecting, let message = event.message {
            lines.append(Phrasing.event(message, at: t, clock: clock, discharged: status == .discharged))
        }
    }
}
