/// A virtual patient case, as loaded and validated from its YAML file: plain data. What
/// grading derives from it lives in `GradingPlan`.
///
/// An immutable class: every session and every grade of the case shares one copy.
public final class Scenario: Sendable {
    public let id: String
    public let title: String
    public let setting: Setting
    public let difficulty: Difficulty
    public let tags: [String]
    public let summary: String
    public let references: [String]
    public let patient: Patient
    public let history: [String: [String]]
    public let examination: [String: [String]]
    public let results: [String: ResultSpec]
    public let diagnosis: DiagnosisSpec
    public let course: Course
    public let outcomes: [Outcome]
    public let rubric: Rubric
    /// The guideline ladder the case is judged on, if any.
    public let ladder: LadderUse?
    /// How the shared antimicrobial rule sees the patient (`infection:`), if the case says.
    public let infection: InfectionContext?
    public let selfTests: [SelfTest]
    /// The patient's state as data: values that move with time and treatment (empty for a static case).
    public let state: StateModel
    /// Survivors of the rubric mutation audit the case accepts, each with its reason (`mutation_audit: accept:`).
    public let mutationAudit: [AcceptedMutation]
    /// Where it was loaded from, and the SHA-256 of its text (report provenance).
    public let sourcePath: String
    public let sha256: String

    /// The opaque reference a student transcript uses instead of the id (which names the diagnosis).
    public let opaqueReference: String

    public init(id: String, title: String, setting: Setting, difficulty: Difficulty, tags: [String], summary: String,
                references: [String], patient: Patient, history: [String: [String]], examination: [String: [String]],
                results: [String: ResultSpec], diagnosis: DiagnosisSpec, course: Course, outcomes: [Outcome], rubric: Rubric,
                ladder: LadderUse?, selfTests: [SelfTest], sourcePath: String, sha256: String, state: StateModel = .empty,
                infection: InfectionContext? = nil, mutationAudit: [AcceptedMutation] = []) {
        self.id = id
        self.title = title
        self.setting = setting
        self.difficulty = difficulty
        self.tags = tags
        self.summary = summary
        self.references = references
        self.patient = patient
        self.history = history
        self.examination = examination
        self.results = results
        self.diagnosis = diagnosis
        self.course = course
        self.outcomes = outcomes
        self.rubric = rubric
        self.ladder = ladder
        self.infection = infection
        self.selfTests = selfTests
        self.state = state
        self.mutationAudit = mutationAudit
        self.sourcePath = sourcePath
        self.sha256 = sha256
        opaqueReference = Scenario.opaqueReference(for: id)
    }

    public static func opaqueReference(for id: String) -> String {
        "c" + SHA256.hex("spinesim-case:" + id).prefix(10)
    }
}

public enum Setting: String, CaseIterable, Sendable {
    case primaryCare = "primary-care"
    case emergencyDepartment = "emergency-department"
    case acuteMedicalUnit = "acute-medical-unit"
    case medicalWard = "medical-ward"
    case outpatientClinic = "outpatient-clinic"

    public var label: String {
        switch self {
        case .primaryCare: return "general practice"
        case .emergencyDepartment: return "emergency department"
        case .acuteMedicalUnit: return "acute medical unit"
        case .medicalWard: return "medical ward"
        case .outpatientClinic: return "outpatient clinic"
        }
    }
}

public enum Difficulty: String, CaseIterable, Sendable {
    case introductory, intermediate, advanced
}

public struct Vitals: Sendable, Equatable {
    public var heartRate: Int?
    public var bloodPressure: String?
    public var temperature: Double?
    public var respiratoryRate: Int?
    public var oxygenSaturation: Int?

    public init() {}

    /// These vitals with any value `changes` sets replacing this one's.
    public func updated(with changes: Vitals) -> Vitals {
        var v = self
        if let x = changes.heartRate { v.heartRate = x }
        if let x = changes.bloodPressure { v.bloodPressure = x }
        if let x = changes.temperature { v.temperature = x }
        if let x = changes.respiratoryRate { v.respiratoryRate = x }
        if let x = changes.oxygenSaturation { v.oxygenSaturation = x }
        return v
    }

    public var summary: String {
        var parts: [String] = []
        if let x = heartRate { parts.append("HR \(x)/min") }
        if let x = bloodPressure { parts.append("BP \(x) mmHg") }
        if let x = temperature { parts.append("T \(JSONValue.format(x)) °C") }
        if let x = respiratoryRate { parts.append("RR \(x)/min") }
        if let x = oxygenSaturation { parts.append("SpO2 \(x)%") }
        return parts.isEmpty ? "not recorded" : parts.joined(separator: ", ")
    }
}

public struct Patient: Sendable {
    public var name: String
    public var age: Int
    public var sex: Sex
    public var arrival: Int
    public var complaint: String
    public var vitals: Vitals
    /// What prescribing needs to know (`weight_kg`, `egfr`, `dialysis`, ...); all optional.
    public var facts = PatientFacts()

    public enum Sex: String, Sendable { case male, female }

    public var summary: String { "\(age)-year-old \(sex == .male ? "man" : "woman")" }
}

public struct DiagnosisSpec: Sendable {
    public var accepted: [String]
    public var partial: [String]
    public var points: Double
}

/// A change in the patient at a time, under conditions.
public struct CourseEvent: Sendable {
    public enum Trigger: Sendable {
        case at(Minutes)
        case after(ActionPattern, delay: Minutes)
    }

    public var id: String
    public var trigger: Trigger
    public var unless: [ActionPattern]
    public var ifDone: [ActionPattern]
    public var unlessEvents: [String]
    public var ifEvents: [String]
    public var message: String?
    public var history: [String: [String]]
    public var examination: [String: [String]]
    public var results: [String: ResultSpec]
    public var vitals: Vitals?
    /// When set, the event firing (even in the projected course after `end`) is a critical error.
    public var criticalError: String?
    public var reference: String?
    /// State conditions that must all hold when the event is due (`when: ["crp > 200"]`).
    public var when: [StateCondition] = []
}

public struct Course: Sendable {
    public var horizon: Minutes
    public var events: [CourseEvent]
}

public struct OutcomeCondition: Sendable {
    public var done: [ActionPattern] = []
    public var notDone: [ActionPattern] = []
    public var events: [String] = []
    public var notEvents: [String] = []
    public var diagnosed: Bool?
    /// State conditions on the projected course's end (`state: ["crp > 60"]`).
    public var state: [StateCondition] = []
}

public struct Outcome: Sendable {
    public var condition: OutcomeCondition?
    public var text: String
}

public struct Rubric: Sendable {
    public var passMark: Double
    public var weights: [Criterion: Double]
    public var criticalPenalty: Double
    public var safetyErrorPenalty: Double
    public var maxUnnecessaryTests: Int
    public var unlisted: [Verb: UnlistedRule]
    public var items: [RubricItem]
    /// More prescribing errors than this (penalised prescriptions or stops under Safety) and the
    /// consultation cannot pass (`max_prescribing_errors`, default 1: a teaching and assessment
    /// policy, Docs/grading-policy.md).
    public var maxPrescribingErrors: Int = Rubric.defaultMaxPrescribingErrors

    /// Two or more prescribing errors in one consultation fail it unless a rubric says otherwise.
    public static let defaultMaxPrescribingErrors = 1

    public var maxScore: Double { Criterion.allCases.reduce(0) { $0 + (weights[$1] ?? 0) } }
}

/// One thing the rubric judges, as the case file writes it (its feedback lines are the
/// grader's: see `PlannedItem`). A class because the grader walks every item of a case for
/// every transcript: sharing one immutable object costs one reference count, not one per text.
public final class RubricItem: Sendable {
    public enum Match: Sendable {
        case action(ActionPattern)
        case any([ActionPattern])
        case all([ActionPattern])
        /// Any one group done in full: `any: [refer rehab, {all: [refer psychology, refer physiotherapy]}]`.
        case anyGroup([[ActionPattern]])

        public var patterns: [ActionPattern] {
            switch self {
            case .action(let p): return [p]
            case .any(let ps), .all(let ps): return ps
            case .anyGroup(let groups): return groups.flatMap { $0 }
            }
        }
    }

    public let id: String
    public let tier: Tier
    public let match: Match
    public let criterion: Criterion
    public let points: Double
    public let within: Minutes?
    public let feedbackMet: String?
    public let feedbackMissed: String?
    public let feedbackLate: String?
    public let reference: String?
    public let criticalError: String?
    /// A harmful act that is also a critical error.
    public let critical: Bool
    /// Only actions at or after this course event count, and `within` runs from it; when the
    /// event never happened the item does not apply (a later visit that never came).
    public let afterEvent: String?
    /// Only actions before this course event count (all of them if it never happened).
    public let beforeEvent: String?
    /// Only actions at or after the first of these tests' results reached the trainee count
    /// (`after_result: mri-lumbar`): acting before a result has arrived is acting without it.
    /// If none arrived, nothing counts.
    public let afterResult: [String]
    public let line: Int
    /// How many matching acts make the item done (`at_least: 3`: the third crystalloid bolus);
    /// 1 for most items. With `all:`, each act must be done that many times.
    public let atLeast: Int
    /// `total_dose: 1500mg`: done once the doses of the matching `give` actions add up to at
    /// least this (each `give` line counts its dose once, whatever its frequency).
    public let totalDose: Quantity?
    /// `critical_after: 12h`: done later than this (from the same start as `within`) is a
    /// critical error, not merely late, and so is never doing it. Default: `within` for a
    /// critical item (any lateness is critical), never for the other tiers.
    public let criticalAfter: Minutes?

    /// Every pattern of `match` in order (groups one after another).
    public var patterns: [ActionPattern] { match.patterns }

    public init(id: String, tier: Tier, match: Match, criterion: Criterion, points: Double, within: Minutes?,
                feedbackMet: String?, feedbackMissed: String?, feedbackLate: String?, reference: String?,
                criticalError: String?, critical: Bool, afterEvent: String? = nil, beforeEvent: String? = nil,
                afterResult: [String] = [], line: Int, atLeast: Int = 1, totalDose: Quantity? = nil, criticalAfter: Minutes? = nil) {
        self.id = id
        self.tier = tier
        self.match = match
        self.criterion = criterion
        self.points = points
        self.within = within
        self.feedbackMet = feedbackMet
        self.feedbackMissed = feedbackMissed
        self.feedbackLate = feedbackLate
        self.reference = reference
        self.criticalError = criticalError
        self.critical = critical
        self.afterEvent = afterEvent
        self.beforeEvent = beforeEvent
        self.afterResult = afterResult
        self.line = line
        self.atLeast = atLeast
        self.totalDose = totalDose
        self.criticalAfter = criticalAfter
    }
}

public struct SelfTest: Sendable {
    public enum Expectation: String, Sendable { case pass, fail }

    public var name: String
    public var expect: Expectation
    public var band: ClosedRange<Double>
    public var criticalErrors: [String]
    /// Text the report's one-sentence outcome must contain (`outcome:`); nil checks nothing.
    public var outcome: String? = nil
    public var transcript: String
    public var line: Int
    /// The transcript's command lines, parsed once when the case is loaded.
    public var commands: [String] = []
}

/// A case's `infection:` key: whether the patient is stable with normal neurology (so the
/// catalogue's `samples_before_treatment` rule holds antimicrobials until a sample is taken)
/// or unstable (sepsis, an epidural abscess or a neurological deficit: treatment at once).
public struct InfectionContext: Sendable, Equatable {
    public enum Stability: String, Sendable, CaseIterable { case stable, unstable }
    public var context: Stability
    /// Course events after which a stable patient counts as unstable (sepsis, a new deficit).
    public var unstableAfter: [String]

    public init(context: Stability, unstableAfter: [String] = []) {
        self.context = context
        self.unstableAfter = unstableAfter
    }
}
