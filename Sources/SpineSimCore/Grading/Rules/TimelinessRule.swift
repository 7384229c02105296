/// Timing that cannot be gamed. An act planned on a result (the catalogue's
/// `result_dependencies`, or a rubric item's `after_result` for the acts it names) done
/// before any of those results had been returned in the session is judged as done without
/// it: a critical error where the dependency says so (operating without imaging), otherwise
/// a safety penalty. The feedback gives the act's time and when the result was due.
/// Also says so when the case has no time-critical actions (the items' own deadlines are
/// judged with the items, by `RubricItemsRule`).
struct TimelinessRule: GradingRule {
    /// What an act depends on, from the catalogue or overridden by a rubric item.
    struct Dependency {
        var needs: [String]
        var critical: Bool
        var points: Double
        var why: String
        var reference: String?
    }

    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        var findings = Self.actedBeforeResult(context, earlier: earlier)
        let deadlinePoints = earlier.reduce(0.0) { $0 + ($1.deadline?.points ?? 0) }
        if deadlinePoints == 0 {
            findings.append(Finding(criterion: .timeliness, note: "No time-critical actions in this case."))
        }
        return findings
    }

    /// Each act done before the result it depends on, judged once (by verb and code); acts
    /// another rule already made a critical error are not judged again.
    static func actedBeforeResult(_ context: GradingContext, earlier: [Finding]) -> [Finding] {
        let alreadyCritical = Set(earlier.filter { $0.criticalError != nil }.flatMap(\.acts))
        let arrivals = (context.session.received + context.projected.received).sorted { $0.arrivedAt < $1.arrivedAt }
        let clock = context.session.clock
        var judged = Set<String>()
        var findings: [Finding] = []
        for action in context.candidates where action.verb.isClinicalAction {
            guard let dependency = dependency(of: action, context: context),
                  !alreadyCritical.contains(Finding.Act(action)),
                  !arrivals.contains(where: { dependency.needs.contains($0.code) && $0.arrivedAt <= action.t }),
                  judged.insert("\(action.verb.rawValue) \(action.code)").inserted else { continue }
            let name = context.session.catalogue.item(action.verb.itemKind ?? .procedure, action.code)?.name ?? action.code
            let what = "\(action.verb.rawValue) \(name) at \(clock.label(action.t)), before the \(resultName(dependency.needs, context)) result"
            let due = dueText(dependency.needs, before: action.t, arrivals: arrivals, clock: clock)
            let sources = context.plan.sources(dependency.reference)
            var finding: Finding
            if dependency.critical {
                finding = Finding(criterion: .safety, note: "Critical: acted before the result — \(what) (\(due)); \(dependency.why).",
                                  sources: sources, criticalError: "Acted before the result: \(what) (\(due))")
            } else {
                finding = Finding(criterion: .safety, penalty: dependency.points,
                                  note: "Acted before the result: \(what) (\(due)); \(dependency.why) (−\(JSONValue.format(dependency.points))).",
                                  sources: sources)
            }
            finding.acts = [Finding.Act(action)]
            finding.fault = "before-result"
            findings.append(finding)
        }
        return findings
    }

    /// The catalogue's dependency for the act, with the tests it needs overridden by the
    /// first rubric item earning points that names the act and has its own `after_result`.
    /// An item's `after_result` alone only limits what the item credits (no penalty).
    static func dependency(of action: PerformedAction, context: GradingContext) -> Dependency? {
        guard let shared = context.session.catalogue.resultDependencies.first(where: { $0.acts.contains { $0.matches(action) } }) else { return nil }
        let override = context.plan.items.first { !$0.item.afterResult.isEmpty && $0.item.tier.isPositive && $0.patterns.contains { $0.matches(action) } }
        return Dependency(needs: override?.item.afterResult ?? shared.needs, critical: shared.critical, points: shared.points,
                          why: shared.feedback, reference: shared.reference)
    }

    /// "MRI lumbar spine" or "MRI lumbar spine or CT spine" for the tests ordered, else the first needed.
    static func resultName(_ needs: [String], _ context: GradingContext) -> String {
        let ordered = needs.filter { code in context.session.actions.contains { $0.verb == .order && $0.code == code } }
        let names = (ordered.isEmpty ? Array(needs.prefix(1)) : ordered).map { context.session.catalogue.item(.test, $0)?.name ?? $0 }
        return names.joined(separator: " or ")
    }

    /// When the result the act needed arrived or was due, or that it was never ordered.
    static func dueText(_ needs: [String], before t: Minutes, arrivals: [ReceivedResult], clock: ClockFace) -> String {
        if let next = arrivals.first(where: { needs.contains($0.code) && $0.orderedAt <= t && $0.arrivedAt > t }) {
            return "due \(clock.label(next.arrivedAt))"
        }
        if let later = arrivals.first(where: { needs.contains($0.code) && $0.orderedAt > t }) {
            return "not ordered until \(clock.label(later.orderedAt))"
        }
        return "no result had been returned"
    }
}
