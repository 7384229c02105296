/// Something the trainee did, at the virtual minute the command was issued.
///
/// An immutable class: the grader, the ladder judge and the course read every action many
/// times over, and a shared object costs one reference count to copy, not one per part.
public final class PerformedAction: Sendable, Equatable {
    public let t: Minutes
    public let verb: Verb
    /// The catalogue code, or for `diagnose` the diagnosis code (or folded free text).
    public let code: String
    public let classes: Set<String>
    public let urgent: Bool
    public let regimen: Regimen?
    public let line: Int

    public init(t: Minutes, verb: Verb, code: String, classes: Set<String>, urgent: Bool, regimen: Regimen?, line: Int) {
        self.t = t
        self.verb = verb
        self.code = code
        self.classes = classes
        self.urgent = urgent
        self.regimen = regimen
        self.line = line
    }

    /// Equal when every part is: two records of the same act at the same time and line.
    public static func == (lhs: PerformedAction, rhs: PerformedAction) -> Bool {
        lhs.t == rhs.t && lhs.verb == rhs.verb && lhs.code == rhs.code && lhs.classes == rhs.classes
            && lhs.urgent == rhs.urgent && lhs.regimen == rhs.regimen && lhs.line == rhs.line
    }
}

/// How the session was started.
public struct SessionOptions: Sendable, Equatable {
    public var seed: UInt64
    /// Exam mode withholds hints and dose warnings.
    public var exam: Bool

    public init(seed: UInt64 = 0, exam: Bool = false) {
        self.seed = seed
        self.exam = exam
    }
}

/// One line of output with what kind of thing it is, so shells can style it.
public struct OutputLine: Sendable, Equatable {
    public enum Kind: String, Sendable { case info, patient, finding, result, event, warning, rejected, heading }

    public var kind: Kind
    public var text: String
    /// Whether the line reports something abnormal (a result flagged high, low, critical or
    /// abnormal), for shells to highlight.
    public var flagged: Bool
    /// A richer rendering (Unicode sparklines) for a shell writing to a colour terminal;
    /// `text` is the plain one, which logs and reports keep.
    public var rich: String?

    public init(_ kind: Kind, _ text: String, flagged: Bool = false, rich: String? = nil) {
        self.kind = kind
        self.text = text
        self.flagged = flagged
        self.rich = rich
    }
}

/// What a command did: its lines, and whether it was accepted.
public struct Response: Sendable, Equatable {
    public var lines: [OutputLine] = []
    public var accepted: Bool = true
    /// False for blank and comment lines, which are not logged.
    public var logged: Bool = true
    public var endedCase: Bool = false

    public var text: String { lines.map(\.text).joined(separator: "\n") }
}

/// The event log: every command, accepted or rejected, with its time and response.
public struct LogEntry: Sendable, Equatable {
    public var line: Int
    public var t: Minutes
    public var text: String
    public var command: Command?
    public var rejection: String?
    public var response: [OutputLine]
}

/// A result that has come back.
public struct ReceivedResult: Sendable, Equatable {
    public var code: String
    public var name: String
    public var stage: String?
    public var stageName: String?
    public var orderedAt: Minutes
    public var arrivedAt: Minutes
    public var urgent: Bool
    public var spec: ResultSpec
    public var final: Bool
}

/// A result ordered and not yet back.
struct PendingResult: Sendable, Equatable {
    var code: String
    var name: String
    var stage: TestStage?
    var final: Bool
    var due: Minutes
    var orderedAt: Minutes
    var urgent: Bool
    var spec: ResultSpec
    /// The state values the result reports, recorded as measured when it arrives.
    var readings: [StateReading] = []
}

/// A course event that fired, and whether that was only in the projection after `end`.
public struct FiredEvent: Sendable, Equatable {
    public var id: String
    public var t: Minutes
    public var projected: Bool
}

/// A prescribing error found when a medicine was given: a dose, route, frequency,
/// contraindication, duplicate-class or combination error.
public struct SafetyEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case doseAboveMaximum, routeNotAllowed, duplicateClass
        case cumulativeDose, frequencyNotAllowed, doseNotReduced, contraindicated, interaction
        /// A long-term medicine stopped when it must be withdrawn gradually.
        case withdrawal
    }

    public var kind: Kind
    public var t: Minutes
    public var line: Int
    /// What was given, the safe range for this patient and why.
    public var message: String
    /// The limit's own source (catalogue data), when it has one.
    public var source: String?
    /// Grossly unsafe (Docs/design.md, "Prescribing"): a critical error, not only a penalty.
    public var critical: Bool
    /// Whether the limit depends on facts about the patient (kidneys, weight, conditions,
    /// other medicines): the practice-mode warning then names no fact, so that it reveals
    /// nothing the trainee has not found.
    public var patientSpecific: Bool

    public init(kind: Kind, t: Minutes, line: Int, message: String, source: String? = nil, critical: Bool = false,
                patientSpecific: Bool = false) {
        self.kind = kind
        self.t = t
        self.line = line
        self.message = message
        self.source = source
        self.critical = critical
        self.patientSpecific = patientSpecific
    }
}

/// Where the patient is.
public enum CareStatus: Sendable, Equatable {
    case attending
    case admitted(String)
    case discharged
}
