/// A rubric item with what grading says about it: its patterns in order, the sources its
/// reference cites, and the feedback lines that depend only on the item.
///
/// An immutable class, like the case's own parts: every transcript of the case reads every
/// item, and a shared object costs one reference count to pass, not one per line in it.
final class PlannedItem: Sendable {
    let item: RubricItem
    /// Every pattern of the item's match in order (groups one after another).
    let patterns: [ActionPattern]
    /// The sources the item's `reference` cites.
    let sources: [String]
    /// How feedback names the item: `feedback_met`, or else its patterns joined.
    let label: String
    /// How feedback names what was missed: `feedback_missed`, or else the label.
    let missedText: String
    let doneWellNote: String
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

    init(_ item: RubricItem) {
        self.item = item
        patterns = item.patterns
        sources = item.reference.map { Citations.split([$0]) } ?? []
        let label = item.feedbackMet ?? patterns.map(\.text).joined(separator: ", ")
        self.label = label
        missedText = item.feedbackMissed ?? label
        doneWellNote = "Done well: \(label)"
        doneButPenalisedNote = "Done, but the act is penalised (see its penalty): \(label)"
        missedNote = "Missed: \(missedText)"
        onTimeNote = item.within.map { "On time: \(label) (within \(DurationText.describe($0)))." }
        missedDeadlineNote = item.within.map { _ in "Missed deadline: \(item.feedbackMissed ?? label)" }
        penaltyNote = "\(item.tier == .harmful ? "Harmful" : "Unnecessary"): \(label) (−\(JSONValue.format(item.points)))"
        penaltyElsewhereNote = "Harmful: \(label) (\(Finding.countedUnderSafety))"
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

    /// "Partly done: …" for an `all:` item some of whose acts were done.
    func partlyDoneNote(notDone: [ActionPattern]) -> String {
        "Partly done: \(missedText) Not done: \(notDone.map(\.text).joined(separator: ", "))."
    }

    /// "Late: …" for an item done after its deadline.
    func lateNote(doneAt t: Minutes, within: Minutes, clock: ClockFace) -> String {
        "Late: " + (item.feedbackLate ?? "\(label) — done at \(clock.label(t)), after the \(DurationText.describe(within)) deadline.")
    }

    /// The critical error of a critical item done late, at `t`, its deadline having begun at `start`.
    func lateCriticalError(doneAt t: Minutes, start: Minutes, within: Minutes) -> String {
        let since = start == 0 ? "after presentation" : "after \(item.afterEvent ?? "the event")"
        return item.criticalError.map { "\($0) (done \(DurationText.describe(t - start)) \(since); deadline \(DurationText.describe(within)))" }
            ?? "Late: \(label) (deadline \(DurationText.describe(within)))"
    }

    /// The critical error of a critical item not done.
    var notDoneCriticalError: String { item.criticalError ?? "Not done: \(missedText)" }
}
