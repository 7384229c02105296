/// Timing that cannot be gamed. An act planned on a result (the catalogue's
/// `result_dependencies`, or a rubric item's `after_result` for the acts it names) done
/// before any of those results had been returned in the session is judged as done without
/// it: a critical error where the dependency says so (operating without imaging), otherwise
/// a safety penalty. The feedback gives the act's time and when the result was due.
/// Also says so when the case has no time-critical actions (the items' own deadlines are
/// judged with the items, by `RubricItemsRule`).
struct TimelinessRule: GradingRule {
    /// What an act depends on, from the catalogue or overridden by a rubric item: every
    /// group of `needs` must have one result returned (the catalogue's dependencies that name
    /// the act, each a group; a rubric item's `after_result`, one group).
    struct Dependency {
        var needs: [[String]]
        /// The tests of every catalogue dependency naming the act (named when none awaited was ordered).
        var accepted: [String]
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
    /// another rule already made a critical error, or penalised as not to be done at all (a
    /// harmful or unnecessary item, the ladder, `unlisted`), are not judged again. A dose or
    /// interaction error is another concern and does not hide it.
    static func actedBeforeResult(_ context: GradingContext, earlier: [Finding]) -> [Finding] {
        let alreadyCritical = Set(earlier.filter {
            $0.criticalError != nil || ($0.penalty > 0 && !PrescribingSafetyRule.isPrescribingFault($0.fault))
        }.flatMap(\.acts))
        var judged = Set<String>()
        var findings: [Finding] = []
        for (action, dependency, awaited) in context.actedEarly {
            guard !alreadyCritical.contains(Finding.Act(action)),
                  judged.insert("\(action.verb.rawValue) \(action.code)").inserted else { continue }
            let what = describe(action, awaited: awaited, dependency: dependency, context: context)
            let sources = context.plan.sources(dependency.reference)
            var finding: Finding
            if dependency.critical {
                finding = Finding(criterion: .safety, note: "Critical: acted before the result — \(what); \(dependency.why).",
                                  sources: sources, criticalError: "Acted before the result: \(what)")
            } else {
                finding = Finding(criterion: .safety, penalty: dependency.points,
                                  note: "Acted before the result: \(what); \(dependency.why) (−\(JSONValue.format(dependency.points))).",
                                  sources: sources)
            }
            finding.acts = [Finding.Act(action)]
            finding.fault = "before-result"
            findings.append(finding)
        }
        return findings
    }

    /// Every act done before a result it depends on, with the groups of tests still awaited
    /// (worked out once a session, as `GradingContext.actedEarly`).
    static func early(_ context: GradingContext) -> [(PerformedAction, Dependency, [[String]])] {
        let arrivals = arrivals(context)
        return context.candidates.compactMap { action in
            guard action.verb.isClinicalAction, let dependency = dependency(of: action, context: context) else { return nil }
            let awaited = dependency.needs.filter { group in !arrivals.contains { group.contains($0.code) && $0.arrivedAt <= action.t } }
            return awaited.isEmpty ? nil : (action, dependency, awaited)
        }
    }

    static func arrivals(_ context: GradingContext) -> [ReceivedResult] {
        (context.session.received + context.projected.received).sorted { $0.arrivedAt < $1.arrivedAt }
    }

    /// "perform surgical decompression at day 0 11:08, before the MRI of the lumbar spine result
    /// (due day 0 13:03)"; a group none of whose tests was ordered reads "with no … requested",
    /// naming any other imaging the catalogue accepts that was ordered instead.
    static func describe(_ action: PerformedAction, awaited: [[String]], dependency: Dependency, context: GradingContext) -> String {
        let clock = context.session.clock
        let arrivals = arrivals(context)
        let name = context.session.catalogue.item(action.verb.itemKind ?? .procedure, action.code)?.name ?? action.code
        func testName(_ code: String) -> String { context.session.catalogue.item(.test, code)?.name ?? code }
        func ordered(_ code: String) -> Bool { context.session.actions.contains { $0.verb == .order && $0.code == code } }
        let parts = awaited.map { group -> String in
            let asked = group.filter(ordered)
            if !asked.isEmpty {
                return "before the \(asked.map(testName).joined(separator: " or ")) result (\(dueText(group, before: action.t, arrivals: arrivals, clock: clock)))"
            }
            var part = "with no \(group.map(testName).joined(separator: " or ")) requested"
            let instead = dependency.accepted.filter { !group.contains($0) && ordered($0) }
            if !instead.isEmpty {
                let when = instead.map { code -> String in
                    guard let r = arrivals.first(where: { $0.code == code }) else { return testName(code) }
                    return "\(testName(code)), \(r.arrivedAt <= action.t ? "returned" : "due") \(clock.label(r.arrivedAt))"
                }
                part += " (only \(when.joined(separator: "; ")))"
            }
            return part
        }
        return "\(action.verb.rawValue) \(name) at \(clock.label(action.t)), \(parts.joined(separator: " and "))"
    }

    /// The catalogue's dependencies for the act, every one of which must be met, with the
    /// tests they need overridden by the first rubric item earning points that names the act
    /// and has its own `after_result`. An item's `after_result` alone only limits what the
    /// item credits (no penalty).
    static func dependency(of action: PerformedAction, context: GradingContext) -> Dependency? {
        let shared = context.session.catalogue.resultDependencies.filter { $0.acts.contains { $0.matches(action) } }
        guard let first = shared.first else { return nil }
        let override = context.plan.items.first { !$0.item.afterResult.isEmpty && $0.item.tier.isPositive && $0.patterns.contains { $0.matches(action) } }
        var whys: [String] = [], references: [String] = []
        for d in shared {
            if !whys.contains(d.feedback) { whys.append(d.feedback) }
            if !references.contains(d.reference) { references.append(d.reference) }
        }
        return Dependency(needs: override.map { [$0.item.afterResult] } ?? shared.map(\.needs),
                          accepted: shared.flatMap(\.needs), critical: shared.contains { $0.critical },
                          points: shared.map(\.points).max() ?? first.points,
                          why: whys.joined(separator: "; "), reference: references.joined(separator: "; "))
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
