/// What stops a consultation passing whatever its score: too many tests without an
/// indication (a critical error), more prescribing errors than the rubric allows, no working
/// diagnosis or no management plan (fail reasons); and the penalty every critical error found
/// so far costs.
struct PassConditionsRule: GradingRule {
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        let rubric = context.rubric
        var findings: [Finding] = []
        let unindicated = Set(earlier.flatMap(\.unindicatedTests))
        if unindicated.count > rubric.maxUnnecessaryTests {
            findings.append(Finding(criterion: .safety, criticalError:
                "Indiscriminate investigation: \(unindicated.count) tests without an indication (more than \(rubric.maxUnnecessaryTests))"))
        }
        if let tooMany = Self.prescribingErrors(earlier, allowed: rubric.maxPrescribingErrors, clock: context.session.clock) { findings.append(tooMany) }
        let hasPlan = context.session.actions.contains { $0.verb.isManagement }
        if context.diagnosisGiven == nil || !hasPlan {
            var missing: [String] = []
            if context.diagnosisGiven == nil { missing.append("no working diagnosis") }
            if !hasPlan { missing.append("no management plan") }
            findings.append(Finding(criterion: .safety,
                                    failReason: "The consultation ended with \(missing.joined(separator: " and ")); a consultation needs both to pass."))
        }
        let critical = (earlier + findings).filter { $0.criticalError != nil }.count
        if critical > 0 {
            let count = critical == 1 ? "A critical error" : "\(critical) critical errors"
            findings.append(Finding(criterion: .safety, penalty: Double(critical) * rubric.criticalPenalty,
                                    note: "\(count) (listed above): −\(JSONValue.format(rubric.criticalPenalty)) each."))
        }
        return findings
    }

    /// A fail reason when more than `allowed` prescribing errors were penalised under Safety:
    /// each finding (one fault) on a `give` or `stop` counts once; nil otherwise.
    static func prescribingErrors(_ earlier: [Finding], allowed: Int, clock: ClockFace) -> Finding? {
        let errors = earlier.filter { f in
            f.criterion == .safety && (f.penalty > 0 || f.criticalError != nil) && f.acts.contains { $0.verb == .give || $0.verb == .stop }
        }
        guard errors.count > allowed else { return nil }
        var acts: [String] = []
        for act in errors.flatMap(\.acts) where act.verb == .give || act.verb == .stop {
            let text = "\(act.text) at \(clock.label(act.t))"
            if !acts.contains(text) { acts.append(text) }
        }
        return Finding(criterion: .safety, failReason:
            "\(errors.count) prescribing errors in one consultation (more than \(allowed) allowed; each is listed under Safety): \(acts.joined(separator: "; ")).")
    }
}
