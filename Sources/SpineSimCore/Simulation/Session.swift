/// A consultation in progress: the patient's state, the virtual clock and the event log.
///
/// A value type driven only by `handle(_:lineNumber:)` (parse, then apply) or, for a line
/// already parsed, `apply(_:line:lineNumber:)`; the same lines and seed always give the same
/// session. The work is split by concern: `Session+Commands.swift` carries out each verb,
/// `Session+Course.swift` runs the clock and the course, `Prescribing` checks prescriptions,
/// `Session+Chart.swift` draws the chart, `PatientState+Session.swift` reads the case's living
/// state (values, vitals, phases, trends), and `Phrasing` and `ResultText` word the output.
public struct Session: Sendable {
    public let scenario: Scenario
    public let catalogue: Catalogue
    public let options: SessionOptions
    let parser: CommandParser

    public internal(set) var now: Minutes = 0
    public internal(set) var log: [LogEntry] = []
    public internal(set) var actions: [PerformedAction] = []
    public internal(set) var received: [ReceivedResult] = []
    public internal(set) var firedEvents: [FiredEvent] = []
    public internal(set) var safetyEvents: [SafetyEvent] = []
    public internal(set) var vitals: Vitals
    public internal(set) var vitalsMeasured = false
    /// State values the trainee has measured (results received, vital signs examined), in order.
    public internal(set) var measurements: [StateReading] = []
    /// Examination findings elicited so far, latest per code, in the order first examined.
    public internal(set) var findings: [(code: String, text: String)] = []
    /// Medicines being given, in the order started.
    public internal(set) var activeMedicines: [PerformedAction] = []
    /// The case's current medicines (`patient.current_medicines`) the trainee has stopped.
    public internal(set) var stoppedCurrentMedicines: Set<String> = []
    public internal(set) var diagnosisText: String?
    public internal(set) var differential: [String] = []
    public internal(set) var status: CareStatus = .attending
    public internal(set) var ended = false
    public internal(set) var projecting = false

    /// Results ordered and not yet back, soonest due first.
    var pending = PendingResults<PendingResult>()
    /// The course's triggers, scripted changes and what has fired (see `CourseState`).
    var course: CourseState
    /// The line being carried out, for the actions and safety events it records.
    var currentLine = 0

    public init(scenario: Scenario, catalogue: Catalogue, options: SessionOptions = SessionOptions()) {
        self.scenario = scenario
        self.catalogue = catalogue
        self.options = options
        self.parser = CommandParser(catalogue: catalogue)
        self.vitals = scenario.patient.vitals
        self.course = CourseState(events: scenario.course.events)
        _ = advance(to: 0)
    }

    public var clock: ClockFace { ClockFace(arrival: scenario.patient.arrival) }

    /// The lines shown when the case opens: who the patient is and what they say.
    public var opening: [OutputLine] { Phrasing.opening(scenario, clock: clock) }

    /// The parser this session reads lines with (for completion, help and callers that parse first).
    public var commandParser: CommandParser { parser }

    // MARK: Parse, then apply

    /// Carries out one line of the command language: `parse`, then `apply`.
    public mutating func handle(_ line: String, lineNumber: Int = 0) -> Response {
        let text = line.trimmingWhitespace
        if ended { return refuseAfterEnd(text, lineNumber: lineNumber) }
        switch parser.parse(trimmed: text) {
        case .nothing:
            return Response(lines: [], accepted: true, logged: false)
        case .rejected(let rejection):
            let lines = [OutputLine(.rejected, rejection.message)]
            log.append(LogEntry(line: lineNumber, t: now, text: text, command: nil, rejection: rejection.message, response: lines))
            return Response(lines: lines, accepted: false)
        case .command(let command):
            return apply(command, trimmedLine: text, lineNumber: lineNumber)
        }
    }

    /// Carries out a command already parsed from `line` (which is logged, trimmed, as typed).
    public mutating func apply(_ command: Command, line: String, lineNumber: Int = 0) -> Response {
        let text = line.trimmingWhitespace
        if ended { return refuseAfterEnd(text, lineNumber: lineNumber) }
        return apply(command, trimmedLine: text, lineNumber: lineNumber)
    }

    private mutating func apply(_ command: Command, trimmedLine text: String, lineNumber: Int) -> Response {
        currentLine = lineNumber
        let issuedAt = now
        var itemMinutes: Minutes?
        var lines = carryOut(command, itemMinutes: &itemMinutes)
        // ask, examine and perform add up their items' minutes as they look them up.
        let cost = itemMinutes ?? timeCost(command)
        // Course events due while a procedure is under way fire when it ends (no "on the
        // ward" message mid-operation); results still arrive when due.
        if cost > 0 { lines += advance(to: now + cost, eventsNotBefore: command.verb == .perform ? now + cost : nil) }
        log.append(LogEntry(line: lineNumber, t: issuedAt, text: text, command: command, rejection: nil, response: lines))
        return Response(lines: lines, accepted: true, logged: true, endedCase: command.verb == .end)
    }

    /// Every line after `end` is refused (and logged).
    private mutating func refuseAfterEnd(_ text: String, lineNumber: Int) -> Response {
        let reason = Phrasing.caseEnded
        let lines = [OutputLine(.rejected, reason)]
        log.append(LogEntry(line: lineNumber, t: now, text: text, command: nil, rejection: reason, response: lines))
        return Response(lines: lines, accepted: false)
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

    /// The session run on, with no further actions, to the course's horizon: what
    /// happens to the patient after `end`, for judging the outcome.
    public func projected() -> Session {
        var copy = self
        copy.projecting = true
        _ = copy.advance(to: max(now, scenario.course.horizon))
        return copy
    }

    /// Results still awaited: test name, stage and when due, soonest first.
    public var pendingOrders: [(name: String, stage: String?, due: Minutes, urgent: Bool)] {
        pending.inDueOrder.map { ($0.name, $0.stage?.name, $0.due, $0.urgent) }
    }
}
