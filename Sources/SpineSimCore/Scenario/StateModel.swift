/// A case's patient state as data (the `state:` key): the variables that change with
/// virtual time and treatment, and the phases whose wording replaces the static history,
/// examination and results while they last. Plain data; `PatientState` computes values.
public struct StateModel: Sendable {
    public var variables: [StateVariable]
    public var phases: [StatePhase]

    public init(variables: [StateVariable] = [], phases: [StatePhase] = []) {
        self.variables = variables
        self.phases = phases
    }

    /// No state: every value is the case's static one.
    public static let empty = StateModel()

    public var isEmpty: Bool { variables.isEmpty && phases.isEmpty }

    public func variable(_ id: String) -> StateVariable? {
        variables.first { $0.id == id }
    }
}

/// How a value moves per day: by a fixed amount, by a fraction of itself, or toward a
/// target with a half-life (an exponential approach).
public enum StateMotion: Sendable, Equatable {
    case perDay(Double)
    case percentPerDay(Double)
    case toward(Double, halfLife: Minutes)
}

/// One variable of the patient's state: CRP, temperature, adjusted calcium, a neurological grade.
public struct StateVariable: Sendable {
    /// Kebab-case id, used in `{id}` result values, conditions and the vitals names
    /// (`temperature`, `heart-rate`, `respiratory-rate`, `oxygen-saturation`).
    public var id: String
    /// How the chart and the trend lines name it ("CRP").
    public var label: String
    public var unit: String
    public var baseline: Double
    /// The reference range: a value outside it is flagged high or low.
    public var normal: ClosedRange<Double>?
    /// Values at or beyond these are flagged critical.
    public var criticalLow: Double?
    public var criticalHigh: Double?
    /// What the body can reach: every computed value is kept inside.
    public var limits: ClosedRange<Double>
    public var decimals: Int
    /// The natural course, while no treatment effect acts on the variable.
    public var course: StateMotion?
    /// Values set when a course event fires.
    public var steps: [StateStep]
    public var effects: [StateEffect]
    public var line: Int
}

/// A value the variable jumps to when a course event fires.
public struct StateStep: Sendable {
    public var event: String
    public var value: Double
}

/// What an action does to a variable: from `onset` after it, the variable moves by
/// `motion` (replacing the natural course) for `duration`, or, for a medicine, until it is
/// stopped or prescribed again.
public struct StateEffect: Sendable {
    public var pattern: ActionPattern
    public var onset: Minutes
    public var duration: Minutes?
    public var motion: StateMotion
    /// The smallest daily dose (mg) that works; a lower dose has no effect.
    public var minDailyDose: Double?
    /// Course events that, once fired, stop later actions from having this effect (a
    /// decompression after painless retention no longer restores the bladder).
    public var unlessEvents: [String] = []
}

/// A comparison of a state variable with a number: `crp > 60`.
public struct StateCondition: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable { case below = "<", atMost = "<=", above = ">", atLeast = ">=" }

    public var variable: String
    public var comparison: Comparison
    public var threshold: Double

    public func holds(for value: Double) -> Bool {
        switch comparison {
        case .below: return value < threshold
        case .atMost: return value <= threshold
        case .above: return value > threshold
        case .atLeast: return value >= threshold
        }
    }

    public var description: String { "\(variable) \(comparison.rawValue) \(JSONValue.format(threshold))" }

    /// Parses `crp > 60`; nil when the text is not `name op number`.
    public static func parse(_ text: String) -> StateCondition? {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 3, let comparison = Comparison(rawValue: words[1]), let threshold = Double(words[2]),
              threshold.isFinite else { return nil }
        return StateCondition(variable: words[0], comparison: comparison, threshold: threshold)
    }
}

/// A stretch of the case with its own wording: from `delay` after the first action that
/// matches `after` until an action that matches `until`, while every `when` holds.
/// Later phases win over earlier ones, and any phase over course events and the static text.
public struct StatePhase: Sendable {
    public var id: String
    public var after: ActionPattern?
    public var delay: Minutes
    public var until: [ActionPattern]
    public var when: [StateCondition]
    public var history: [String: [String]]
    public var examination: [String: [String]]
    public var results: [String: ResultSpec]
}
