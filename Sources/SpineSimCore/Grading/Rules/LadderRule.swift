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
        /// A critical error the act or step makes (a ladder error marked `critical` without red flags;
        /// a surgical opinion before any trial of care).
        var criticalError: String?
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
            // The escalation rule steps aside only for acts another rule has already docked
            // points for; a rubric deadline missed is lost points, not the escalation's error.
            let docked = Set(earlier.filter { $0.penalty > 0 }.flatMap(\.acts))
            steps += Self.orderOfCare(ladder, use, session: session, byRubric: byRubric, penalised: penalised, docked: docked)
        } else {
            // A late urgent act the rubric times itself is judged once, under Timeliness.
            let timedByRubric: (PerformedAction) -> Bool = { action in
                context.plan.items.contains { $0.item.tier.isPositive && $0.item.within != nil && $0.patterns.contains { $0.matches(action) } }
            }
            steps += Self.redFlags(ladder, use, actionsByVerb: actionsByVerb, timedByRubric: timedByRubric, clock: session.clock)
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
            found[found.count - 1].criticalError = step.criticalError
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
            // "Alone": an act that is no error beside another (paracetamol with an NSAID).
            if rule.unlessWith.contains(where: { p in actionsByVerb[p.verb]?.contains(where: p.matches) ?? false }) { continue }
            let harmful = rule.tier == .harmful || !Set(rule.harmfulWith).isDisjoint(with: use.redFlags)
            // The act and its time come from the log.
            let kind = "\(harmful ? "Harmful" : "Unnecessary") — \(Finding.Act.describe([Finding.Act(action)], clock: clock))"
            let penalised = "\(kind): \(rule.feedback) (−\(JSONValue.format(rule.points)))"
            let critical = rule.critical && use.redFlags.isEmpty
            steps.append(Step(text: harmful ? "\(kind): \(rule.feedback) (\(Finding.countedUnderSafety))" : penalised,
                              reference: rule.reference, points: rule.points, harmful: harmful, act: Finding.Act(action),
                              fault: rule.id, safetyText: harmful ? penalised : nil,
                              criticalError: critical ? "\(rule.feedback.hasSuffix(".") ? String(rule.feedback.dropLast()) : rule.feedback) (\(action.verb.rawValue) \(action.code))" : nil))
        }
        return steps
    }

    /// Red flags skip the ladder: what matters is the urgent path, on time.
    static func redFlags(_ ladder: Ladder, _ use: LadderUse, actionsByVerb: [Verb: [PerformedAction]],
                         timedByRubric: (PerformedAction) -> Bool = { _ in false }, clock: ClockFace = ClockFace()) -> [Step] {
        var steps: [Step] = []
        for id in use.redFlags {
            guard let flag = ladder.redFlags.first(where: { $0.id == id }) else { continue }
            let first = flag.expect.compactMap { p in actionsByVerb[p.verb]?.first { p.matches($0) } }.min { $0.t < $1.t }
            if let act = first, flag.within.map({ act.t <= $0 }) ?? true {
                steps.append(Step(text: "Done well: the red flag (\(flag.name)) took the urgent path, not the ladder.", reference: flag.reference, credit: true))
            } else if let act = first, !flag.critical, timedByRubric(act) {
                // Taken late: the case's own deadline judges how late, so the flag adds no second penalty.
                steps.append(Step(text: "Red flag: \(flag.name) took the urgent path, but late (\(Finding.Act.describe([Finding.Act(act)], clock: clock))); its lateness is judged under Timeliness.",
                                  reference: flag.reference))
            } else {
                let when = flag.within.map { " within \(DurationText.describe($0))" } ?? ""
                let needed = flag.expect.map(\.text).joined(separator: " or ")
                steps.append(Step(text: "Red flag ignored: \(flag.name) needed \(needed)\(when). \(flag.feedback) (−\(JSONValue.format(ladder.redFlagPoints)))",
                                  reference: flag.reference, points: ladder.redFlagPoints,
                                  criticalError: flag.critical ? "Red flag ignored (\(flag.name)): \(flag.feedback)" : nil))
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
                            byRubric: Set<Finding.Act> = [], penalised: Set<Finding.Act> = [], docked: Set<Finding.Act>? = nil) -> [Step] {
        let failedAt: [Int: Minutes] = use.failures.compactMapValues { eventID in
            session.firedEvents.first { $0.id == eventID && !$0.projected }?.t
        }
        var steps = escalation(ladder, use, session: session, penalised: docked ?? penalised)
        // An escalation act judged on its timing is not judged again as a climb.
        let escalationActs = session.actions.filter { a in ladder.escalation?.acts.contains { $0.matches(a) } ?? false }.map(Finding.Act.init)
        let timed = byRubric.union(escalationActs).union(early(ladder, use, session: session))
        steps += climbs(ladder, use, failedAt: failedAt, session: session, byRubric: timed)
        // Escalation acts are judged by the escalation rule (and the rubric), not praised again as the climb.
        let wrong = penalised.union(steps.filter { $0.points > 0 }.compactMap(\.act)).union(escalationActs)
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

    /// The acts the ladder's escalation rule penalises (premature, late, out of order), so the
    /// rubric does not praise them as "done well" beside that penalty.
    static func escalationFaults(_ context: GradingContext) -> Set<Finding.Act> {
        guard let (ladder, use) = context.plan.ladder, use.redFlags.isEmpty else { return [] }
        return Set(escalation(ladder, use, session: context.session, penalised: []).filter { $0.points > 0 }.compactMap(\.act))
    }

    /// The ladder's early acts (an exercise programme) done in a case whose patient's
    /// function or work is affected: acceptable from the first visit, not a climb.
    static func early(_ ladder: Ladder, _ use: LadderUse, session: Session) -> Set<Finding.Act> {
        guard use.functionAffected, let early = ladder.early else { return [] }
        return Set(session.actions.filter { a in early.acts.contains { $0.matches(a) } }.map(Finding.Act.init))
    }

    /// When the ladder's escalation is owed: at the case's review event (nil if it never
    /// came), else `owed_after` presentation.
    static func escalationOwed(_ escalation: Ladder.Escalation, _ use: LadderUse, session: Session) -> (t: Minutes?, what: String) {
        guard let review = use.review else {
            return (escalation.owedAfter, "after about \(DurationText.describe(escalation.owedAfter)) of failed care, at \(session.clock.label(escalation.owedAfter))")
        }
        let t = session.firedEvents.first { $0.id == review && !$0.projected }?.t
        return (t, t.map { "at the review (\(session.clock.label($0))), once care had failed" } ?? "only once the trial of care had failed, which it had not in this consultation")
    }

    /// The escalation's timing: each act (by verb and code, once) premature before it is
    /// owed, a late error long after, and an act that follows the imaging done before its
    /// result. Acts the rubric penalised are judged there, once.
    static func escalation(_ ladder: Ladder, _ use: LadderUse, session: Session, penalised: Set<Finding.Act>) -> [Step] {
        guard let escalation = ladder.escalation else { return [] }
        let owed = escalationOwed(escalation, use, session: session)
        let clock = session.clock
        let arrivals = session.received.filter { escalation.imaging.contains($0.code) }.map(\.arrivedAt)
        var seen = Set<String>()
        var lateJudged = false
        var steps: [Step] = []
        for action in session.actions where escalation.acts.contains(where: { $0.matches(action) }) {
            guard !penalised.contains(Finding.Act(action)), seen.insert("\(action.verb.rawValue) \(action.code)").inserted else { continue }
            let act = "\(action.verb.rawValue) \(action.code) at \(clock.label(action.t))"
            if owed.t.map({ action.t < $0 }) ?? true {
                var step = Step(text: "Premature escalation: \(act), before the trial of care had failed; \(escalation.name) is owed \(owed.what) (−\(JSONValue.format(escalation.prematurePoints)))",
                                reference: escalation.reference, points: escalation.prematurePoints, act: Finding.Act(action), fault: "escalation-timing")
                // Critical only before any trial could have run its course (owed_after presentation).
                if action.t < escalation.owedAfter, escalation.criticalIfPremature.contains(where: { $0.matches(action) }) {
                    step.criticalError = "Premature escalation: \(act), before the trial of care had failed (owed \(owed.what))"
                }
                steps.append(step)
            } else if let t = owed.t, action.t > t + escalation.lateAfter {
                // Lateness is one fault of the escalation, judged at its first late act.
                guard !lateJudged else { continue }
                lateJudged = true
                steps.append(Step(text: "Late escalation: \(act), \(roughly(action.t - t)) after it was owed (\(owed.what)); more than \(DurationText.describe(escalation.lateAfter)) late is an error, not a delay (−\(JSONValue.format(escalation.latePoints)))",
                                  reference: escalation.reference, points: escalation.latePoints, act: Finding.Act(action), fault: "escalation-timing"))
            } else if escalation.afterImaging.contains(where: { $0.matches(action) }), !arrivals.contains(where: { $0 <= action.t }) {
                let due = session.received.first { escalation.imaging.contains($0.code) && $0.orderedAt <= action.t && $0.arrivedAt > action.t }
                    .map { "due \(clock.label($0.arrivedAt))" } ?? "no imaging result had been returned"
                steps.append(Step(text: "Out of order: \(act), before the imaging result (\(due)); the MRI comes before the surgical opinion (−\(JSONValue.format(escalation.orderPoints)))",
                                  reference: escalation.reference, points: escalation.orderPoints, act: Finding.Act(action), fault: "escalation-order"))
            }
        }
        return steps
    }

    /// A long delay in words a reader takes in at once: "10 weeks", "3 days", "5 h".
    static func roughly(_ minutes: Minutes) -> String {
        if minutes >= 2 * 10080 { return "\(minutes / 10080) weeks" }
        if minutes >= 2 * 1440 { return "\(minutes / 1440) days" }
        return DurationText.describe(minutes)
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
        var praised = Set<Finding.Act>()
        for (level, f) in failedAt.sorted(by: { $0.key < $1.key }) {
            guard let next = ladder.rungs.first(where: { $0.level == level + 1 }) else { continue }
            let climbs = session.actions.filter { a in a.t >= f && a.verb.isManagement && (ladder.rungLevel(of: a) ?? 0) > level }
            let failedName = ladder.rungs.first { $0.level == level }?.name ?? "rung \(level)"
            if let good = climbs.first(where: { !penalised.contains(Finding.Act($0)) }) {
                // One act is praised once, by what it was and the rung it is on.
                guard praised.insert(Finding.Act(good)).inserted else { continue }
                let rung = ladder.rungIndex(of: good).map { ladder.rungs[$0] } ?? next
                steps.append(Step(text: "Done well: climbed to \(rung.name) (\(good.verb.rawValue) \(good.code)) after \(failedName) had not worked.",
                                  reference: rung.reference, act: Finding.Act(good), credit: true))
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
