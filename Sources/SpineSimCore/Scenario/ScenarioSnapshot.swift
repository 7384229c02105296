// How a loaded case is written to the start-up cache and read back (`Snapshot`), as the
// catalogue is (`CatalogueSnapshot.swift`): every stored part in order, read back in the same
// order. A part added to a type must be added here too (`ScenarioSnapshotTests` compares every
// stored property of each bundled case read back with the one parsed).

extension Scenario: Snapshottable {
    /// The loaded case as snapshot bytes: `init(snapshot:)` reads them back as the same case
    /// without parsing its YAML or checking it against the catalogue again.
    public func snapshot() -> [UInt8] { Snapshot.encode(self) }

    /// A case read back from `snapshot()`'s bytes. Throws when they are damaged or were
    /// written by another build; the caller then loads the case from its file.
    public convenience init(snapshot bytes: [UInt8]) throws(Snapshot.Damaged) {
        var reader = SnapshotReader(bytes: bytes)
        try self.init(from: &reader)
        guard reader.offset == bytes.count else { throw reader.damaged("bytes left over") }
    }

    public func write(to writer: inout SnapshotWriter) {
        writer.write(id, title, setting, difficulty, tags, summary, references, patient, history, examination, results)
        writer.write(diagnosis, course, outcomes, rubric, ladder, selfTests, sourcePath, sha256, state, infection, mutationAudit)
    }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), title: reader.read(), setting: reader.read(), difficulty: reader.read(), tags: reader.read(),
                      summary: reader.read(), references: reader.read(), patient: reader.read(), history: reader.read(),
                      examination: reader.read(), results: reader.read(), diagnosis: reader.read(), course: reader.read(),
                      outcomes: reader.read(), rubric: reader.read(), ladder: reader.read(), selfTests: reader.read(),
                      sourcePath: reader.read(), sha256: reader.read(), state: reader.read(), infection: reader.read(),
                      mutationAudit: reader.read())
    }
}

extension Criterion: Snapshottable {}
extension SelfTest.Expectation: Snapshottable {}
extension InfectionContext.Stability: Snapshottable {}
extension StateCondition.Comparison: Snapshottable {}

extension Vitals: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(heartRate, bloodPressure, temperature, respiratoryRate, oxygenSaturation)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        self.init()
        heartRate = try reader.read()
        bloodPressure = try reader.read()
        temperature = try reader.read()
        respiratoryRate = try reader.read()
        oxygenSaturation = try reader.read()
    }
}

extension PatientFacts: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(weightKg, egfr, creatinineClearance, dialysis, pregnant, conditions, currentMedicines)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(weightKg: reader.read(), egfr: reader.read(), creatinineClearance: reader.read(), dialysis: reader.read(),
                      pregnant: reader.read(), conditions: reader.read(), currentMedicines: reader.read())
    }
}

extension Patient: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(name, age, sex, arrival, complaint, vitals, facts) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(name: reader.read(), age: reader.read(), sex: reader.read(), arrival: reader.read(), complaint: reader.read(),
                      vitals: reader.read(), facts: reader.read())
    }
}

extension DiagnosisSpec: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(accepted, partial, points) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(accepted: reader.read(), partial: reader.read(), points: reader.read())
    }
}

extension CourseEvent.Trigger: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        switch self {
        case .at(let minute): writer.write(0, minute)
        case .after(let pattern, let delay): writer.write(1, pattern, delay)
        }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        switch try Int(from: &reader) {
        case 0: self = .at(try reader.read())
        case 1: self = try .after(reader.read(), delay: reader.read())
        default: throw reader.damaged("not an event trigger")
        }
    }
}

extension CourseEvent: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(id, trigger, unless, ifDone, unlessEvents, ifEvents, message, history, examination, results)
        writer.write(vitals, criticalError, reference, when)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), trigger: reader.read(), unless: reader.read(), ifDone: reader.read(),
                      unlessEvents: reader.read(), ifEvents: reader.read(), message: reader.read(), history: reader.read(),
                      examination: reader.read(), results: reader.read(), vitals: reader.read(), criticalError: reader.read(),
                      reference: reader.read(), when: reader.read())
    }
}

extension Course: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(horizon, events) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(horizon: reader.read(), events: reader.read())
    }
}

extension OutcomeCondition: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(done, notDone, events, notEvents, diagnosed, state) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(done: reader.read(), notDone: reader.read(), events: reader.read(), notEvents: reader.read(),
                      diagnosed: reader.read(), state: reader.read())
    }
}

extension Outcome: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(condition, text) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(condition: reader.read(), text: reader.read())
    }
}

extension Rubric: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(passMark, weights, criticalPenalty, safetyErrorPenalty, maxUnnecessaryTests, unlisted, items, maxPrescribingErrors)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(passMark: reader.read(), weights: reader.read(), criticalPenalty: reader.read(),
                      safetyErrorPenalty: reader.read(), maxUnnecessaryTests: reader.read(), unlisted: reader.read(),
                      items: reader.read(), maxPrescribingErrors: reader.read())
    }
}

extension RubricItem.Match: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        switch self {
        case .action(let pattern): writer.write(0, pattern)
        case .any(let patterns): writer.write(1, patterns)
        case .all(let patterns): writer.write(2, patterns)
        case .anyGroup(let groups): writer.write(3, groups)
        }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        switch try Int(from: &reader) {
        case 0: self = .action(try reader.read())
        case 1: self = .any(try reader.read())
        case 2: self = .all(try reader.read())
        case 3: self = .anyGroup(try reader.read())
        default: throw reader.damaged("not a rubric match")
        }
    }
}

extension RubricItem: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(id, tier, match, criterion, points, within, feedbackMet, feedbackMissed, feedbackLate, reference)
        writer.write(criticalError, critical, afterEvent, beforeEvent, afterResult, line, atLeast, totalDose, criticalAfter)
    }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), tier: reader.read(), match: reader.read(), criterion: reader.read(), points: reader.read(),
                      within: reader.read(), feedbackMet: reader.read(), feedbackMissed: reader.read(), feedbackLate: reader.read(),
                      reference: reader.read(), criticalError: reader.read(), critical: reader.read(), afterEvent: reader.read(),
                      beforeEvent: reader.read(), afterResult: reader.read(), line: reader.read(), atLeast: reader.read(),
                      totalDose: reader.read(), criticalAfter: reader.read())
    }
}

extension SelfTest: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(name, expect, band, criticalErrors, outcome, transcript, line, commands)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(name: reader.read(), expect: reader.read(), band: reader.read(), criticalErrors: reader.read(),
                      outcome: reader.read(), transcript: reader.read(), line: reader.read(), commands: reader.read())
    }
}

extension InfectionContext: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(context, unstableAfter) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(context: reader.read(), unstableAfter: reader.read())
    }
}

extension LadderUse: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(ladderID, start, startReason, redFlags, failures, exclude, line, review, functionAffected)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(ladderID: reader.read(), start: reader.read(), startReason: reader.read(), redFlags: reader.read(),
                      failures: reader.read(), exclude: reader.read(), line: reader.read(), review: reader.read(),
                      functionAffected: reader.read())
    }
}

extension AcceptedMutation: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(mutation, reason, line, column) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(mutation: reader.read(), reason: reader.read(), line: reader.read(), column: reader.read())
    }
}

extension StateModel: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(variables, phases) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(variables: reader.read(), phases: reader.read())
    }
}

extension StateMotion: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        switch self {
        case .perDay(let rate): writer.write(0, rate)
        case .percentPerDay(let rate): writer.write(1, rate)
        case .toward(let target, let halfLife): writer.write(2, target, halfLife)
        }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        switch try Int(from: &reader) {
        case 0: self = .perDay(try reader.read())
        case 1: self = .percentPerDay(try reader.read())
        case 2: self = try .toward(reader.read(), halfLife: reader.read())
        default: throw reader.damaged("not a state motion")
        }
    }
}

extension StateVariable: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(id, label, unit, baseline, normal, criticalLow, criticalHigh, limits, decimals, course, steps, effects, line)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), label: reader.read(), unit: reader.read(), baseline: reader.read(), normal: reader.read(),
                      criticalLow: reader.read(), criticalHigh: reader.read(), limits: reader.read(), decimals: reader.read(),
                      course: reader.read(), steps: reader.read(), effects: reader.read(), line: reader.read())
    }
}

extension StateStep: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(event, value) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(event: reader.read(), value: reader.read())
    }
}

extension StateEffect: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(pattern, onset, duration, motion, minDailyDose, unlessEvents) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(pattern: reader.read(), onset: reader.read(), duration: reader.read(), motion: reader.read(),
                      minDailyDose: reader.read(), unlessEvents: reader.read())
    }
}

extension StateCondition: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(variable, comparison, threshold) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(variable: reader.read(), comparison: reader.read(), threshold: reader.read())
    }
}

extension StatePhase: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(id, after, delay, until, when, history, examination, results) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), after: reader.read(), delay: reader.read(), until: reader.read(), when: reader.read(),
                      history: reader.read(), examination: reader.read(), results: reader.read())
    }
}
