/// Makes the rubric mutation audit's variants of a case's expert path. Pure: the same case
/// and catalogue always give the same variants, in the same order, with the same ids.
///
/// The expert path is the first self-test with `expect: pass`. Where a variant needs a
/// clinical judgement it reads it from data: which drugs may not be given together from the
/// catalogue's `exclusive_classes`, which tests are ionising from the catalogue class
/// `ionising-imaging`, and which of those the case indicates from its rubric.
public enum MutationGenerator {
    /// The catalogue class of the tests `add-test` orders when the case does not indicate them.
    public static let ionisingClass = "ionising-imaging"

    /// The self-test whose transcript is the expert path.
    public static func expertTest(of scenario: Scenario) -> SelfTest? {
        scenario.selfTests.first { $0.expect == .pass }
    }

    /// Every variant of the case's expert path (none when the case has no passing self-test).
    public static func variants(of scenario: Scenario, catalogue: Catalogue) -> [Mutation] {
        guard let test = expertTest(of: scenario) else { return [] }
        let transcript = Transcript.parse(test.transcript)
        let path = ExpertPath(lines: transcript.lines.map(\.text), seed: transcript.seed, scenario: scenario, catalogue: catalogue)
        let builder = Builder(scenario: scenario, catalogue: catalogue, path: path)
        var out: [Mutation] = []
        for act in path.acts {
            out += [builder.drop(act), builder.late(act), builder.nextVisit(act), builder.early(act), builder.beforeResult(act)]
                .compactMap { $0 }
        }
        for act in path.acts where act.action.verb == .give {
            out += [builder.doseTimesTen(act), builder.weeklyToDaily(act)].compactMap { $0 }
            out += builder.sameClass(act)
        }
        out += builder.addTests()
        return out
    }

    /// What the variants are built from; one method a kind.
    struct Builder {
        let scenario: Scenario
        let catalogue: Catalogue
        let path: ExpertPath
        typealias Act = ExpertPath.Act

        // MARK: Acts left out, moved in time

        /// Leaves out every occurrence of an act (one variant, at its first occurrence): whether
        /// the rubric needs a repeat is asked by the timing variants of the occurrence that earns it.
        func drop(_ act: Act) -> Mutation? {
            guard !act.label.contains("#") else { return nil }
            let all = path.acts.filter { $0.action.verb == act.action.verb && $0.action.code == act.action.code }
            let items = all.flatMap { rewarded($0.action) }.reduce(into: [RubricItem]()) { list, item in
                if !list.contains(where: { $0 === item }), !covered(item, without: act) { list.append(item) }
            }
            let events = guardingEvents(act, movedTo: nil)
            let diagnosis = act.action.verb == .diagnose
            guard !items.isEmpty || !events.isEmpty || diagnosis else { return nil }
            var lines = path.lines.map { Optional($0) }
            for each in all {
                lines[each.lineIndex] = path.line(without: each, from: lines[each.lineIndex] ?? "")
            }
            let times = all.map { "+\($0.action.t)m" }.joined(separator: ", ")
            var edit = PathEdit()
            for i in Set(all.map(\.lineIndex)) { edit.replaced[i] = lines[i].map { [$0] } ?? [] }
            return mutation(.drop, act.label, "left out (typed at \(times))", edit,
                            items: items, events: events, extra: diagnosis ? ["diagnosis"] : [])
        }

        func late(_ act: Act) -> Mutation? {
            let timed = earned(act).filter { $0.within != nil }
            guard let deadline = timed.compactMap(deadline).max() else { return nil }
            let t = deadline + 60
            guard t > act.action.t else { return nil }
            let shift = path.minutesSaved(without: act, catalogue: catalogue)
            let edit = path.edit(inserting: path.line(alone: act), at: t, after: act.lineIndex, shift: shift)
                .replacing(act.lineIndex, with: without(act))
            return mutation(.late, act.label, "typed at +\(act.action.t)m; now at +\(t)m, an hour past its deadline (+\(deadline)m)", edit,
                            items: timed, events: guardingEvents(act, movedTo: t))
        }

        func nextVisit(_ act: Act) -> Mutation? {
            let timed = earned(act).filter { $0.within != nil }
            // A next visit still inside every deadline is on time: nothing for the rubric to see.
            guard let w = path.nextWait(after: act.lineIndex), let first = timed.compactMap(deadline).min() else { return nil }
            let at = path.ends[w] - path.minutesSaved(without: act, catalogue: catalogue)
            guard at > first else { return nil }
            var edit = PathEdit()
            edit.replaced[act.lineIndex] = without(act)
            edit.before[w + 1] = [path.line(alone: act)]
            return mutation(.nextVisit, act.label, "moved from +\(act.action.t)m to after '\(path.lines[w])' (+\(at)m)", edit,
                            items: timed, events: guardingEvents(act, movedTo: at))
        }

        /// Moves an act owed after a course event to before it: the event its item names
        /// (`after_event`), or else, for an order, medicine, referral, procedure or admission at a
        /// later visit, the course event that fired during the wait before it (the review the
        /// expert acted on: escalation after failed care).
        func early(_ act: Act) -> Mutation? {
            let items = earned(act)
            guard !items.isEmpty else { return nil }
            var event = items.compactMap(\.afterEvent).first { path.fired[$0] != nil }
            if event == nil, [.order, .give, .refer, .perform, .admit].contains(act.action.verb),
               let w = path.lines.indices.last(where: { $0 < act.lineIndex && path.verb(at: $0) == .wait }) {
                // Not an event the act itself brings on (`after:` it): that one follows the act.
                event = path.session.firedEvents.last { fired in
                    fired.t > path.starts[w] && fired.t <= path.ends[w] && !broughtOn(fired.id, by: act.action)
                }?.id
            }
            guard let event, let te = path.fired[event],
                  let i = path.lines.indices.first(where: { path.starts[$0] < te && path.ends[$0] >= te }),
                  i < act.lineIndex else { return nil }
            var edit = PathEdit()
            edit.replaced[act.lineIndex] = without(act)
            edit.before[i, default: []].append(path.line(alone: act))
            let named = items.filter { $0.afterEvent == event }
            return mutation(.early, act.label, "moved from +\(act.action.t)m to before course event '\(event)' (+\(te)m)", edit,
                            items: named.isEmpty ? items : named, events: [])
        }

        /// Whether course event `id` is one an act of this kind brings on (`after:` it).
        func broughtOn(_ id: String, by action: PerformedAction) -> Bool {
            guard let event = scenario.course.events.first(where: { $0.id == id }), case .after(let p, _) = event.trigger else { return false }
            return p.matches(action)
        }

        func beforeResult(_ act: Act) -> Mutation? {
            let management: Set<Verb> = [.give, .refer, .perform, .admit, .stop]
            let items = earned(act)
            guard management.contains(act.action.verb), !items.isEmpty else { return nil }
            var codes = Set(items.flatMap(\.afterResult))
            // A procedure acts on what the tests found: results that came back during the wait
            // just before it are taken as ones the expert waited for. Other acts (a referral, a
            // medicine) may rightly go ahead in parallel; their rubric items say so with `after_result`.
            if act.action.verb == .perform, let w = path.lines.indices.last(where: { $0 < act.lineIndex && path.verb(at: $0) == .wait }) {
                for r in path.session.received where r.arrivedAt > path.starts[w] && r.arrivedAt <= path.ends[w] && r.orderedAt < path.starts[w] {
                    codes.insert(r.code)
                }
            }
            let orders = codes.compactMap { code in
                path.lines.indices.last { $0 < act.lineIndex && path.verb(at: $0) == .order && (path.commands[$0]?.items.contains(code) ?? false) }
            }
            guard let o = orders.max(), o + 1 < act.lineIndex else { return nil }
            let pending = path.session.received.filter { codes.contains($0.code) && $0.arrivedAt > path.ends[o] && $0.arrivedAt <= act.action.t }
            guard !pending.isEmpty else { return nil }
            var edit = PathEdit()
            edit.replaced[act.lineIndex] = without(act)
            edit.before[o + 1] = [path.line(alone: act)]
            let names = Array(Set(pending.map(\.code))).sorted().joined(separator: ", ")
            return mutation(.beforeResult, act.label, "moved from +\(act.action.t)m to just after '\(path.lines[o])', before the result of \(names)",
                            edit, items: items.filter { $0.afterResult.isEmpty || !Set($0.afterResult).isDisjoint(with: codes) }, events: [])
        }

        // MARK: Prescriptions changed or added

        func doseTimesTen(_ act: Act) -> Mutation? {
            guard let regimen = act.action.regimen, let dose = regimen.dose else { return nil }
            var changed = regimen
            changed.dose = dose.scaled(by: 10)
            return prescription(.doseTimesTen, act, changed, "\(compact(dose)) became \(compact(dose.scaled(by: 10)))")
        }

        func weeklyToDaily(_ act: Act) -> Mutation? {
            guard var changed = act.action.regimen, changed.frequency == .weekly else { return nil }
            changed.frequency = .daily
            return prescription(.weeklyToDaily, act, changed, "given daily instead of weekly")
        }

        func sameClass(_ act: Act) -> [Mutation] {
            guard !act.label.contains("#"), let item = catalogue.item(.medicine, act.action.code) else { return [] }
            let given = Set(path.acts.filter { $0.action.verb == .give }.map(\.action.code))
            let medicines = catalogue.items[.medicine] ?? []
            return item.classes.intersection(catalogue.exclusiveClasses).sorted().compactMap { name in
                guard let other = medicines.first(where: { $0.classes.contains(name) && !given.contains($0.code) }) else { return nil }
                let added = PerformedAction(t: act.action.t, verb: .give, code: other.code, classes: other.classes, urgent: false,
                                            regimen: other.usual, line: act.action.line)
                var edit = PathEdit()
                edit.before[act.lineIndex + 1] = ["give \(other.code)"]
                return mutation(.sameClass, "give \(other.code) beside \(act.action.code)",
                                "\(other.code) (\(name)) added right after '\(path.lines[act.lineIndex])'", edit,
                                items: judging(added), events: provokedEvents(added))
            }
        }

        func addTests() -> [Mutation] {
            let ordered = Set(path.acts.filter { $0.action.verb == .order }.map(\.action.code))
            let at = path.lines.indices.first { [.wait, .discharge, .end].contains(path.verb(at: $0)) } ?? path.lines.count
            let t = at < path.starts.count ? path.starts[at] : path.session.now
            return (catalogue.items[.test] ?? []).compactMap { test in
                guard test.classes.contains(MutationGenerator.ionisingClass), !ordered.contains(test.code) else { return nil }
                let variants = [false, true].map {
                    PerformedAction(t: t, verb: .order, code: test.code, classes: test.classes, urgent: $0, regimen: nil, line: 0)
                }
                let indicated = scenario.rubric.items.contains { item in
                    (item.tier.isPositive || item.tier == .neutral) && item.patterns.contains { p in variants.contains(where: p.matches) }
                }
                guard !indicated else { return nil }
                var edit = PathEdit()
                edit.before[at] = ["order \(test.code)"]
                let items = judging(variants[0])
                return mutation(.addTest, "order \(test.code)", "ordered at the end of the first consultation (+\(t)m)", edit,
                                items: items, events: provokedEvents(variants[0]), extra: items.isEmpty ? ["unlisted"] : [])
            }
        }

        private func prescription(_ kind: MutationKind, _ act: Act, _ regimen: Regimen, _ detail: String) -> Mutation {
            var parts = ["give", act.action.code]
            if let dose = regimen.dose { parts.append(compact(dose)) }
            if let f = regimen.frequency { parts.append(f.description) }
            if let r = regimen.route { parts.append(r.rawValue) }
            if let over = regimen.over { parts += ["over", DurationText.format(over)] }
            var edit = PathEdit()
            edit.replaced[act.lineIndex] = [parts.joined(separator: " ")]
            let a = act.action
            let changed = PerformedAction(t: a.t, verb: a.verb, code: a.code, classes: a.classes, urgent: a.urgent, regimen: regimen, line: a.line)
            let items = (rewarded(a) + judging(changed)).reduce(into: [RubricItem]()) { list, item in
                if !list.contains(where: { $0 === item }) { list.append(item) }
            }
            let before = provokedEvents(a).map(\.id)
            return mutation(kind, act.label, "'\(path.lines[act.lineIndex])': \(detail)", edit, items: items,
                            events: provokedEvents(changed).filter { !before.contains($0.id) })
        }

        private func compact(_ q: Quantity) -> String { q.description.replacingSpaces() }

        // MARK: What an act bears on

        private func without(_ act: Act) -> [String] { path.line(without: act).map { [$0] } ?? [] }

        /// Whether an item counts an act at minute `t`: inside its event and result windows,
        /// as the expert path's course and results ran.
        func applies(_ item: RubricItem, at t: Minutes) -> Bool {
            if let e = item.afterEvent { guard let ft = path.fired[e], t >= ft else { return false } }
            if let e = item.beforeEvent, let ft = path.fired[e], t >= ft { return false }
            if !item.afterResult.isEmpty {
                let arrivals = path.session.received.filter { item.afterResult.contains($0.code) }.map(\.arrivedAt)
                guard let first = arrivals.min(), t >= first else { return false }
            }
            return true
        }

        /// The positive items (critical, required, recommended) an act earns.
        func rewarded(_ action: PerformedAction) -> [RubricItem] {
            scenario.rubric.items.filter { $0.tier.isPositive && $0.patterns.contains { $0.matches(action) } && applies($0, at: action.t) }
        }

        /// The positive items this occurrence of an act earns that no earlier occurrence of the
        /// same act earned already (moving a repeat cannot lose them).
        func earned(_ act: Act) -> [RubricItem] {
            let earlier = path.acts.filter {
                $0.action.verb == act.action.verb && $0.action.code == act.action.code && $0.action.line < act.action.line
            }
            let had = earlier.flatMap { rewarded($0.action) }
            return rewarded(act.action).filter { item in
                (item.atLeast > 1 || !had.contains { $0 === item }) && !covered(item, without: act)
            }
        }

        /// Whether an item that any one act (or any one group of acts) meets is met, on time, by
        /// other acts of the expert path than `act` (an alternative the expert also did):
        /// leaving `act` out or moving it cannot lose the item.
        func covered(_ item: RubricItem, without act: Act) -> Bool {
            guard item.atLeast == 1, item.totalDose == nil else { return false }
            let due = deadline(item)
            let others = path.acts.map(\.action).filter { a in
                (a.verb != act.action.verb || a.code != act.action.code) && applies(item, at: a.t) && (due.map { a.t <= $0 } ?? true)
            }
            switch item.match {
            case .action, .any:
                return others.contains { a in item.patterns.contains { $0.matches(a) } }
            case .anyGroup(let groups):
                // Another group met whole by other acts: an alternative the expert also did.
                return groups.contains { group in group.allSatisfy { p in others.contains(where: p.matches) } }
            case .all:
                return false
            }
        }

        /// The items that judge an act, whatever their tier, except neutral ones.
        func judging(_ action: PerformedAction) -> [RubricItem] {
            scenario.rubric.items.filter { $0.tier != .neutral && $0.patterns.contains { $0.matches(action) } && applies($0, at: action.t) }
        }

        /// When an item's deadline falls in the expert path's course (nil if its event never fired).
        func deadline(_ item: RubricItem) -> Minutes? {
            guard let within = item.within else { return nil }
            guard let event = item.afterEvent else { return within }
            return path.fired[event].map { $0 + within }
        }

        /// Course events with a critical error that the act holds off (`unless:`) and that
        /// leaving it out (`movedTo` nil) or moving it to minute `movedTo` could let happen:
        /// not those another act of the expert path holds off as well, nor, for an event due at
        /// a set time, those still due after the act's new time.
        func guardingEvents(_ act: Act, movedTo: Minutes?) -> [CourseEvent] {
            scenario.course.events.filter { event in
                guard event.criticalError != nil, event.unless.contains(where: { $0.matches(act.action) }) else { return false }
                var due: Minutes?
                if case .at(let t) = event.trigger { due = t }
                if let movedTo, let due, movedTo < due { return false }
                let heldOffByOther = path.acts.contains { other in
                    let a = other.action
                    guard a.verb != act.action.verb || a.code != act.action.code else { return false }
                    return event.unless.contains { $0.matches(a) } && (due.map { a.t < $0 } ?? true)
                }
                return !heldOffByOther
            }
        }

        /// Course events with a critical error that the act brings on (`if_done:` or `after:`).
        func provokedEvents(_ action: PerformedAction) -> [CourseEvent] {
            scenario.course.events.filter { event in
                guard event.criticalError != nil else { return false }
                if case .after(let p, _) = event.trigger, p.matches(action) { return true }
                return event.ifDone.contains { $0.matches(action) }
            }
        }

        static func isCritical(_ item: RubricItem) -> Bool {
            item.tier == .critical || item.critical || item.criticalError != nil
        }

        func mutation(_ kind: MutationKind, _ act: String, _ detail: String, _ edit: PathEdit,
                      items: [RubricItem], events: [CourseEvent], extra: [String] = []) -> Mutation {
            let touches = items.map(\.id) + events.map { "event \($0.id)" } + extra
            let critical = items.filter(Self.isCritical).map(\.id) + events.map { "event \($0.id)" }
            return Mutation(id: "\(kind.rawValue): \(act)", kind: kind, detail: detail, commands: edit.applied(to: path.lines),
                            touches: touches, critical: critical)
        }
    }
}
