/// Says so when the case has no time-critical actions (no rubric item with points has a
/// deadline); the items' own deadlines are judged with the items (`RubricItemsRule`).
struct TimelinessRule: GradingRule {
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        let deadlinePoints = earlier.reduce(0.0) { $0 + ($1.deadline?.points ?? 0) }
        guard deadlinePoints == 0 else { return [] }
        return [Finding(criterion: .timeliness, note: "No time-critical actions in this case.")]
    }
}
