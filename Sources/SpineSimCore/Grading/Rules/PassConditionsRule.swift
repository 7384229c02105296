/// What stops a consultation passing whatever its score: too many tests without an
/// indication (a critical error), no working diagnosis or no management plan (a fail
/// reason); and the penalty every critical error found so far costs.
struct PassConditionsRule: GradingRule {
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        let rubric = context.rubric
        var findings: [Finding] = []
        let unindicated = Set(earlier.flatMap(\.unindicatedTests))
        if unindicated.count > rubric.maxUnnecessaryTests {
            findings.append(Finding(criterion: .safety, criticalError:
                "Indiscriminate investigation: \(unindicated.count) tests without an indication (more than \(rubric.maxUnnecessaryTests))"))
        }
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
}
