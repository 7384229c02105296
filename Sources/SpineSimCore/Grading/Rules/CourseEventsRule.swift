/// Course events that are critical errors when they happen (painless retention before
/// decompression, say), including those that follow from the plan after `end`.
struct CourseEventsRule: GradingRule {
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        var findings: [Finding] = []
        for fired in context.projected.firedEvents {
            guard let event = context.scenario.course.events.first(where: { $0.id == fired.id }), let text = event.criticalError else { continue }
            let projected = fired.projected ? " (this follows from the plan at the end of the case)" : ""
            findings.append(Finding(criterion: .safety, note: "Critical: \(text)\(projected)",
                                    sources: context.plan.sources(event.reference), criticalError: text))
        }
        return findings
    }
}
