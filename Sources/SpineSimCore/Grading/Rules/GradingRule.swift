/// One judgement of a finished consultation. Each rule looks at the session through the
/// context and says what it found; `Grader` runs the rules in `GradingRules.all`'s order and
/// the `Scorer` folds their findings, in that order, into the report.
protocol GradingRule: Sendable {
    /// What the rule finds. `earlier` holds the findings of the rules before it; only rules
    /// that judge the other rules' findings (the pass conditions, say) look at them.
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding]
}

enum GradingRules {
    /// Every rule, in the order their feedback lines appear under each criterion.
    static let all: [any GradingRule] = [
        RubricItemsRule(), LadderRule(), UnlistedActsRule(), DiagnosisRule(), PrescribingSafetyRule(),
        CourseEventsRule(), AntimicrobialSamplingRule(), TimelinessRule(), PassConditionsRule(),
    ]

    /// Runs every rule over the context, each seeing the findings before its own.
    static func run(_ context: GradingContext) -> [Finding] {
        var findings: [Finding] = []
        for rule in all { findings += rule.findings(in: context, earlier: findings) }
        return findings
    }
}
