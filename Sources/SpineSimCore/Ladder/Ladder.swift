/// A guideline ladder shared by cases: rungs of care from screening to surgery, the acts
/// that are errors on it, and the red flags that bypass it (NICE NG59 for low back pain).
public struct Ladder: Sendable {
    // Rungs, errors and red flags are immutable classes: the judge reads them for every
    // transcript, and a shared object costs one reference count to copy, not one per text.
    public final class Rung: Sendable {
        public let level: Int
        public let id: String
        public let name: String
        public let actions: [ActionPattern]
        public let reference: String

        public init(level: Int, id: String, name: String, actions: [ActionPattern], reference: String) {
            self.level = level
            self.id = id
            self.name = name
            self.actions = actions
            self.reference = reference
        }
    }

    /// An act that is an error for the condition whatever the rung (bed rest, say).
    public final class ErrorRule: Sendable {
        public let id: String
        public let pattern: ActionPattern
        public let tier: Tier
        public let points: Double
        public let feedback: String
        public let reference: String
        /// Red flags in whose presence this act is harmful rather than merely unnecessary.
        public let harmfulWith: [String]
        /// A critical error (the case fails) in a case without red flags, that is for
        /// non-specific pain (fusion, disc replacement); with red flags the tier stands.
        public let critical: Bool
        /// Acts that make this one no error when either was done (paracetamol is an error
        /// only alone: with an NSAID it is not).
        public let unlessWith: [ActionPattern]

        public init(id: String, pattern: ActionPattern, tier: Tier, points: Double, feedback: String, reference: String, harmfulWith: [String],
                    critical: Bool = false, unlessWith: [ActionPattern] = []) {
            self.id = id
            self.pattern = pattern
            self.tier = tier
            self.points = points
            self.feedback = feedback
            self.reference = reference
            self.harmfulWith = harmfulWith
            self.critical = critical
            self.unlessWith = unlessWith
        }
    }

    /// A red flag: what must happen when it is present, and by when.
    public final class RedFlag: Sendable {
        public let id: String
        public let name: String
        public let expect: [ActionPattern]
        public let within: Minutes?
        public let feedback: String
        public let reference: String
        /// Ignoring it is a critical error in every case that declares it (the MSCC coordinator).
        public let critical: Bool

        public init(id: String, name: String, expect: [ActionPattern], within: Minutes?, feedback: String, reference: String,
                    critical: Bool = false) {
            self.id = id
            self.name = name
            self.expect = expect
            self.within = within
            self.feedback = feedback
            self.reference = reference
            self.critical = critical
        }
    }

    public var id: String
    public var name: String
    public var references: [String]
    public var rungs: [Rung]
    public var errors: [ErrorRule]
    public var redFlags: [RedFlag]
    /// Penalties for judging the order of care.
    public var skipPoints: Double
    public var tooFastPoints: Double
    public var neverClimbedPoints: Double
    public var redFlagPoints: Double

    /// The level of the highest rung an action belongs to, if any.
    public func rungLevel(of action: PerformedAction) -> Int? {
        rungIndex(of: action).map { rungs[$0].level }
    }

    /// Where in `rungs` the highest rung an action belongs to is (the first such on a tie).
    func rungIndex(of action: PerformedAction) -> Int? {
        var best: Int?
        for index in rungs.indices where rungs[index].actions.contains(where: { $0.matches(action) }) {
            if best.map({ rungs[index].level > rungs[$0].level }) ?? true { best = index }
        }
        return best
    }
}

/// How a case uses a ladder.
public struct LadderUse: Sendable {
    public var ladderID: String
    /// The rung care may start on (1 = self-management; 2 for a high-risk STarT Back patient
    /// or one who already failed self-management before presenting).
    public var start: Int
    /// Why it may start higher (shown in feedback).
    public var startReason: String?
    /// Red flags present in this case: they bypass the ladder.
    public var redFlags: [String]
    /// Rung level → the course event after which that rung has failed.
    public var failures: [Int: String]
    /// Ladder errors this case does not apply (by id).
    public var exclude: [String]
    public var line: Int
}
