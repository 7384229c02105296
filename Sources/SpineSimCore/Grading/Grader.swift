/// Scores a finished session against its scenario's rubric. Pure: the same session gives
/// the same report, byte for byte once rendered.
public enum Grader {
    public struct Context: Sendable {
        public var transcriptPath: String
        public var student: String?
        /// The transcript's `# started:` time, carried into xAPI statements.
        public var started: String?

        public init(transcriptPath: String, student: String? = nil, started: String? = nil) {
            self.transcriptPath = transcriptPath
            self.student = student
            self.started = started
        }
    }

    /// The sources a list of references names, each once, in order. A reference may list
    /// several sources separated by ";" ("NICE NG59; Cochrane CD007612"); a ";" inside
    /// brackets or before a number ("N Engl J Med 2008; 358:818") belongs to one citation.
    static func citations(_ references: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for reference in references {
            // Works on the UTF-8 view: ";", brackets, digits and spaces are ASCII, so every
            // index found is also a character boundary.
            let bytes = reference.utf8
            var start = bytes.startIndex
            var depth = 0
            var index = bytes.startIndex
            func emit(_ end: String.Index) {
                var lo = start, hi = end
                while lo < hi, ASCII.isWhitespace(bytes[lo]) { lo = bytes.index(after: lo) }
                while hi > lo, ASCII.isWhitespace(bytes[bytes.index(before: hi)]) { hi = bytes.index(before: hi) }
                if lo < hi {
                    let source = String(reference[lo..<hi])
                    if seen.insert(source).inserted { out.append(source) }
                }
            }
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") { depth = max(0, depth - 1) }
                if byte == UInt8(ascii: ";"), depth == 0 {
                    var next = bytes.index(after: index)
                    while next < bytes.endIndex, ASCII.isWhitespace(bytes[next]) { next = bytes.index(after: next) }
                    let numberFollows = next < bytes.endIndex && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[next])
                    if !numberFollows {
                        emit(index)
                        start = bytes.index(after: index)
                    }
                }
                index = bytes.index(after: index)
            }
            emit(bytes.endIndex)
        }
        return out
    }

    public static func grade(_ session: Session, context: Context) -> GradeReport {
        let scenario = session.scenario
        let rubric = scenario.rubric
        let projected = session.projected()
        let clock = session.clock
        let actions = session.actions
        let finalDiagnosis = actions.last { $0.verb == .diagnose }
        let candidates = actions.filter { $0.verb != .diagnose || $0 == finalDiagnosis }

        // Per-criterion tallies, one slot per criterion (by `Criterion.position`).
        let criterionCount = Criterion.allCases.count
        var earned = [Double](repeating: 0, count: criterionCount)
        var available = [Double](repeating: 0, count: criterionCount)
        var penalties = [Double](repeating: 0, count: criterionCount)
        var notes = Notes(citationSources: scenario.citationSources)
        var criticalErrors: [String] = []
        var items: [GradeReport.ItemResult] = []
        var deadlineTotal = 0.0, deadlineMet = 0.0
        var unnecessaryTests = Set<String>()

        // When each course event happened during the session (not in the projection after `end`).
        var eventTimes: [String: Minutes] = [:]
        for fired in session.firedEvents where !fired.projected && eventTimes[fired.id] == nil { eventTimes[fired.id] = fired.t }

        // Which actions each item looks at, then when each item's patterns were first done.
        var windows: [RubricSlots.Window?] = []
        windows.reserveCapacity(rubric.items.count)
        for item in rubric.items {
            var window = RubricSlots.Window.open
            if let event = item.afterEvent {
                // The visit this item belongs to never came: nothing to judge.
                guard let start = eventTimes[event] else { windows.append(nil); continue }
                window.from = start
            }
            if let event = item.beforeEvent, let end = eventTimes[event] { window.until = end }
            windows.append(window)
        }
        let slots = scenario.rubricSlots
        let allFirstTimes = slots.firstTimes(of: candidates, windows: windows)
        items.reserveCapacity(rubric.items.count)

        // Rubric items.
        for (itemIndex, item) in rubric.items.enumerated() {
            let patterns = item.patterns
            guard let window = windows[itemIndex] else {
                items.append(.init(id: item.id, tier: item.tier, criterion: item.criterion, met: false, points: 0, tMin: nil, onTime: nil))
                continue
            }
            let deadlineStart: Minutes = item.afterEvent == nil ? 0 : window.from
            func inWindow(_ a: PerformedAction) -> Bool { window.contains(a.t) }
            let firstTimes = allFirstTimes[slots.start[itemIndex]..<slots.start[itemIndex + 1]]
            var earliest: Minutes?, latest: Minutes?, foundCount = 0
            for case let t? in firstTimes {
                foundCount += 1
                earliest = min(earliest ?? t, t)
                latest = max(latest ?? t, t)
            }
            let fraction: Double
            let doneAt: Minutes?
            switch item.match {
            case .action, .any:
                fraction = earliest == nil ? 0 : 1
                doneAt = earliest
            case .anyGroup(let groups):
                // A group is done when its last action is; the item when its first group is.
                var done: Minutes?
                var offset = firstTimes.startIndex
                for group in groups {
                    let times = firstTimes[offset..<(offset + group.count)]
                    offset += group.count
                    if times.allSatisfy({ $0 != nil }), let last = times.compactMap({ $0 }).max() { done = min(done ?? last, last) }
                }
                doneAt = done
                fraction = doneAt == nil ? 0 : 1
            case .all:
                fraction = Double(foundCount) / Double(max(1, patterns.count))
                doneAt = foundCount == patterns.count ? latest : nil
            }
            let c = item.criterion
            let label = item.label
            switch item.tier {
            case .critical, .required, .recommended:
                available[c.position] += item.points
                earned[c.position] += item.points * fraction
                var onTime: Bool?
                if let within = item.within {
                    deadlineTotal += item.points
                    let inTime: Double
                    switch item.match {
                    case .all:
                        inTime = Double(firstTimes.filter { ($0 ?? Int.max) <= deadlineStart + within }.count) / Double(max(1, patterns.count))
                    default:
                        inTime = (doneAt ?? Int.max) <= deadlineStart + within ? 1 : 0
                    }
                    deadlineMet += item.points * inTime
                    onTime = inTime == 1
                    if fraction == 1, inTime < 1, let t = doneAt {
                        let late = item.feedbackLate ?? "\(label) — done at \(clock.label(t)), after the \(DurationText.describe(within)) deadline."
                        notes.add(.timeliness, "Late: \(late)", item.referenceSources)
                        if item.tier == .critical {
                            let since = deadlineStart == 0 ? "after presentation" : "after \(item.afterEvent ?? "the event")"
                            criticalErrors.append(item.criticalError.map { "\($0) (done \(DurationText.describe(t - deadlineStart)) \(since); deadline \(DurationText.describe(within)))" }
                                                  ?? "Late: \(label) (deadline \(DurationText.describe(within)))")
                        }
                    } else if fraction == 1 {
                        notes.add(.timeliness, item.onTimeNote ?? "", item.referenceSources)
                    } else {
                        notes.add(.timeliness, item.missedDeadlineNote ?? "", item.referenceSources)
                    }
                }
                if fraction == 1 {
                    notes.add(c, item.doneWellNote, item.referenceSources)
                } else if fraction > 0 {
                    let missing = zip(patterns, firstTimes).filter { $0.1 == nil }.map(\.0.text)
                    notes.add(c, "Partly done: \(item.feedbackMissed ?? label) Not done: \(missing.joined(separator: ", ")).", item.referenceSources)
                } else {
                    notes.add(c, item.missedNote, item.referenceSources)
                }
                if item.tier == .critical, fraction < 1 {
                    criticalErrors.append(item.criticalError ?? "Not done: \(item.feedbackMissed ?? label)")
                }
                items.append(.init(id: item.id, tier: item.tier, criterion: c, met: fraction == 1,
                                   points: JSONValue.round2(item.points * fraction), tMin: doneAt, onTime: onTime))
            case .unnecessary, .harmful:
                // For `all:` any one of its acts is already wrong; other matches are done or not.
                let penaltyTime: Minutes?
                if case .all = item.match { penaltyTime = doneAt ?? earliest } else { penaltyTime = doneAt }
                guard let t = penaltyTime else {
                    items.append(.init(id: item.id, tier: item.tier, criterion: c, met: false, points: 0, tMin: nil, onTime: nil))
                    continue
                }
                penalties[c.position] += item.points
                notes.add(c, item.penaltyNote, item.referenceSources)
                if item.tier == .harmful {
                    if c != .safety {
                        penalties[Criterion.safety.position] += item.points
                        notes.add(.safety, item.penaltyNote, item.referenceSources)
                    }
                    if item.critical { criticalErrors.append(item.criticalError ?? label) }
                }
                for p in patterns where p.verb == .order {
                    for a in candidates where a.verb == .order && inWindow(a) && p.matches(a) { unnecessaryTests.insert(a.code) }
                }
                items.append(.init(id: item.id, tier: item.tier, criterion: c, met: true,
                                   points: -item.points, tMin: t, onTime: nil))
            case .neutral:
                items.append(.init(id: item.id, tier: item.tier, criterion: c, met: doneAt != nil, points: 0, tMin: doneAt, onTime: nil))
            }
        }

        // The guideline ladder: order of care, red flags, the ladder's own errors.
        if let use = scenario.ladder, let ladder = session.catalogue.ladders[use.ladderID] {
            for finding in LadderJudge.judge(session: session, ladder: ladder, use: use, covered: scenario.rubricIndex) {
                notes.add(.ladder, finding.text, reference: finding.reference)
                penalties[Criterion.ladder.position] += finding.points
                if finding.harmful {
                    penalties[Criterion.safety.position] += finding.points
                    notes.add(.safety, finding.text, reference: finding.reference)
                }
            }
        }

        // Actions no item names.
        struct UnlistedKey: Hashable { var verb: Verb, code: String, urgent: Bool }
        var seenUnlisted = Set<UnlistedKey>()
        for action in candidates where action.verb.isClinicalAction && action.verb != .diagnose && action.verb != .differential {
            guard !scenario.listedIndex.anyMatches(action) else { continue }
            let key = UnlistedKey(verb: action.verb, code: action.code, urgent: action.urgent)
            guard seenUnlisted.insert(key).inserted, let rule = rubric.unlisted[action.verb], rule.tier.isPenalty else { continue }
            let c = Criterion.defaultFor(action.verb)
            penalties[c.position] += rule.points
            let name = session.catalogue.item(action.verb.itemKind ?? .test, action.code)?.name ?? action.code
            if rule.tier == .harmful {
                penalties[Criterion.safety.position] += rule.points
                notes.add(c, "Harmful: \(action.verb.rawValue) \(name) had no indication here (−\(JSONValue.format(rule.points))).", [])
            } else {
                notes.add(c, "Unnecessary: \(action.verb.rawValue) \(name) was not indicated here (−\(JSONValue.format(rule.points))).", [])
            }
            if action.verb == .order { unnecessaryTests.insert(action.code) }
        }

        // Diagnosis.
        let diagnosisSpec = scenario.diagnosis
        let given = session.diagnosisText
        let correct = given.map { scenario.acceptedDiagnoses.contain($0, catalogue: session.catalogue) } ?? false
        let partial = !correct && (given.map { scenario.partialDiagnoses.contain($0, catalogue: session.catalogue) } ?? false)
        available[Criterion.diagnosis.position] += diagnosisSpec.points
        let acceptedName = scenario.acceptedDiagnosisName
        if correct {
            earned[Criterion.diagnosis.position] += diagnosisSpec.points
            notes.add(.diagnosis, "Done well: working diagnosis '\(given ?? "")' is correct.", [])
        } else if partial {
            earned[Criterion.diagnosis.position] += diagnosisSpec.points / 2
            notes.add(.diagnosis, "Partly right: '\(given ?? "")' is part of the picture; the diagnosis was \(acceptedName).", [])
        } else if let given {
            notes.add(.diagnosis, "Incorrect: working diagnosis '\(given)'; the diagnosis was \(acceptedName).", [])
        } else {
            notes.add(.diagnosis, "Missed: no working diagnosis was committed (use 'diagnose'); the diagnosis was \(acceptedName).", [])
        }
        if !session.differential.isEmpty {
            notes.add(.diagnosis, "Differential recorded: \(session.differential.joined(separator: "; ")).", [])
        }

        // Safety events from prescribing.
        for event in session.safetyEvents {
            penalties[Criterion.safety.position] += rubric.safetyErrorPenalty
            let kind: String
            switch event.kind {
            case .doseAboveMaximum: kind = "Dose error"
            case .routeNotAllowed: kind = "Route error"
            case .duplicateClass: kind = "Duplicate class"
            }
            notes.add(.safety, "\(kind) at \(clock.label(event.t)): \(event.message) (−\(JSONValue.format(rubric.safetyErrorPenalty))).", reference: Grader.prescribingReference)
        }

        // Course events that are critical errors (including those after `end`, projected).
        for fired in projected.firedEvents {
            guard let event = scenario.course.events.first(where: { $0.id == fired.id }), let text = event.criticalError else { continue }
            criticalErrors.append(text)
            notes.add(.safety, "Critical: \(text)\(fired.projected ? " (this follows from the plan at the end of the case)" : "")", reference: event.reference)
        }

        var failReasons: [String] = []
        if unnecessaryTests.count > rubric.maxUnnecessaryTests {
            let text = "Indiscriminate investigation: \(unnecessaryTests.count) tests without an indication (more than \(rubric.maxUnnecessaryTests))"
            criticalErrors.append(text)
        }
        let hasPlan = actions.contains { $0.verb.isManagement }
        if given == nil || !hasPlan {
            var missing: [String] = []
            if given == nil { missing.append("no working diagnosis") }
            if !hasPlan { missing.append("no management plan") }
            failReasons.append("The consultation ended with \(missing.joined(separator: " and ")); a consultation needs both to pass.")
        }
        if !criticalErrors.isEmpty {
            penalties[Criterion.safety.position] += Double(criticalErrors.count) * rubric.criticalPenalty
            let count = criticalErrors.count == 1 ? "A critical error" : "\(criticalErrors.count) critical errors"
            notes.add(.safety, "\(count) (listed above): −\(JSONValue.format(rubric.criticalPenalty)) each.", [])
        }

        // Timeliness.
        if deadlineTotal == 0 {
            notes.add(.timeliness, "No time-critical actions in this case.", [])
        }

        // Scores.
        var results: [GradeReport.CriterionResult] = []
        for c in Criterion.allCases {
            let weight = rubric.weights[c] ?? 0
            var score: Double
            switch c {
            case .timeliness:
                score = deadlineTotal > 0 ? weight * deadlineMet / deadlineTotal : weight
            case .safety:
                score = weight
            default:
                let avail = available[c.position]
                score = avail > 0 ? weight * earned[c.position] / avail : weight
            }
            score -= penalties[c.position]
            score = JSONValue.round2(min(max(score, 0), weight))
            var lines = notes.lines[c.position]
            if lines.isEmpty {
                switch c {
                case .safety: lines = ["No harmful acts, dose errors or critical errors."]
                case .investigations: lines = ["No investigations were needed, and none unnecessary were ordered."]
                default: lines = ["Nothing to note."]
                }
            }
            results.append(.init(criterion: c, score: score, maxScore: weight, feedback: lines, references: notes.sources[c.position]))
        }
        let total = JSONValue.round2(results.reduce(0) { $0 + $1.score })
        let maxScore = rubric.maxScore
        let percent = maxScore > 0 ? total / maxScore * 100 : 0
        let passed = percent >= rubric.passMark && criticalErrors.isEmpty && failReasons.isEmpty

        let fired = Set(projected.firedEvents.map(\.id))
        let outcome = scenario.outcomes.first { o in
            guard let cond = o.condition else { return true }
            return cond.done.allSatisfy { p in actions.contains { p.matches($0) } }
                && !cond.notDone.contains { p in actions.contains { p.matches($0) } }
                && cond.events.allSatisfy(fired.contains)
                && !cond.notEvents.contains(where: fired.contains)
                && (cond.diagnosed.map { $0 == correct } ?? true)
        }?.text ?? ""

        var rejected: [GradeReport.Rejected] = []
        var events: [GradeReport.EventRecord] = []
        events.reserveCapacity(session.log.count)
        let log = session.log
        // Indices, so each entry's fields are read in place rather than the entry copied.
        for index in log.indices {
            if let reason = log[index].rejection {
                rejected.append(GradeReport.Rejected(line: log[index].line, text: log[index].text, reason: reason))
            }
            if log[index].command != nil {
                events.append(GradeReport.EventRecord(tMin: log[index].t, command: log[index].text, responseLines: log[index].response))
            }
        }
        let expert = scenario.expertPath

        return GradeReport(
            scenarioID: scenario.id, scenarioTitle: scenario.title, transcript: context.transcriptPath,
            score: total, maxScore: maxScore, passMark: rubric.passMark, passed: passed,
            criticalErrors: criticalErrors, failReasons: failReasons,
            diagnosisGiven: given, diagnosisCorrect: correct, acceptedDiagnosis: acceptedName,
            outcome: outcome, criteria: results, rejected: rejected, events: events, items: items,
            provenance: .init(version: SpineSimVersion.current, scenarioSHA256: scenario.sha256,
                              catalogueSHA256: session.catalogue.sha256, seed: session.options.seed, student: context.student),
            expertPath: expert, durationMinutes: session.now, started: context.started)
    }

    /// What prescribing errors (dose, route, duplicate class) cite.
    static let prescribingReference = "BNF; NICE NG59 (NSAIDs: lowest effective dose, shortest time)"

    /// Feedback lines and cited sources per criterion (by `Criterion.position`), in the order noted.
    struct Notes {
        var lines = [[String]](repeating: [], count: Criterion.allCases.count)
        /// The sources cited, each once, in the order first cited.
        var sources = [[String]](repeating: [], count: Criterion.allCases.count)
        let citationSources: [String: [String]]

        init(citationSources: [String: [String]]) {
            self.citationSources = citationSources
            // Room for a typical case's notes, so appending does not regrow each list.
            for c in lines.indices {
                lines[c].reserveCapacity(16)
                sources[c].reserveCapacity(8)
            }
        }

        mutating func add(_ c: Criterion, _ line: String, _ cited: [String]) {
            lines[c.position].append(line)
            // A criterion cites a handful of sources, so a linear check beats hashing them.
            for source in cited where !sources[c.position].contains(source) { sources[c.position].append(source) }
        }

        mutating func add(_ c: Criterion, _ line: String, reference: String?) {
            guard let reference else { return add(c, line, []) }
            add(c, line, citationSources[reference] ?? Grader.citations([reference]))
        }
    }

    /// Replays transcript lines in a fresh session.
    public static func replay(_ transcript: Transcript, scenario: Scenario, catalogue: Catalogue, exam: Bool = false) -> Session {
        Session.replaying(transcript, scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: transcript.seed, exam: exam))
    }
}
