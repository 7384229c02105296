/// The order of care against the case's guideline ladder: the ladder's own errors, ignored
/// red flags (which bypass the ladder), skipped rungs, climbing before a rung has failed,
/// never climbing after one failed, and a right higher start. Acts the case's rubric names
/// are left to the rubric: an act the rubric praised or penalised is not judged again here,
/// and a harmful act costs safety points once, not ladder points as well.
struct LadderRule: GradingRule {
    /// One judgement on the ladder: `points` lost under the ladder criterion, and under
    /// safety too when the act was harmful.
    struct Step {
        var text: String
        var reference: String?
        var points: Double = 0
        var harmful = false
        /// The act judged, if the step is about one.
        var act: Finding.Act?
        /// Which fault the step's penalty is for (the ladder error's id, or the climb).
        var fault: String?
        /// For a harmful act: the line under safety, which carries its penalty.
        var safetyText: String?
        /// A judgement that credits the act ("Done well", a right start).
        var credit = false
    }

    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        guard let (ladder, use) = context.plan.ladder else { return [] }
        let session = context.session
        let actionsByVerb = Dictionary(grouping: session.actions, by: \.verb)
        var steps = Self.errors(ladder, use, actionsByVerb: actionsByVerb, judged: context.plan.judged, clock: session.clock)
        if use.redFlags.isEmpty {
            let byRubric = Set(earlier.flatMap(\.acts))
            let penalised = Set(earlier.filter { $0.polarity == .penalty }.flatMap(\.acts))
            steps += Self.orderOfCare(ladder, use, session: session, byRubric: byRubric, penalised: penalised)
        } else {
            steps += Self.redFlags(ladder, use, actionsByVerb: actionsByVerb)
        }
        return steps.flatMap { step in
            let sources = context.plan.sources(step.reference)
            let acts = step.act.map { [$0] } ?? []
            // A harmful act is penalised once, under safety; the ladder names it.
            var found = [Finding(criterion: .ladder, penalty: step.harmful ? 0 : step.points, note: step.text, sources: sources)]
            if step.harmful { found.append(Finding(criterion: .safety, penalty: step.points, note: step.safetyText ?? step.text, sources: sources)) }
            for i in found.indices {
                found[i].acts = acts
                found[i].fault = step.fault
                found[i].polarity = step.credit ? .credit : (step.points > 0 ? .penalty : .neutral)
            }
            return found
        }
    }

    /// The ladder's errors the case applies, unless its rubric judges that act itself.
    static func errors(_ ladder: Ladder, _ use: LadderUse, actionsByVerb: [Verb: [PerformedAction]], judged: PatternLookup,
                       clock: ClockFace = ClockFace()) -> [Step] {
        var steps: [Step] = []
        for rule in ladder.errors where !use.exclude.contains(rule.id) {
            guard let action = actionsByVerb[rule.pattern.verb]?.first(where: { rule.pattern.matches($0) }) else { continue }
            if judged.anyMatches(action) { continue }
            let harmful = rule.tier == .harmful || !Set(rule.harmfulWith).isDisjoint(with: use.redFlags)
            // The act and its time come from the log.
            let kind = "\(harmful ? "Harmful" : "Unnecessary") — \(Finding.Act.describe([Finding.Act(action)], clock: clock))"
            let penalised = "\(kind): \(rule.feedback) (−\(JSONValue.format(rule.points)))"
            steps.append(Step(text: harmful ? "\(kind): \(rule.feedback) (\(Finding.countedUnderSafety))" : penalised,
                              reference: rule.reference, points: rule.points, harmful: harmful, act: Finding.Act(action),
                              fault: rule.id, safetyText: harmful ? penalised : nil))
        }
        return steps
    }

    /// Red flags skip the ladder: what matters is the urgent path, on time.
    static func redFlags(_ ladder: Ladder, _ use: LadderUse, actionsByVerb: [Verb: [PerformedAction]]) -> [Step] {
        var steps: [Step] = []
        for id in use.redFlags {
            guard let flag = ladder.redFlags.first(where: { $0.id == id }) else { continue }
            let done = flag.expect.compactMap { p in actionsByVerb[p.verb]?.first { p.matches($0) }?.t }.min()
            if let t = done, flag.within.map({ t <= $0 }) ?? true {
                steps.append(Step(text: "Done well: the red flag (\(flag.name)) took the urgent path, not the ladder.", reference: flag.reference, credit: true))
            } else {
                let when = flag.within.map { " within \(DurationText.describe($0))" } ?? ""
                let needed = flag.expect.map(\.text).joined(separator: " or ")
                steps.append(Step(text: "Red flag ignored: \(flag.name) needed \(needed)\(when). \(flag.feedback) (−\(JSONValue.format(ladder.redFlagPoints)))",
                                  reference: flag.reference, points: ladder.redFlagPoints))
            }
        }
        return steps
    }

    /// Without red flags: rungs climbed too fast or skipped, rungs that failed and whether
    /// care climbed after them, and a start above the first rung done right.
    /// - Parameters:
    ///   - byRubric: the acts the rubric judged (praised or penalised), which are not judged again here.
    ///   - penalised: the acts the rubric penalised, which do not count as climbing.
    static func orderOfCare(_ ladder: Ladder, _ use: LadderUse, session: Session,
                            byRubric: Set<Finding.Act> = [], penalised: Set<Finding.Act> = []) -> [Step] {
        let failedAt: [Int: Minutes] = use.failures.compactMapValues { eventID in
            session.firedEvents.first { $0.id == eventID && !$0.projected }?.t
        }
        var steps = climbs(ladder, use, failedAt: failedAt, session: session, byRubric: byRubric)
        let wrong = penalised.union(steps.filter { $0.points > 0 }.compactMap(\.act))
        steps += afterFailures(ladder, failedAt: failedAt, session: session, penalised: wrong)
        let actions = session.actions
        if use.start > 1, let reason = use.startReason,
           actions.contains(where: { $0.verb.isManagement && (ladder.rungLevel(of: $0) ?? 0) == use.start }) {
            let rung = ladder.rungs.first { $0.level == use.start }
            steps.append(Step(text: "Stratified care: starting at \(rung?.name ?? "rung \(use.start)") was right here (\(reason)).",
                              reference: rung?.reference, credit: true))
        }
        return steps
    }

    /// Each rung above the one allowed at the time, judged once: one rung up is too fast,
    /// further is a skip.
    static func climbs(_ ladder: Ladder, _ use: LadderUse, failedAt: [Int: Minutes], session: Session,
                       byRubric: Set<Finding.Act> = []) -> [Step] {
        func allowed(at t: Minutes) -> Int {
            var level = max(1, use.start)
            while let f = failedAt[level], f <= t { level += 1 }
            return level
        }
        let clock = session.clock
        var judgedRungs = Set<Int>()
        var steps: [Step] = []
        for action in session.actions where action.verb.isManagement && !byRubric.contains(Finding.Act(action)) {
            guard let index = ladder.rungIndex(of: action) else { continue }
            let rung = ladder.rungs[index]
            let limit = allowed(at: action.t)
            guard rung.level >= 2, !judgedRungs.contains(rung.level), rung.level > limit else { continue }
            judgedRungs.insert(rung.level)
            let act = "\(action.verb.rawValue) \(action.code) (\(rung.name)) at \(clock.label(action.t))"
            if rung.level == limit + 1 {
                let below = ladder.rungs.first { $0.level == rung.level - 1 }?.name ?? "the rung below"
                steps.append(Step(text: "Climbed too fast: \(act), before \(below) had been tried and failed (−\(JSONValue.format(ladder.tooFastPoints)))",
                                  reference: rung.reference, points: ladder.tooFastPoints, act: Finding.Act(action), fault: "climb"))
            } else {
                let skipped = ladder.rungs.filter { $0.level > limit && $0.level < rung.level }.map(\.name)
                steps.append(Step(text: "Skipped the ladder: \(act) without an indication, passing over \(skipped.joined(separator: ", ")) (−\(JSONValue.format(ladder.skipPoints)))",
                                  reference: rung.reference, points: ladder.skipPoints, act: Finding.Act(action), fault: "climb"))
            }
        }
        return steps
    }

    /// For each rung that failed, whether care climbed to the next one afterwards. An act
    /// penalised elsewhere (`penalised`) is not praised as the climb; when it was the only
    /// climb, nothing more is said (care did climb, wrongly, and that is judged once).
    static func afterFailures(_ ladder: Ladder, failedAt: [Int: Minutes], session: Session, penalised: Set<Finding.Act> = []) -> [Step] {
        var steps: [Step] = []
        for (level, f) in failedAt.sorted(by: { $0.key < $1.key }) {
            guard let next = ladder.rungs.first(where: { $0.level == level + 1 }) else { continue }
            let climbs = session.actions.filter { a in a.t >= f && a.verb.isManagement && (ladder.rungLevel(of: a) ?? 0) > level }
            let failedName = ladder.rungs.first { $0.level == level }?.name ?? "rung \(level)"
            if let good = climbs.first(where: { !penalised.contains(Finding.Act($0)) }) {
                steps.append(Step(text: "Done well: climbed to \(next.name) after \(failedName) had not worked.", reference: next.reference,
                                  act: Finding.Act(good), credit: true))
            } else if !climbs.isEmpty {
                continue
            } else {
                steps.append(Step(text: "Never climbed: \(failedName) had not worked by \(session.clock.label(f)), but \(next.name) was not offered (−\(JSONValue.format(ladder.neverClimbedPoints)))",
                                  reference: next.reference, points: ladder.neverClimbedPoints))
            }
        }
        return steps
    }
}
