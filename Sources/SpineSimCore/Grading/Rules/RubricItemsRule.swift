/// The case's rubric items: what was done well, partly, late or not at all, and the harmful
/// or unnecessary acts the rubric names. An item with a deadline is judged on time here too,
/// since its lateness and its being done are one judgement of the same acts.
struct RubricItemsRule: GradingRule {
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        let eventTimes = ItemWindow.eventTimes(context.session)
        let resultTimes = ItemWindow.resultTimes(context.session)
        // Each item's window and match first: an act a harmful or unnecessary item penalises
        // is not also praised as "done well" by another item.
        let judged = context.plan.items.map { planned -> (window: ItemWindow, match: ItemMatch, acts: [Finding.Act])? in
            guard let window = ItemWindow.of(planned.item, eventTimes: eventTimes, resultTimes: resultTimes, afterResult: planned.afterResult) else { return nil }
            let match = ItemMatch(planned, window: window, actionsByVerb: context.candidatesByVerb)
            return (window, match, Self.acts(planned, window: window, context: context))
        }
        // An act the ladder's escalation rule penalises (a surgical opinion before the MRI
        // result, say) is not praised either.
        let penalised = Self.penalisedActs(context, items: zip(context.plan.items, judged).map { ($0.0, $0.1?.match, $0.1?.acts ?? []) })
            .union(LadderRule.escalationFaults(context))
        var findings: [Finding] = []
        for (planned, j) in zip(context.plan.items, judged) {
            let item = planned.item
            guard let (_, match, acts) = j else {
                // The visit this item belongs to never came: nothing to judge.
                findings.append(Finding(criterion: item.criterion, item: Self.result(item, met: false)))
                continue
            }
            switch item.tier {
            case .critical, .required, .recommended:
                var rewarded = Self.judgeRewarded(planned, match, clock: context.session.clock, acts: acts, penalised: penalised)
                if match.fraction == 0, let early = Self.beforeResult(planned, window: match.window, context: context) {
                    // Done, but before its result: not credited, and never called "never done".
                    for i in rewarded.indices { rewarded[i].note = rewarded[i].deadline == nil ? planned.beforeResultNote(act: early.act, doneAt: early.t, clock: context.session.clock)
                                                                     : planned.beforeResultDeadlineNote }
                } else if match.fraction == 0, let early = Self.beforeEvent(planned, window: match.window, context: context) {
                    // Done, but before the point in the case it waits for: too early, not "missed".
                    for i in rewarded.indices { rewarded[i].note = rewarded[i].deadline == nil ? planned.beforeEventNote(act: early.act, doneAt: early.t, clock: context.session.clock)
                                                                     : planned.beforeEventDeadlineNote }
                }
                findings += rewarded
            case .unnecessary, .harmful:
                var penalties = Self.judgePenalised(planned, match, actions: context.candidates).map { finding in
                    var finding = finding
                    if finding.penalty > 0 || finding.note != nil {
                        finding.acts = acts
                        finding.fault = planned.item.id
                        finding.polarity = .penalty
                        // The note names what was done and when, from the log.
                        let elsewhere = finding.note == planned.penaltyElsewhereNote
                        finding.note = planned.penaltyNote(acts, clock: context.session.clock, elsewhere: elsewhere)
                    }
                    return finding
                }
                // A needless test's burden (radiation, invasiveness, cost) adds to the item's penalty.
                InvestigationBurden.add(tests: Self.needlessTests(planned, acts: acts, context: context), to: &penalties,
                                        catalogue: context.session.catalogue, patient: context.scenario.patient)
                findings += penalties
            case .neutral:
                findings.append(Finding(criterion: item.criterion, item: Self.result(item, met: match.doneAt != nil, tMin: match.doneAt)))
            }
        }
        return findings
    }

    /// When the item's first act was done before the result it follows opened its window
    /// (nil when the item follows no result, or none of its acts came before it).
    static func beforeResult(_ planned: PlannedItem, window: ItemWindow, context: GradingContext) -> (t: Minutes, act: String)? {
        guard !planned.afterResult.isEmpty,
              let open = ItemWindow.of(planned.item, eventTimes: ItemWindow.eventTimes(context.session), afterResult: []) else { return nil }
        let early = planned.patterns.compactMap { p in
            context.candidatesByVerb[p.verb]?.first { open.contains($0.t) && $0.t < window.from && p.matches($0) }
        }
        return early.min { $0.t < $1.t }.map { ($0.t, Finding.Act($0).text) }
    }

    /// When the item's first act was done before the course event it waits for (`after_event`)
    /// had happened (nil when it waits for none, or none of its acts came before it).
    static func beforeEvent(_ planned: PlannedItem, window: ItemWindow, context: GradingContext) -> (t: Minutes, act: String)? {
        guard planned.item.afterEvent != nil else { return nil }
        let early = planned.patterns.compactMap { p in
            context.candidatesByVerb[p.verb]?.first { $0.t < window.from && p.matches($0) }
        }
        return early.min { $0.t < $1.t }.map { ($0.t, Finding.Act($0).text) }
    }

    /// The tests a penalising item finds needless: ordered acts it matches through a pattern
    /// that does not judge urgency ("order mri-lumbar routine" judges a needed scan's urgency,
    /// not the scan, so it carries no burden).
    static func needlessTests(_ planned: PlannedItem, acts: [Finding.Act], context: GradingContext) -> [String] {
        let ordered = Set(acts.filter { $0.verb == .order })
        return (context.candidatesByVerb[.order] ?? []).filter { action in
            ordered.contains(Finding.Act(action)) && planned.patterns.contains { $0.urgency == .either && $0.matches(action) }
        }.map(\.code)
    }

    /// The acts in the item's window that match any of its patterns.
    static func acts(_ planned: PlannedItem, window: ItemWindow, context: GradingContext) -> [Finding.Act] {
        var acts: [Finding.Act] = []
        for verb in planned.verbs {
            for action in context.candidatesByVerb[verb] ?? [] where window.contains(action.t) && planned.patterns.contains(where: { $0.matches(action) }) {
                acts.append(Finding.Act(action))
            }
        }
        return acts
    }

    static func result(_ item: RubricItem, met: Bool, points: Double = 0, tMin: Minutes? = nil, onTime: Bool? = nil) -> GradeReport.ItemResult {
        GradeReport.ItemResult(id: item.id, tier: item.tier, criterion: item.criterion, met: met, points: points, tMin: tMin, onTime: onTime)
    }

    /// The acts no item may praise: those a harmful or unnecessary item penalises, those done
    /// after their own item's deadline, those that brought about a critical course event,
    /// those done before the result they depend on (`TimelinessRule`), and prescriptions the
    /// session caught as dose, route or duplicate-class errors.
    static func penalisedActs(_ context: GradingContext, items: [(PlannedItem, ItemMatch?, [Finding.Act])]) -> Set<Finding.Act> {
        var penalised = Set<Finding.Act>()
        for (planned, match, acts) in items {
            guard let match else { continue }
            if planned.item.tier.isPenalty { penalised.formUnion(acts) }
            if planned.item.tier.isPositive, let within = planned.item.within, match.fraction == 1 {
                let start = match.window.deadlineFrom
                if match.shareDone(by: start + within, match: planned.item.match) < 1 { penalised.formUnion(acts) }
            }
        }
        penalised.formUnion(CourseEventsRule.criticalActs(context))
        penalised.formUnion(AntimicrobialSamplingRule.violations(context).map { Finding.Act($0.given) })
        penalised.formUnion(context.actedEarly.map { Finding.Act($0.action) })
        let unsafeLines = Set(context.session.safetyEvents.map(\.line))
        for action in (context.candidatesByVerb[.give] ?? []) + (context.candidatesByVerb[.stop] ?? []) where unsafeLines.contains(action.line) {
            penalised.insert(Finding.Act(action))
        }
        return penalised
    }

    /// An item that earns points: its deadline (if any), then how much of it was done. Only
    /// acts done in time and penalised nowhere (`penalised`) are credited as "Done well".
    static func judgeRewarded(_ planned: PlannedItem, _ match: ItemMatch, clock: ClockFace,
                              acts: [Finding.Act] = [], penalised: Set<Finding.Act> = []) -> [Finding] {
        let item = planned.item
        // The acts credited are those that met the item (up to its time), not later repeats.
        let metBy = acts.filter { $0.t <= (match.doneAt ?? Minutes.max) }
        let clean = metBy.filter { !penalised.contains($0) }
        var findings: [Finding] = []
        var onTime: Bool?
        if let within = item.within {
            var deadline = judgeDeadline(planned, match, within: within, clock: clock)
            onTime = deadline.onTime
            if match.fraction == 1 {
                // On time credits the clean acts; late penalises the acts done late.
                deadline.finding.acts = deadline.onTime ? clean : metBy
                deadline.finding.polarity = deadline.onTime ? (clean.isEmpty ? .neutral : .credit) : .penalty
                // On time, but by acts penalised elsewhere: the item's met text is not quoted as praise.
                if deadline.onTime, clean.isEmpty { deadline.finding.note = planned.onTimeButPenalisedNote(metBy, clock: clock) }
            } else if item.tier != .recommended {
                deadline.finding.polarity = .penalty
            }
            findings.append(deadline.finding)
        }
        var done = Finding(criterion: item.criterion, earned: item.points * match.fraction, available: item.points, sources: planned.sources)
        if match.fraction == 1 {
            if onTime == false {
                done.note = planned.doneLateNote(metBy, clock: clock)
                done.acts = metBy
            } else if clean.isEmpty {
                done.note = planned.doneButPenalisedNote
                done.acts = metBy
            } else {
                done.note = planned.doneWellNote
                done.acts = clean
                done.polarity = .credit
            }
        } else if match.fraction > 0 {
            done.acts = acts
            done.note = planned.partlyDoneNote(notDone: zip(planned.patterns, match.firstTimes).filter { $0.1 == nil }.map(\.0))
        } else {
            done.note = planned.missedNote
            if item.tier != .recommended { done.polarity = .penalty }
        }
        // Done very late (`critical_after`) is a critical error, so never done is one too.
        if item.tier == .critical || item.criticalAfter != nil, match.fraction < 1 {
            done.criticalError = planned.notDoneCriticalError
            done.polarity = .penalty
        }
        done.item = result(item, met: match.fraction == 1, points: JSONValue.round2(item.points * match.fraction), tMin: match.doneAt, onTime: onTime)
        findings.append(done)
        // Later repeats matched the item too: judged by it (so the ladder leaves them), neither credited nor penalised.
        let repeats = acts.filter { !done.acts.contains($0) }
        if match.fraction == 1, !repeats.isEmpty {
            var recorded = Finding(criterion: item.criterion)
            recorded.acts = repeats
            findings.append(recorded)
        }
        return findings
    }

    /// Whether an item with a deadline was done in time: on time, late, or its deadline missed.
    static func judgeDeadline(_ planned: PlannedItem, _ match: ItemMatch, within: Minutes, clock: ClockFace) -> (finding: Finding, onTime: Bool) {
        let item = planned.item
        let start = match.window.deadlineFrom
        let inTime = match.shareDone(by: start + within, match: item.match)
        var finding = Finding(criterion: .timeliness, sources: planned.sources,
                              deadline: Finding.Deadline(points: item.points, met: item.points * inTime))
        if match.fraction == 1, inTime < 1, let t = match.doneAt {
            finding.note = planned.lateNote(doneAt: t, start: start, within: within, clock: clock)
            // Far past the deadline a time-critical act is a critical error, not merely late.
            let criticalAfter = item.criticalAfter ?? (item.tier == .critical ? within : nil)
            if let limit = criticalAfter, t - start > limit {
                finding.criticalError = planned.lateCriticalError(doneAt: t, start: start, within: within)
                finding.polarity = .penalty
            }
        } else if match.fraction == 1 {
            finding.note = planned.onTimeNote ?? ""
        } else {
            finding.note = planned.missedDeadlineNote ?? ""
        }
        return (finding, inTime == 1)
    }

    /// A harmful or unnecessary item: its penalty if done (harmful acts also cost safety).
    static func judgePenalised(_ planned: PlannedItem, _ match: ItemMatch, actions: [PerformedAction]) -> [Finding] {
        let item = planned.item
        // For `all:` any one of its acts is already wrong; other matches are done or not.
        let penaltyTime: Minutes?
        if case .all = item.match { penaltyTime = match.doneAt ?? match.earliest } else { penaltyTime = match.doneAt }
        guard let t = penaltyTime else { return [Finding(criterion: item.criterion, item: result(item, met: false))] }
        var tests: [String] = []
        for p in planned.patterns where p.verb == .order {
            for a in actions where a.verb == .order && match.window.contains(a.t) && p.matches(a) { tests.append(a.code) }
        }
        // A harmful act is penalised once, under safety; its own criterion names it without deducting again.
        let elsewhere = item.tier == .harmful && item.criterion != .safety
        var findings = [Finding(criterion: item.criterion, penalty: elsewhere ? 0 : item.points,
                                note: elsewhere ? planned.penaltyElsewhereNote : planned.penaltyNote, sources: planned.sources,
                                item: result(item, met: true, points: -item.points, tMin: t), unindicatedTests: tests)]
        if item.tier == .harmful {
            if elsewhere {
                findings.append(Finding(criterion: .safety, penalty: item.points, note: planned.penaltyNote, sources: planned.sources))
            }
            if item.critical { findings[findings.count - 1].criticalError = item.criticalError ?? planned.label }
        }
        return findings
    }
}
