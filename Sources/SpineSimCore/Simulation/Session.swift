/// A consultation in progress: the patient's state, the virtual clock and the event log.
/// A value type driven only by `handle(_:lineNumber:)`; the same lines and seed always
/// give the same session.
public struct Session: Sendable {
    public let scenario: Scenario
    public let catalogue: Catalogue
    public let options: SessionOptions
    private let parser: CommandParser

    public private(set) var now: Minutes = 0
    public private(set) var log: [LogEntry] = []
    public private(set) var actions: [PerformedAction] = []
    public private(set) var received: [ReceivedResult] = []
    public private(set) var firedEvents: [FiredEvent] = []
    public private(set) var safetyEvents: [SafetyEvent] = []
    public private(set) var vitals: Vitals
    public private(set) var vitalsMeasured = false
    /// Examination findings elicited so far, latest per code, in the order first examined.
    public private(set) var findings: [(code: String, text: String)] = []
    /// Medicines being given, in the order started.
    public private(set) var activeMedicines: [PerformedAction] = []
    public private(set) var diagnosisText: String?
    public private(set) var differential: [String] = []
    public private(set) var status: CareStatus = .attending
    public private(set) var ended = false
    public private(set) var projecting = false

    var pending: [PendingResult] = []
    /// When each course event (by index into `scenario.course.events`) is due: `at` events
    /// from the start, `after` events once the first matching action is recorded. Actions
    /// are only ever appended, so that first match, and the time, never change.
    private(set) var triggerTimes: [Minutes?]
    /// The verb of each `after` trigger's pattern (nil for `at`): no other verb can match it.
    private let afterVerbs: [Verb?]
    /// Course events already fired or passed over, by index. Resolving an event resolves
    /// every event with the same id.
    private var resolved: [Bool]
    /// The ids of `firedEvents`, for `if_events` and `unless_events`.
    private var firedIDs = Set<String>()
    private var historyNow: [String: [String]] = [:]
    private var examinationNow: [String: [String]] = [:]
    private var resultsNow: [String: ResultSpec] = [:]
    private var currentLine = 0

    public init(scenario: Scenario, catalogue: Catalogue, options: SessionOptions = SessionOptions()) {
        self.scenario = scenario
        self.catalogue = catalogue
        self.options = options
        self.parser = CommandParser(catalogue: catalogue)
        self.vitals = scenario.patient.vitals
        self.triggerTimes = scenario.course.events.map { event -> Minutes? in
            if case .at(let t) = event.trigger { return t }
            return nil
        }
        self.afterVerbs = scenario.course.events.map { event -> Verb? in
            if case .after(let pattern, _) = event.trigger { return pattern.verb }
            return nil
        }
        self.resolved = Array(repeating: false, count: scenario.course.events.count)
        // Room for a typical transcript, so the log and actions are not regrown line by line.
        log.reserveCapacity(16)
        actions.reserveCapacity(32)
        _ = advance(to: 0)
    }

    public var clock: ClockFace { ClockFace(arrival: scenario.patient.arrival) }

    /// The lines shown when the case opens: who the patient is and what they say.
    public var opening: [OutputLine] {
        let p = scenario.patient
        return [
            OutputLine(.heading, scenario.title),
            OutputLine(.info, "\(clock.label(0)) — \(p.name), \(p.summary), \(scenario.setting.label)."),
            OutputLine(.patient, "“\(p.complaint)”"),
        ]
    }

    /// The verb-free view of what was understood, for completion and help.
    public var commandParser: CommandParser { parser }

    // MARK: Handling commands

    /// Carries out one line of the command language.
    public mutating func handle(_ line: String, lineNumber: Int = 0) -> Response {
        currentLine = lineNumber
        let text = line.trimmingWhitespace
        if ended {
            let reason = "the case has ended; nothing more can be done"
            log.append(LogEntry(line: lineNumber, t: now, text: text, command: nil, rejection: reason,
                                response: [OutputLine(.rejected, reason)]))
            return Response(lines: [OutputLine(.rejected, reason)], accepted: false)
        }
        switch parser.parse(trimmed: text) {
        case .nothing:
            return Response(lines: [], accepted: true, logged: false)
        case .rejected(let reason):
            let lines = [OutputLine(.rejected, reason)]
            log.append(LogEntry(line: lineNumber, t: now, text: text, command: nil, rejection: reason, response: lines))
            return Response(lines: lines, accepted: false)
        case .command(let command):
            let issuedAt = now
            var itemMinutes: Minutes?
            var lines = carryOut(command, itemMinutes: &itemMinutes)
            // ask, examine and perform add up their items' minutes as they look them up.
            let cost = itemMinutes ?? timeCost(command)
            if cost > 0 { lines += advance(to: now + cost) }
            log.append(LogEntry(line: lineNumber, t: issuedAt, text: text, command: command, rejection: nil, response: lines))
            return Response(lines: lines, accepted: true, logged: true, endedCase: command.verb == .end)
        }
    }

    /// Minutes a command takes.
    public func timeCost(_ command: Command) -> Minutes {
        switch command.verb {
        case .ask, .examine, .perform:
            guard let kind = command.verb.itemKind else { return 0 }
            return command.items.reduce(0) { $0 + (catalogue.item(kind, $1)?.time ?? 1) }
        case .order, .give, .advise, .refer, .stop, .admit, .discharge:
            return catalogue.defaultTimes[command.verb] ?? 1
        default:
            return 0
        }
    }

    private mutating func record(_ verb: Verb, _ code: String, classes: Set<String> = [], urgent: Bool = false, regimen: Regimen? = nil) -> PerformedAction {
        let action = PerformedAction(t: now, verb: verb, code: code, classes: classes, urgent: urgent, regimen: regimen, line: currentLine)
        actions.append(action)
        let events = scenario.course.events
        for index in events.indices where triggerTimes[index] == nil && afterVerbs[index] == verb {
            if case .after(let pattern, let delay) = events[index].trigger, pattern.matches(action) {
                triggerTimes[index] = action.t + delay
            }
        }
        return action
    }

    /// Does what `command` says. For verbs whose time is the sum of their items' times,
    /// sets `itemMinutes` to that sum (what `timeCost(_:)` would give).
    private mutating func carryOut(_ command: Command, itemMinutes: inout Minutes?) -> [OutputLine] {
        switch command.verb {
        case .ask: return ask(command, minutes: &itemMinutes)
        case .examine: return examine(command, minutes: &itemMinutes)
        case .order: return order(command)
        case .give: return give(command)
        case .stop: return stop(command)
        case .advise:
            let names = command.items.compactMap { code -> String? in
                let item = catalogue.item(.advice, code)
                _ = record(.advise, code, classes: item?.classes ?? [])
                return item?.name
            }
            return [OutputLine(.info, "You advise: \(names.joined(separator: "; ")).")]
        case .refer:
            let names = command.items.compactMap { code -> String? in
                let item = catalogue.item(.service, code)
                _ = record(.refer, code, classes: item?.classes ?? [], urgent: command.urgent)
                return item?.name
            }
            return [OutputLine(.info, "\(command.urgent ? "Urgent referral" : "Referral") made to \(names.joined(separator: ", ")).")]
        case .perform:
            var minutes: Minutes = 0
            defer { itemMinutes = minutes }
            return command.items.map { code in
                let item = catalogue.item(.procedure, code)
                minutes += item?.time ?? 1
                _ = record(.perform, code, classes: item?.classes ?? [])
                if let line = item?.performedLine { return OutputLine(.info, line) }
                return OutputLine(.info, "\(capitalised(item?.name ?? code)) performed (\(DurationText.describe(item?.time ?? 0))).")
            }
        case .admit:
            let code = command.items.first ?? "medicine"
            let item = catalogue.item(.service, code)
            _ = record(.admit, code, classes: item?.classes ?? [])
            status = .admitted(code)
            return [OutputLine(.info, "Admitted under \(item?.name ?? code).")]
        case .discharge:
            _ = record(.discharge, "discharge")
            status = .discharged
            return [OutputLine(.info, "The patient goes home. Time can still pass (wait); they will come back for review.")]
        case .wait:
            let minutes = command.duration ?? 0
            var lines = [OutputLine(.info, "Time passes: \(DurationText.describe(minutes)).")]
            let happened = advance(to: now + minutes)
            lines += happened.isEmpty ? [OutputLine(.info, "Nothing new to report.")] : happened
            lines.append(OutputLine(.info, "It is now \(clock.label(now))."))
            return lines
        case .diagnose:
            let text = command.text ?? ""
            let entry = catalogue.diagnosis(matching: text)
            diagnosisText = text
            _ = record(.diagnose, entry?.code ?? text.folded)
            return [OutputLine(.info, "Working diagnosis recorded: \(entry?.name ?? text).")]
        case .differential:
            differential = command.list
            for item in command.list {
                _ = record(.differential, catalogue.diagnosis(matching: item)?.code ?? item.folded)
            }
            return [OutputLine(.info, "Differential recorded: \(command.list.joined(separator: "; ")).")]
        case .chart: return chart()
        case .results: return resultsSummary()
        case .help: return Help.lines(for: command.text.flatMap { Verb(rawValue: $0) })
        case .note: return [OutputLine(.info, "Noted.")]
        case .end:
            ended = true
            return [OutputLine(.info, "Case ended at \(clock.label(now)).")]
        }
    }

    private mutating func ask(_ command: Command, minutes: inout Minutes?) -> [OutputLine] {
        var lines: [OutputLine] = []
        lines.reserveCapacity(command.items.count)
        var total: Minutes = 0
        defer { minutes = total }
        for code in command.items {
            let found = catalogue.item(.question, code)
            total += found?.time ?? 1
            guard let item = found else { continue }
            _ = record(.ask, code, classes: item.classes)
            // Locals, not `a ?? self.b`: an autoclosure that captures self copies the whole session.
            let scripted = scenario.history[code]
            let answer = Session.pick(historyNow[code] ?? scripted, seed: options.seed, key: "ask:", code) ?? item.defaultText ?? "I'm not sure."
            // Appended to the prefix written at load: a line with a curly quote is not ASCII,
            // and checking a whole new buffer's UTF-8 cost more than appending to a valid one.
            var line = item.answerPrefix ?? capitalised(item.name) + ": “"
            line.reserveCapacity(line.utf8.count + answer.utf8.count + 3)
            line += answer
            line += "”"
            lines.append(OutputLine(.patient, line))
        }
        return lines
    }

    private mutating func examine(_ command: Command, minutes: inout Minutes?) -> [OutputLine] {
        var lines: [OutputLine] = []
        lines.reserveCapacity(command.items.count)
        var total: Minutes = 0
        defer { minutes = total }
        for code in command.items {
            let found = catalogue.item(.examination, code)
            total += found?.time ?? 1
            guard let item = found else { continue }
            _ = record(.examine, code, classes: item.classes)
            let fromScenario = scenario.examination[code]
            let scripted = examinationNow[code] ?? fromScenario
            var text = Session.pick(scripted, seed: options.seed, key: "examine:", code) ?? item.defaultText ?? "Normal."
            if code == "vitals" {
                vitalsMeasured = true
                text = vitals.summary + (scripted != nil ? ". " + text : ".")
            }
            if let index = findings.firstIndex(where: { $0.code == code }) {
                findings[index].text = text
            } else {
                findings.append((code, text))
            }
            lines.append(OutputLine(.finding, capitalisedLine(item.name, ": ", text)))
        }
        return lines
    }

    private mutating func order(_ command: Command) -> [OutputLine] {
        var lines: [OutputLine] = []
        for code in command.items {
            guard let item = catalogue.item(.test, code), let turnaround = item.turnaround,
                  let ordered = item.orderedLines else { continue }
            _ = record(.order, code, classes: item.classes, urgent: command.urgent)
            let scriptedResult = scenario.results[code]
            let spec = resultsNow[code] ?? scriptedResult ?? item.defaultResult ?? ResultSpec.noAbnormality
            if item.stages.isEmpty {
                pending.append(PendingResult(code: code, name: item.name, stage: nil, final: true,
                                             due: now + turnaround.time(urgent: command.urgent), orderedAt: now,
                                             urgent: command.urgent, spec: spec))
            } else {
                for (i, stage) in item.stages.enumerated() {
                    let stageSpec = spec.stages[stage.id] ?? item.defaultResult?.stages[stage.id] ?? ResultSpec.noAbnormality
                    pending.append(PendingResult(code: code, name: item.name, stage: stage, final: i == item.stages.count - 1,
                                                 due: now + stage.turnaround.time(urgent: command.urgent), orderedAt: now,
                                                 urgent: command.urgent, spec: stageSpec))
                }
            }
            lines.append(OutputLine(.info, command.urgent ? ordered.urgent : ordered.routine))
        }
        return lines
    }

    private mutating func give(_ command: Command) -> [OutputLine] {
        guard let code = command.items.first, let item = catalogue.item(.medicine, code) else { return [] }
        let regimen = (command.regimen ?? Regimen()).filled(from: item.usual)
        var lines: [OutputLine] = []
        var problems: [SafetyEvent] = []
        if let route = regimen.route, !item.routes.contains(route) {
            problems.append(SafetyEvent(kind: .routeNotAllowed, t: now, line: currentLine,
                                        message: "\(item.name) by the \(route.rawValue) route (allowed: \(item.routes.map(\.rawValue).joined(separator: ", ")))"))
        }
        if let max = item.maxDaily, let daily = Session.dailyDose(regimen, usual: item.usual),
           daily.isGreater(than: max) == true {
            problems.append(SafetyEvent(kind: .doseAboveMaximum, t: now, line: currentLine,
                                        message: "\(item.name) \(regimen) is \(daily) a day, above the maximum of \(max)"))
        }
        for other in activeMedicines where other.code != code {
            let shared = other.classes.intersection(item.classes).intersection(catalogue.exclusiveClasses)
            if let cls = shared.sorted().first {
                problems.append(SafetyEvent(kind: .duplicateClass, t: now, line: currentLine,
                                            message: "\(item.name) given while \(catalogue.item(.medicine, other.code)?.name ?? other.code) is still active: two drugs of class '\(cls)' at once"))
            }
        }
        let action = record(.give, code, classes: item.classes, regimen: regimen)
        activeMedicines.removeAll { $0.code == code }
        activeMedicines.append(action)
        safetyEvents += problems
        let written = regimen.description
        lines.append(OutputLine(.info, "Prescribed \(item.name)\(written.isEmpty ? "" : " " + written)."))
        if !options.exam {
            for p in problems { lines.append(OutputLine(.warning, "Warning: \(p.message).")) }
        }
        return lines
    }

    private mutating func stop(_ command: Command) -> [OutputLine] {
        command.items.map { code in
            let name = catalogue.item(.medicine, code)?.name ?? code
            guard activeMedicines.contains(where: { $0.code == code }) else {
                return OutputLine(.info, "\(capitalised(name)) is not being given.")
            }
            _ = record(.stop, code, classes: catalogue.item(.medicine, code)?.classes ?? [])
            activeMedicines.removeAll { $0.code == code }
            return OutputLine(.info, "Stopped \(name).")
        }
    }

    /// The dose in 24 hours; `prn` is judged at the usual frequency.
    public static func dailyDose(_ regimen: Regimen, usual: Regimen?) -> Quantity? {
        guard let dose = regimen.dose else { return nil }
        var frequency = regimen.frequency ?? usual?.frequency
        if frequency == nil || frequency == .prn { frequency = usual?.frequency }
        if frequency == nil || frequency == .prn { frequency = .qds }
        guard let perDay = frequency?.dosesPerDay else { return nil }
        return dose.scaled(by: max(1, perDay))
    }

    // MARK: Time

    /// Moves the clock to `target`, delivering results and firing course events on the way.
    mutating func advance(to target: Minutes) -> [OutputLine] {
        var lines: [OutputLine] = []
        while true {
            // The result due soonest by `target`; of equals, the first pending.
            var nextResult: Int?
            for index in pending.indices where pending[index].due <= target {
                if let best = nextResult, pending[best].due <= pending[index].due { continue }
                nextResult = index
            }
            // The course event due soonest by `target`; of equals, the first listed.
            var nextEvent: Int?
            var eventTime: Minutes = 0
            for index in triggerTimes.indices where !resolved[index] {
                guard let t = triggerTimes[index], t <= target else { continue }
                if nextEvent == nil || t < eventTime {
                    nextEvent = index
                    eventTime = t
                }
            }
            if let r = nextResult, nextEvent == nil || pending[r].due <= eventTime {
                now = max(now, pending[r].due)
                let p = pending.remove(at: r)
                let result = ReceivedResult(code: p.code, name: p.name, stage: p.stage?.id, stageName: p.stage?.name,
                                            orderedAt: p.orderedAt, arrivedAt: now, urgent: p.urgent, spec: p.spec, final: p.final)
                received.append(result)
                if !projecting {
                    ResultText.announce(result, clock: clock, into: &lines)
                }
            } else if let index = nextEvent {
                now = max(now, eventTime)
                fire(eventAt: index, at: eventTime, into: &lines)
            } else {
                break
            }
        }
        now = max(now, target)
        return lines
    }

    private mutating func fire(eventAt index: Int, at t: Minutes, into lines: inout [OutputLine]) {
        let events = scenario.course.events
        let id = events[index].id
        for other in events.indices where events[other].id == id { resolved[other] = true }
        for p in events[index].unless where Session.done(p, by: t, in: actions) { return }
        for p in events[index].ifDone where !Session.done(p, by: t, in: actions) { return }
        for e in events[index].unlessEvents where firedIDs.contains(e) { return }
        for e in events[index].ifEvents where !firedIDs.contains(e) { return }
        firedEvents.append(FiredEvent(id: id, t: t, projected: projecting))
        firedIDs.insert(id)
        Session.overlay(&historyNow, with: events[index].history)
        Session.overlay(&examinationNow, with: events[index].examination)
        Session.overlay(&resultsNow, with: events[index].results)
        if let v = events[index].vitals { vitals = vitals.updated(with: v) }
        if !projecting, let message = events[index].message {
            let prefix = status == .discharged ? "At review, \(clock.label(t))" : clock.label(t)
            lines.append(OutputLine(.event, "[\(prefix)] \(message)"))
        }
    }

    /// Whether an action matching `pattern` was done at or before `t`. Static, so that the
    /// session is not copied; the verb is compared first (a pattern matches only its own
    /// verb) and elements are borrowed, so that actions are copied only to be matched.
    private static func done(_ pattern: ActionPattern, by t: Minutes, in actions: [PerformedAction]) -> Bool {
        for index in actions.indices where actions[index].verb == pattern.verb && actions[index].t <= t {
            if pattern.matches(actions[index]) { return true }
        }
        return false
    }

    /// `table.merge(changes) { $1 }`, sharing `changes`' storage when `table` is empty.
    private static func overlay<Value>(_ table: inout [String: Value], with changes: [String: Value]) {
        if changes.isEmpty { return }
        if table.isEmpty {
            table = changes
        } else {
            table.merge(changes) { $1 }
        }
    }

    /// The session run on, with no further actions, to the course's horizon: what
    /// happens to the patient after `end`, for judging the outcome.
    public func projected() -> Session {
        var copy = self
        copy.projecting = true
        _ = copy.advance(to: max(now, scenario.course.horizon))
        return copy
    }

    /// Results still awaited: test name, stage and when due.
    public var pendingOrders: [(name: String, stage: String?, due: Minutes, urgent: Bool)] {
        pending.sorted { $0.due < $1.due }.map { ($0.name, $0.stage?.name, $0.due, $0.urgent) }
    }

    // MARK: Views

    private func chart() -> [OutputLine] {
        var lines = [OutputLine(.heading, "Chart — \(scenario.patient.name), \(scenario.patient.summary)")]
        lines.append(OutputLine(.info, "Time: \(clock.label(now)) (\(DurationText.describe(now)) since presentation)."))
        switch status {
        case .attending: lines.append(OutputLine(.info, "Where: \(scenario.setting.label)."))
        case .admitted(let s): lines.append(OutputLine(.info, "Where: admitted under \(catalogue.item(.service, s)?.name ?? s)."))
        case .discharged: lines.append(OutputLine(.info, "Where: discharged home."))
        }
        lines.append(OutputLine(.info, "Vitals: \(vitalsMeasured ? vitals.summary : "not yet measured (examine vitals)")."))
        if findings.isEmpty {
            lines.append(OutputLine(.info, "Findings: none yet."))
        } else {
            lines.append(OutputLine(.info, "Findings:"))
            for f in findings where f.code != "vitals" {
                lines.append(OutputLine(.finding, "  \(catalogue.item(.examination, f.code)?.name ?? f.code): \(f.text)"))
            }
        }
        if !activeMedicines.isEmpty {
            lines.append(OutputLine(.info, "Medicines: " + activeMedicines.map {
                "\(catalogue.item(.medicine, $0.code)?.name ?? $0.code) \($0.regimen?.description ?? "")".trimmingWhitespace
            }.joined(separator: "; ")))
        }
        let waiting = pendingOrders
        if waiting.isEmpty {
            lines.append(OutputLine(.info, "Pending: nothing."))
        } else {
            lines.append(OutputLine(.info, "Pending:"))
            for p in waiting {
                lines.append(OutputLine(.info, "  \(p.name)\(p.stage.map { " (\($0))" } ?? "")\(p.urgent ? " [urgent]" : "") — due \(clock.label(p.due))"))
            }
        }
        lines += resultsSummary()
        if let d = diagnosisText { lines.append(OutputLine(.info, "Working diagnosis: \(d).")) }
        return lines
    }

    private func resultsSummary() -> [OutputLine] {
        if received.isEmpty { return [OutputLine(.info, "Results: none yet.")] }
        var lines = [OutputLine(.heading, "Results")]
        lines += ResultText.table(received, clock: clock)
        return lines
    }

    /// One of `variants`, chosen by an FNV-1a hash of the seed and `prefix + code`.
    /// Static, and taking the key in two parts, so that neither the session is copied nor
    /// the key built when there is nothing to choose between.
    static func pick(_ variants: [String]?, seed: UInt64, key prefix: String, _ code: String) -> String? {
        guard let variants, !variants.isEmpty else { return nil }
        if variants.count == 1 { return variants[0] }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in prefix.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for byte in code.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return variants[Int(hash % UInt64(variants.count))]
    }
}

/// `s` with its first character upper-cased, with room for `extra` more UTF-8 bytes
/// (so that a line can be built on it without growing).
func capitalised(_ s: String, reservingCapacity extra: Int = 0) -> String {
    let bytes = s.utf8
    guard let lead = bytes.first else { return s }
    // An ASCII byte followed by another (or by nothing) is a whole character on its own
    // (no ASCII byte extends a grapheme, and CR LF is not a letter), so the common case
    // needs no Unicode case mapping: a-z become A-Z, anything else stays as it is.
    let simple = lead < 0x80 && (bytes.dropFirst().first.map { $0 < 0x80 } ?? true)
    guard simple else { return slowCapitalised(s) }
    let isLower = lead >= UInt8(ascii: "a") && lead <= UInt8(ascii: "z")
    if !isLower && extra == 0 { return s }
    let count = bytes.count
    return String(unsafeUninitializedCapacity: count + extra) { buffer in
        let written = buffer.initialize(fromContentsOf: bytes)
        if isLower { buffer[0] = lead - 0x20 }
        return written
    }
}

/// `capitalised(name) + a + b + c`, written into one buffer of exactly the right size: the
/// ask and examine lines are built for every item, and each append to a growing string
/// (checks, flags, possible regrowth) cost more than copying all the bytes at once.
func capitalisedLine(_ name: String, _ a: String, _ b: String, _ c: String = "") -> String {
    let bytes = name.utf8
    var iterator = bytes.makeIterator()
    // The same ASCII test as `capitalised(_:reservingCapacity:)`: an ASCII byte followed by
    // another ASCII byte (or by nothing) is a whole character whose upper case is one byte.
    guard let lead = iterator.next(), lead < 0x80, iterator.next().map({ $0 < 0x80 }) ?? true else {
        return slowCapitalised(name) + a + b + c
    }
    let count = bytes.count + a.utf8.count + b.utf8.count + c.utf8.count
    return String(unsafeUninitializedCapacity: count) { buffer in
        var written = buffer.initialize(fromContentsOf: bytes)
        if lead >= UInt8(ascii: "a") && lead <= UInt8(ascii: "z") { buffer[0] = lead - 0x20 }
        written = UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: a.utf8) + written
        written = UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: b.utf8) + written
        written = UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: c.utf8) + written
        return written
    }
}

/// `capitalised(_:)` by Unicode case mapping, for any first character.
func slowCapitalised(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
}
