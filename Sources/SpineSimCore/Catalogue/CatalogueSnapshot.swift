// How a loaded catalogue is written to the start-up cache and read back (`Snapshot`). Each
// type writes every stored part in order and reads them back in the same order; a part
// added to a type must be added here too (`CatalogueSnapshotTests` compares every stored
// property of a catalogue read back with the one parsed, and fails on a part left out).

extension Catalogue: Snapshottable {
    /// The loaded catalogue as snapshot bytes: `init(snapshot:)` reads them back as the same
    /// catalogue without parsing its YAML.
    public func snapshot() -> [UInt8] { Snapshot.encode(self) }

    /// A catalogue read back from `snapshot()`'s bytes. Throws when they are damaged or were
    /// written by another build; the caller then loads the catalogue from its files.
    public init(snapshot bytes: [UInt8]) throws(Snapshot.Damaged) {
        self = try Snapshot.decode(Catalogue.self, from: bytes)
    }

    public func write(to writer: inout SnapshotWriter) {
        for kind in ItemKind.allCases { (items[kind] ?? []).write(to: &writer) }
        writer.write(ItemKind.allCases.flatMap { panels[$0] ?? [] }, diagnoses)
        writer.write(defaultTimes, exclusiveClasses, hospitalSettings, unlisted, burdenPolicy, contradictionRules, sha256, files)
        writer.write(ladders, samplingRules, doseErrorPolicy, resultDependencies, interactions, groupsByKind)
    }

    /// Items, panels and diagnoses are added as the loader adds them, which builds the lookup
    /// tables the same way.
    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        self.init()
        for kind in ItemKind.allCases {
            for item in try [CatalogueItem](from: &reader) {
                guard item.kind == kind else { throw reader.damaged("a \(item.kind.listKey) entry among the \(kind.listKey)") }
                add(item)
            }
        }
        add(panels: try reader.read())
        for entry in try [DiagnosisEntry](from: &reader) { addDiagnosis(entry) }
        defaultTimes = try reader.read()
        exclusiveClasses = try reader.read()
        hospitalSettings = try reader.read()
        unlisted = try reader.read()
        burdenPolicy = try reader.read()
        contradictionRules = try reader.read()
        sha256 = try reader.read()
        files = try reader.read()
        ladders = try reader.read()
        samplingRules = try reader.read()
        doseErrorPolicy = try reader.read()
        resultDependencies = try reader.read()
        interactions = try reader.read()
        groupsByKind = try reader.read()
    }
}

extension ItemKind: Snapshottable {}
extension Verb: Snapshottable {}
extension Tier: Snapshottable {}
extension Route: Snapshottable {}
extension Quantity.Unit: Snapshottable {}
extension ResultFlag: Snapshottable {}
extension Patient.Sex: Snapshottable {}
extension Burden.Invasiveness: Snapshottable {}
extension Burden.Cost: Snapshottable {}
// For the case index's cache.
extension Setting: Snapshottable {}
extension Difficulty: Snapshottable {}

extension CatalogueItem: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(kind, code, name, aliases, classes, time, defaultText, testKind, turnaround, stages, defaultResult)
        writer.write(routes, usual, maxDaily, oneOffRoutes, dosing, routeDoses, profile)
    }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(kind: reader.read(), code: reader.read(), name: reader.read(), aliases: reader.read(), classes: reader.read(),
                      time: reader.read(), defaultText: reader.read(), testKind: reader.read(), turnaround: reader.read(),
                      stages: reader.read(), defaultResult: reader.read(), routes: reader.read(), usual: reader.read(),
                      maxDaily: reader.read(), oneOffRoutes: reader.read(), dosing: reader.read(), routeDoses: reader.read(),
                      profile: reader.read())
    }
}

extension Turnaround: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(routine, urgent, hospital) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(routine: reader.read(), urgent: reader.read(), hospital: reader.read())
    }
}

extension TestStage: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(id, name, turnaround) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), name: reader.read(), turnaround: reader.read())
    }
}

extension ResultSpec: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(value, unit, range, flag, interpretation, components, stages) }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(value: reader.read(), unit: reader.read(), range: reader.read(), flag: reader.read(),
                      interpretation: reader.read(), components: reader.read(),
                      stages: reader.nested { (reader) throws(Snapshot.Damaged) in try reader.read() })
    }
}

extension ResultComponent: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(name, value, unit, range, flag) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(name: reader.read(), value: reader.read(), unit: reader.read(), range: reader.read(), flag: reader.read())
    }
}

extension Quantity: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(amount, unit) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(amount: reader.read(), unit: reader.read())
    }
}

extension Frequency: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        // Every case but `everyHours` is its description; that one is "q" and its hours.
        if case .everyHours(let hours) = self { writer.write("q", hours) } else { writer.write(description) }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let name = try String(from: &reader)
        if name == "q" {
            self = .everyHours(try reader.read())
        } else if let frequency = [Frequency.once, .stat, .daily, .bd, .tds, .qds, .weekly, .prn].first(where: { $0.description == name }) {
            self = frequency
        } else {
            throw reader.damaged("'\(name)' is not a frequency")
        }
    }
}

extension Regimen: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(dose, frequency, route, over) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(dose: reader.read(), frequency: reader.read(), route: reader.read(), over: reader.read())
    }
}

extension DoseBand: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(low, high) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(low: reader.read(), high: reader.read())
    }
}

extension PatientCriterion: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(egfrBelow, crclBelow, dialysis, conditions, ageAtLeast, ageBelow, pregnant, dose)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(egfrBelow: reader.read(), crclBelow: reader.read(), dialysis: reader.read(), conditions: reader.read(),
                      ageAtLeast: reader.read(), ageBelow: reader.read(), pregnant: reader.read(), dose: reader.read())
    }
}

extension PerKgDose: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(name, perKg, cap) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(name: reader.read(), perKg: reader.read(), cap: reader.read())
    }
}

extension DoseLimit: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(source, when, maxDose, maxDaily, maxTotal, within, frequencies, perKg, avoid, reduce, lengthenInterval, reason)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        self.init(source: try reader.read())
        when = try reader.read()
        maxDose = try reader.read()
        maxDaily = try reader.read()
        maxTotal = try reader.read()
        within = try reader.read()
        frequencies = try reader.read()
        perKg = try reader.read()
        avoid = try reader.read()
        reduce = try reader.read()
        lengthenInterval = try reader.read()
        reason = try reader.read()
    }
}

extension DoseErrorPolicy: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(multiple, reason, source) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(multiple: reader.read(), reason: reader.read(), source: reader.read())
    }
}

extension InteractionRule: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(id, drugs, message, source, when, unless, unlessDone, unlessDoneAtLeast, critical, onStop)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), drugs: reader.read(), message: reader.read(), source: reader.read())
        when = try reader.read()
        unless = try reader.read()
        unlessDone = try reader.read()
        unlessDoneAtLeast = try reader.read()
        critical = try reader.read()
        onStop = try reader.read()
    }
}

extension TestProfile: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(appliesTo, contains, burden, elsewhere, regionWords) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(appliesTo: reader.read(), contains: reader.read(), burden: reader.read())
        elsewhere = try reader.read()
        regionWords = try reader.read()
    }
}

extension Applicability: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(sex, minAge, maxAge) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(sex: reader.read(), minAge: reader.read(), maxAge: reader.read())
    }
}

extension Burden: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(doseMSv, invasiveness, cost) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(doseMSv: reader.read(), invasiveness: reader.read(), cost: reader.read())
    }
}

extension BurdenPolicy: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(pointsPerMSv, ageFactors, pregnancyFactor, pregnancyAges, invasiveness, cost, maxPerTest)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        self.init()
        pointsPerMSv = try reader.read()
        ageFactors = try reader.read()
        pregnancyFactor = try reader.read()
        pregnancyAges = try reader.read()
        invasiveness = try reader.read()
        cost = try reader.read()
        maxPerTest = try reader.read()
    }
}

extension BurdenPolicy.AgeFactor: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(under, factor) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(under: reader.read(), factor: reader.read())
    }
}

extension ContradictionRule: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(when, targets, because) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(when: reader.read(), targets: reader.read(), because: reader.read())
    }
}

extension ContradictionRule.Condition: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        switch self {
        case .temperatureAtLeast(let degrees): writer.write(0, degrees)
        case .diagnosisMentions(let words): writer.write(1, words)
        case .resultFlagged(let test, let flags): writer.write(2, test, flags)
        case .examinationMentions(let code, let words): writer.write(3, code, words)
        }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        switch try Int(from: &reader) {
        case 0: self = .temperatureAtLeast(try reader.read())
        case 1: self = .diagnosisMentions(try reader.read())
        case 2: self = try .resultFlagged(reader.read(), reader.read())
        case 3: self = try .examinationMentions(reader.read(), reader.read())
        default: throw reader.damaged("not a contradiction condition")
        }
    }
}

extension ContradictionRule.Target: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        switch self {
        case .question(let code): writer.write(0, code)
        case .examination(let code): writer.write(1, code)
        case .result(let code): writer.write(2, code)
        }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        switch try Int(from: &reader) {
        case 0: self = .question(try reader.read())
        case 1: self = .examination(try reader.read())
        case 2: self = .result(try reader.read())
        default: throw reader.damaged("not a contradiction target")
        }
    }
}

extension CataloguePanel: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(kind, code, name, aliases, expands) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(kind: reader.read(), code: reader.read(), name: reader.read(), aliases: reader.read(), expands: reader.read())
    }
}

extension CatalogueGroup: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(name, codes) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(name: reader.read(), codes: reader.read())
    }
}

extension DiagnosisEntry: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(code, name, aliases) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(code: reader.read(), name: reader.read(), aliases: reader.read())
    }
}

extension CatalogueFile: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(name, sha256) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(name: reader.read(), sha256: reader.read())
    }
}

extension UnlistedRule: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(tier, points) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(tier: reader.read(), points: reader.read())
    }
}

extension SamplingRule: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(treatment, samples, reference) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(treatment: reader.read(), samples: reader.read(), reference: reader.read())
    }
}

extension ResultDependency: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(id, acts, needs, critical, points, feedback, reference) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), acts: reader.read(), needs: reader.read(), critical: reader.read(), points: reader.read(),
                      feedback: reader.read(), reference: reader.read())
    }
}

extension ActionPattern: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(verb, target, urgency, text, route, dose, frequency) }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(verb: reader.read(), target: reader.read(), urgency: reader.read(), text: reader.read(), route: reader.read(),
                      dose: reader.read(), frequency: reader.read())
    }
}

extension ActionPattern.Target: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        switch self {
        case .anyItem: writer.write(0)
        case .code(let code): writer.write(1, code)
        case .itemClass(let name): writer.write(2, name)
        }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        switch try Int(from: &reader) {
        case 0: self = .anyItem
        case 1: self = .code(try reader.read())
        case 2: self = .itemClass(try reader.read())
        default: throw reader.damaged("not a pattern target")
        }
    }
}

extension ActionPattern.Urgency: Snapshottable {
    private static let all: [ActionPattern.Urgency] = [.either, .urgent, .routine]

    public func write(to writer: inout SnapshotWriter) { writer.write(Self.all.firstIndex(of: self) ?? 0) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let index = try Int(from: &reader)
        guard Self.all.indices.contains(index) else { throw reader.damaged("not an urgency") }
        self = Self.all[index]
    }
}

extension Ladder: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(id, name, references, rungs, escalation, early, errors, redFlags)
        writer.write(skipPoints, tooFastPoints, neverClimbedPoints, redFlagPoints)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), name: reader.read(), references: reader.read(), rungs: reader.read(), escalation: reader.read(),
                      early: reader.read(), errors: reader.read(), redFlags: reader.read(), skipPoints: reader.read(),
                      tooFastPoints: reader.read(), neverClimbedPoints: reader.read(), redFlagPoints: reader.read())
    }
}

extension Ladder.Rung: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(level, id, name, actions, reference) }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(level: reader.read(), id: reader.read(), name: reader.read(), actions: reader.read(), reference: reader.read())
    }
}

extension Ladder.ErrorRule: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(id, pattern, tier, points, feedback, reference, harmfulWith, critical, unlessWith)
    }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), pattern: reader.read(), tier: reader.read(), points: reader.read(), feedback: reader.read(),
                      reference: reader.read(), harmfulWith: reader.read(), critical: reader.read(), unlessWith: reader.read())
    }
}

extension Ladder.RedFlag: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(id, name, expect, within, feedback, reference, critical) }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(id: reader.read(), name: reader.read(), expect: reader.read(), within: reader.read(), feedback: reader.read(),
                      reference: reader.read(), critical: reader.read())
    }
}

extension Ladder.Escalation: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.write(name, acts, owedAfter, lateAfter, imaging, afterImaging, criticalIfPremature)
        writer.write(prematurePoints, latePoints, orderPoints, reference)
    }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(name: reader.read(), acts: reader.read(), owedAfter: reader.read(), lateAfter: reader.read(), imaging: reader.read(),
                      afterImaging: reader.read(), criticalIfPremature: reader.read(), prematurePoints: reader.read(),
                      latePoints: reader.read(), orderPoints: reader.read(), reference: reader.read())
    }
}

extension Ladder.EarlyActs: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(acts, reference) }

    public convenience init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        try self.init(acts: reader.read(), reference: reader.read())
    }
}
