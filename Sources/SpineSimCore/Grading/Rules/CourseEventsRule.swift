/// Course events that are critical errors when they happen (painless retention before
/// decompression, say), including those that follow from the plan after `end`; not again for
/// an act a rubric item has already judged a critical error.
struct CourseEventsRule: GradingRule {
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        var findings: [Finding] = []
        for fired in context.projected.firedEvents {
            guard let event = context.scenario.course.events.first(where: { $0.id == fired.id }), let text = event.criticalError else { continue }
            let acts = Self.triggeringActs(event, firedAt: fired.t, actions: context.session.actions)
            // An act already judged a critical error (a rubric item's: discharging the injured
            // patient) is not judged again for what followed from it (his return by ambulance).
            if !acts.isEmpty, acts.allSatisfy({ act in earlier.contains { $0.criticalError != nil && $0.acts.contains(act) } }) { continue }
            let projected = fired.projected ? " (this follows from the plan at the end of the case)" : ""
            var finding = Finding(criterion: .safety, note: "Critical: \(text)\(projected)",
                                  sources: context.plan.sources(event.reference), criticalError: text, polarity: .penalty)
            finding.acts = acts
            findings.append(finding)
        }
        return findings
    }

    /// The acts that brought the event about: those its `if_done` or `after` names, done
    /// before it fired (an event that fires because something was not done has none).
    static func triggeringActs(_ event: CourseEvent, firedAt t: Minutes, actions: [PerformedAction]) -> [Finding.Act] {
        var patterns = event.ifDone
        if case .after(let p, _) = event.trigger { patterns.append(p) }
        guard !patterns.isEmpty else { return [] }
        return actions.filter { a in a.t <= t && patterns.contains { $0.matches(a) } }.map(Finding.Act.init)
    }

    /// The acts that brought about a course event that is a critical error.
    static func criticalActs(_ context: GradingContext) -> Set<Finding.Act> {
        var acts = Set<Finding.Act>()
        for fired in context.projected.firedEvents {
            guard let event = context.scenario.course.events.first(where: { $0.id == fired.id }), event.criticalError != nil else { continue }
            acts.formUnion(triggeringActs(event, firedAt: fired.t, actions: context.session.actions))
        }
        return acts
    }
}
