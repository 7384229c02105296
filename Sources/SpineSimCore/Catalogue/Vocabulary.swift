/// The verbs of the command language (contract section 2).
public enum Verb: String, CaseIterable, Sendable, Hashable {
    case ask, examine, order, give, advise, refer, perform, stop, admit, discharge
    case wait, diagnose, differential, chart, results, help, note, end

    /// The catalogue list this verb's items come from, if it takes catalogue codes.
    public var itemKind: ItemKind? {
        switch self {
        case .ask: return .question
        case .examine: return .examination
        case .order: return .test
        case .give, .stop: return .medicine
        case .advise: return .advice
        case .refer, .admit: return .service
        case .perform: return .procedure
        default: return nil
        }
    }

    /// Verbs that are clinical actions (graded); the rest are bookkeeping.
    public var isClinicalAction: Bool {
        switch self {
        case .ask, .examine, .order, .give, .advise, .refer, .perform, .stop, .admit, .discharge,
             .diagnose, .differential:
            return true
        default:
            return false
        }
    }

    /// Management decisions: what the ladder criterion judges and what counts as a plan.
    public var isManagement: Bool {
        switch self {
        case .give, .advise, .refer, .perform, .admit, .discharge: return true
        default: return false
        }
    }

    /// Words a trainee may type for the verb.
    public static let aliases: [String: Verb] = [
        "history": .ask, "question": .ask,
        "exam": .examine, "examination": .examine, "check": .examine,
        "request": .order, "investigate": .order, "test": .order,
        "prescribe": .give, "rx": .give, "administer": .give,
        "counsel": .advise, "advice": .advise,
        "referral": .refer,
        "do": .perform,
        "dx": .diagnose, "diagnosis": .diagnose,
        "ddx": .differential, "differentials": .differential,
        "summary": .chart,
        "result": .results,
        "?": .help,
        "quit": .end, "finish": .end, "exit": .end,
    ]
}

/// The lists of the catalogue; codes are namespaced by list.
public enum ItemKind: String, CaseIterable, Sendable, Hashable {
    case question, examination, test, medicine, advice, service, procedure

    /// The catalogue file's key for this list.
    public var listKey: String {
        switch self {
        case .question: return "questions"
        case .examination: return "examinations"
        case .test: return "tests"
        case .medicine: return "medicines"
        case .advice: return "advice"
        case .service: return "services"
        case .procedure: return "procedures"
        }
    }
}

/// The seven grading criteria, in report order.
public enum Criterion: String, CaseIterable, Sendable, Hashable {
    case history, examination, investigations, ladder, timeliness, safety, diagnosis

    /// The criterion an action is judged under unless an item says otherwise.
    public static func defaultFor(_ verb: Verb) -> Criterion {
        switch verb {
        case .ask: return .history
        case .examine: return .examination
        case .order: return .investigations
        case .diagnose, .differential: return .diagnosis
        default: return .ladder
        }
    }

    public var title: String {
        switch self {
        case .history: return "History"
        case .examination: return "Examination"
        case .investigations: return "Investigations"
        case .ladder: return "Management (guideline ladder)"
        case .timeliness: return "Timeliness"
        case .safety: return "Safety"
        case .diagnosis: return "Diagnosis"
        }
    }
}

/// How a rubric judges an action.
public enum Tier: String, CaseIterable, Sendable, Hashable {
    case critical, required, recommended, neutral, unnecessary, harmful

    /// Tiers that earn points when done.
    public var isPositive: Bool { self == .critical || self == .required || self == .recommended }
    /// Tiers that cost points when done.
    public var isPenalty: Bool { self == .unnecessary || self == .harmful }
}

// Slot numbers for per-verb and per-criterion arrays, still used by the grader, the ladder
// judge and pattern lookup. Hashing is the synthesized one.
extension Verb {
    var position: Int { Verb.allCases.firstIndex(of: self) ?? 0 }
}

extension Criterion {
    var position: Int { Criterion.allCases.firstIndex(of: self) ?? 0 }
}
