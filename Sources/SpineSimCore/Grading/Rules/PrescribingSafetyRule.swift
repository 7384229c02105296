/// Prescribing errors the session caught (a dose above this patient's limit, a route the
/// medicine is not given by, a frequency not allowed, a contraindication, two drugs of one
/// exclusive class, a dangerous combination): each costs the rubric's safety penalty and
/// cites the limit's own source. A grossly unsafe one (more than twice the patient's maximum,
/// or contraindicated for this patient; Docs/design.md, "Prescribing") is also a critical error.
struct PrescribingSafetyRule: GradingRule {
    /// What an error whose limit names no source of its own cites.
    static let reference = "BNF"

    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        let penalty = context.rubric.safetyErrorPenalty
        let prescriptions = context.session.actions.filter { $0.verb == .give || $0.verb == .stop }
        return context.session.safetyEvents.map { event in
            let source = event.source ?? Self.reference
            let when = context.session.clock.label(event.t)
            let note = "\(Self.kind(event.kind, critical: event.critical)) at \(when): \(event.message) [\(source)] (−\(JSONValue.format(penalty)))."
            var finding = Finding(criterion: .safety, penalty: penalty, note: note, sources: context.plan.sources(source), polarity: .penalty)
            if event.critical {
                finding.criticalError = "Unsafe prescription at \(when): \(event.message)"
            }
            // The prescription the error is about: the `give` (or `stop`) on the event's transcript line.
            finding.acts = prescriptions.filter { $0.line == event.line }.map(Finding.Act.init)
            // Two different limits or interactions broken by one prescription are two concerns.
            finding.fault = event.kind.rawValue + (event.source.map { ": " + $0 } ?? "")
            return finding
        }
    }

    /// Whether a finding's fault is one of this rule's (a dose, route, interaction... error).
    static func isPrescribingFault(_ fault: String?) -> Bool {
        guard let fault else { return false }
        return SafetyEvent.Kind.allCases.contains { fault == $0.rawValue || fault.hasPrefix($0.rawValue + ": ") }
    }

    static func kind(_ kind: SafetyEvent.Kind, critical: Bool = false) -> String {
        let name: String
        switch kind {
        case .doseAboveMaximum, .cumulativeDose: name = "Dose error"
        case .routeNotAllowed: name = "Route error"
        case .duplicateClass: name = "Duplicate class"
        case .frequencyNotAllowed: name = "Frequency error"
        case .doseNotReduced: name = "Dose not adjusted"
        case .contraindicated: name = "Contraindicated"
        case .interaction: name = "Dangerous combination"
        case .withdrawal: name = "Withdrawal error"
        }
        return critical ? "\(name) (critical)" : name
    }
}
