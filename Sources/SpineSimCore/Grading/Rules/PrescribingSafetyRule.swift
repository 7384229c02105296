/// Prescribing errors the session caught (a dose above the maximum, a route the medicine is
/// not given by, a second drug of an exclusive class): each costs the rubric's safety penalty.
struct PrescribingSafetyRule: GradingRule {
    /// What prescribing errors cite.
    static let reference = "BNF; NICE NG59 (NSAIDs: lowest effective dose, shortest time)"

    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        let penalty = context.rubric.safetyErrorPenalty
        let sources = context.plan.sources(Self.reference)
        let prescriptions = context.session.actions.filter { $0.verb == .give }
        return context.session.safetyEvents.map { event in
            let note = "\(Self.kind(event.kind)) at \(context.session.clock.label(event.t)): \(event.message) (−\(JSONValue.format(penalty)))."
            var finding = Finding(criterion: .safety, penalty: penalty, note: note, sources: sources, polarity: .penalty)
            // The prescription the error is about: the `give` on the event's transcript line.
            finding.acts = prescriptions.filter { $0.line == event.line }.map(Finding.Act.init)
            finding.fault = event.kind.rawValue
            return finding
        }
    }

    static func kind(_ kind: SafetyEvent.Kind) -> String {
        switch kind {
        case .doseAboveMaximum: return "Dose error"
        case .routeNotAllowed: return "Route error"
        case .duplicateClass: return "Duplicate class"
        }
    }
}
