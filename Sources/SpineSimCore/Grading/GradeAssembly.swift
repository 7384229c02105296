/// The parts of a report that are not scores: the outcome the case's course gives the
/// session, and the event log.
extension GradingContext {
    /// The text of the first outcome whose condition the session meets.
    var outcome: String {
        let actions = session.actions
        let fired = Set(projected.firedEvents.map(\.id))
        return scenario.outcomes.first { o in
            guard let cond = o.condition else { return true }
            return cond.done.allSatisfy { p in actions.contains { p.matches($0) } }
                && !cond.notDone.contains { p in actions.contains { p.matches($0) } }
                && cond.events.allSatisfy(fired.contains)
                && !cond.notEvents.contains(where: fired.contains)
                && (cond.diagnosed.map { $0 == diagnosisCorrect } ?? true)
                && cond.state.allSatisfy { projected.stateHolds($0, at: projected.now) }
        }?.text ?? ""
    }

    /// The lines the session rejected, and every command it carried out with its answer.
    var eventLog: (rejected: [GradeReport.Rejected], events: [GradeReport.EventRecord]) {
        var rejected: [GradeReport.Rejected] = []
        var events: [GradeReport.EventRecord] = []
        for entry in session.log {
            if let reason = entry.rejection {
                rejected.append(GradeReport.Rejected(line: entry.line, text: entry.text, reason: reason))
            }
            if entry.command != nil {
                events.append(GradeReport.EventRecord(tMin: entry.t, command: entry.text, responseLines: entry.response))
            }
        }
        return (rejected, events)
    }
}
