/// The working diagnosis committed: correct (by code, name, alias or folded text), partly
/// right (half the points), wrong or missing; and the differential, if one was recorded.
struct DiagnosisRule: GradingRule {
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        let points = context.scenario.diagnosis.points
        let name = context.plan.acceptedDiagnosisName
        var finding = Finding(criterion: .diagnosis, available: points)
        if let given = context.diagnosisGiven {
            finding.acts = context.candidatesByVerb[.diagnose]?.last.map { [Finding.Act($0)] } ?? []
            if context.diagnosisCorrect {
                finding.earned = points
                finding.note = "Done well: working diagnosis '\(given)' is correct."
                finding.polarity = .credit
            } else if context.plan.partialDiagnoses.contain(given, catalogue: context.session.catalogue) {
                finding.earned = points / 2
                finding.note = "Partly right: '\(given)' is part of the picture; the diagnosis was \(name)."
            } else {
                finding.note = "Incorrect: working diagnosis '\(given)'; the diagnosis was \(name)."
                finding.polarity = .penalty
            }
        } else {
            finding.note = "Missed: no working diagnosis was committed (use 'diagnose'); the diagnosis was \(name)."
            finding.polarity = .penalty
        }
        var findings = [finding]
        let differential = context.session.differential
        if !differential.isEmpty {
            findings.append(Finding(criterion: .diagnosis, note: "Differential recorded: \(differential.joined(separator: "; "))."))
        }
        return findings
    }
}
