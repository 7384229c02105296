/// A rubric item with what grading says about it: its patterns in order, the sources its
/// reference cites, and the feedback lines that depend only on the item.
///
/// An immutable class, like the case's own parts: every transcript of the case reads every
/// item, and a shared object costs one reference count to pass, not one per line in it.
final class PlannedItem: Sendable {
    let item: RubricItem
    /// Every pattern of the item's match in order (groups one after another).
    let patterns: [ActionPattern]
    /// The verbs of its patterns, each once, in name order (the order its acts are listed in).
    let verbs: [Verb]
    /// The sources the item's `reference` cites.
    let sources: [String]
    /// How feedback names the item: `feedback_met`, or else its patterns joined.
    let label: String
    /// How feedback names what was missed: `feedback_missed`, or else the label.
    let missedText: String
    let doneWellNote: String
    /// For an item done after its deadline: done, but not praised as done well.
    let doneLateNote: String
    /// For an item done only by acts another item penalises: not praised as done well.
    let doneButPenalisedNote: String
    let missedNote: String
    let onTimeNote: String?
    let missedDeadlineNote: String?
    /// For a harmful or unnecessary item: "Harmful: <label> (−points)" or "Unnecessary: …".
    let penaltyNote: String
    /// For a harmful item outside safety: what its own criterion says, the penalty being
    /// counted once, under safety.
    let penaltyElsewhereNote: String
    /// The tests whose results the item's acts must follow: its `after_result`, or for an
    /// item that earns points and names only acts the catalogue's `result_dependencies`
    /// cover, theirs (acting before a result is acting without it).
    let afterResult: [String]

    init(_ item: RubricItem, dependencies: [ResultDependency] = []) {
        self.item = item
        patterns = item.patterns
        verbs = Set(item.patterns.map(\.verb)).sorted { $0.rawValue < $1.rawValue }
        afterResult = Self.afterResult(item, dependencies: dependencies)
        sources = item.reference.map { Citations.split([$0]) } ?? []
        let label = item.feedbackMet ?? patterns.map(\.text).joined(separator: ", ")
        self.label = label
        missedText = item.feedbackMissed ?? label
        doneWellNote = "Done well: \(label)"
        doneLateNote = "Done, but late (see Timeliness): \(label)"
        doneButPenalisedNote = "Done, but the act is penalised (see its penalty): \(label)"
        missedNote = "Missed: \(missedText)"
        onTimeNote = item.within.map { "On time: \(label) (within \(DurationText.describe($0)))." }
        missedDeadlineNote = item.within.map { _ in "Missed deadline: \(item.feedbackMissed ?? label)" }
        penaltyNote = "\(item.tier == .harmful ? "Harmful" : "Unnecessary"): \(label) (−\(JSONValue.format(item.points)))"
        penaltyElsewhereNote = "Harmful: \(label) (\(Finding.countedUnderSafety))"
    }

    static func afterResult(_ item: RubricItem, dependencies: [ResultDependency]) -> [String] {
        if !item.afterResult.isEmpty || !item.tier.isPositive { return item.afterResult }
        var needs: [String] = []
        for pattern in item.patterns {
            let covering = dependencies.filter { $0.acts.contains { $0.verb == pattern.verb && $0.target == pattern.target } }
            if covering.isEmpty { return [] }
            for code in covering.flatMap(\.needs) where !needs.contains(code) { needs.append(code) }
        }
        return needs
    }

    /// "Not credited: …" for an item whose acts all came before the result they follow.
    /// Names the act and the results, not the item's "done well" text, which would claim the
    /// act came after the result. `act` is the command as the trainee gave it.
    func beforeResultNote(act: String, doneAt t: Minutes, clock: ClockFace) -> String {
        "Not credited: \(act) at \(clock.label(t)) came before the \(resultsText) result it follows "
            + "had arrived (acting before a result is acting without it)."
    }

    /// The deadline line of an item whose acts all came before the result they follow: its
    /// acts, neither its "done well" text nor its "missed" text (it was done, only too early).
    var beforeResultDeadlineNote: String {
        "Missed deadline: \(patterns.map(\.text).joined(separator: " / ")) not done in time after the \(resultsText) result "
            + "(the act before it is not counted)."
    }

    private var resultsText: String { afterResult.joined(separator: " / ") }

    /// "Not credited: …" for an item whose acts all came before the point in the case it
    /// waits for (`after_event`: a bisphosphonate before the rehydration has run). Names the
    /// act and its time, then what the item asks; the point itself is not named (an event's
    /// id is the author's word, and may give the case away).
    func beforeEventNote(act: String, doneAt t: Minutes, clock: ClockFace) -> String {
        let asks = item.feedbackMissed.map { " \($0)" } ?? ""
        return "Not credited: \(act) at \(clock.label(t)) came too early in the case to count.\(asks)"
    }

    /// The deadline line of an item whose acts all came before the point it waits for.
    var beforeEventDeadlineNote: String {
        "Missed deadline: \(patterns.map(\.text).joined(separator: " / ")) not done in time (the act too early is not counted)."
    }

    /// The penalty note naming the acts penalised and when they were done, from the log:
    /// "Unnecessary — order mri-lumbar at day 35 09:12: <label> (−2)".
    func penaltyNote(_ acts: [Finding.Act], clock: ClockFace, elsewhere: Bool = false) -> String {
        guard !acts.isEmpty else { return elsewhere ? penaltyElsewhereNote : penaltyNote }
        let kind = item.tier == .harmful ? "Harmful" : "Unnecessary"
        let what = Finding.Act.describe(acts, clock: clock)
        return elsewhere ? "\(kind) — \(what): \(label) (\(Finding.countedUnderSafety))"
            : "\(kind) — \(what): \(label) (−\(JSONValue.format(item.points)))"
    }

    /// For an item done, but after its deadline: not praised as done well, and named by what
    /// was done and when (its `met` text may claim the timing it missed).
    func doneLateNote(_ acts: [Finding.Act], clock: ClockFace) -> String {
        let what = acts.isEmpty ? patterns.map(\.text).joined(separator: ", ") : Finding.Act.describe(acts, clock: clock)
        return "Done, but late (see Timeliness): \(what)."
    }

    /// The deadline line of an item met in time only by acts penalised elsewhere (a dose
    /// error, a critical error): names the acts and when, not the item's met text, which
    /// would read as praise beside the penalty.
    func onTimeButPenalisedNote(_ acts: [Finding.Act], clock: ClockFace) -> String {
        let what = acts.isEmpty ? patterns.map(\.text).joined(separator: ", ") : Finding.Act.describe(acts, clock: clock)
        return "On time, but the act is penalised (see its penalty): \(what)."
    }

    /// "Partly done: …" for an `all:` item some of whose acts were done.
    func partlyDoneNote(notDone: [ActionPattern]) -> String {
        "Partly done: \(missedText) Not done: \(notDone.map(\.text).joined(separator: ", "))."
    }

    /// "Late: …" for an item done after its deadline.
    /// Says when it was done and how long after its deadline's start, from the log.
    func lateNote(doneAt t: Minutes, start: Minutes = 0, within: Minutes, clock: ClockFace) -> String {
        let since = start == 0 ? "presentation" : (item.afterEvent ?? "the event")
        let when = "done at \(clock.label(t)), \(DurationText.describe(t - start)) after \(since); deadline \(DurationText.describe(within))"
        guard var late = item.feedbackLate else { return "Late: \(label) — \(when)." }
        if late.hasSuffix(".") { late.removeLast() }
        return "Late: \(late) (\(when))."
    }

    /// The critical error of a critical item done late, at `t`, its deadline having begun at `start`.
    func lateCriticalError(doneAt t: Minutes, start: Minutes, within: Minutes) -> String {
        let since = start == 0 ? "after presentation" : "after \(item.afterEvent ?? "the event")"
        // With its own critical_after the item names the lateness (its critical_error may say "not done").
        if item.criticalAfter != nil {
            let late = "done \(DurationText.describe(t - start)) \(since), \(DurationText.describe(t - start - within)) past the \(DurationText.describe(within)) deadline"
            return "Very late: \(item.feedbackLate ?? label) (\(late))"
        }
        return item.criticalError.map { "\($0) (done \(DurationText.describe(t - start)) \(since); deadline \(DurationText.describe(within)))" }
            ?? "Late: \(label) (deadline \(DurationText.describe(within)))"
    }

    /// The critical error of a critical item not done.
    var notDoneCriticalError: String { item.criticalError ?? "Not done: \(missedText)" }
}
