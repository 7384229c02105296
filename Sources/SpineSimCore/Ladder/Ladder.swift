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

    /// The escalation a ladder owes once a trial of care has failed (NICE NG59 sciatica: an
    /// MRI and a spinal surgical opinion after about six weeks of failed care), when it is
    /// premature or late, and which of its acts must follow the imaging result.
    public final class Escalation: Sendable {
        public let name: String
        /// The escalation's acts: before the trial has failed, each is premature.
        public let acts: [ActionPattern]
        /// When escalation is owed, from presentation, if the case names no review event.
        public let owedAfter: Minutes
        /// How long after it was owed an escalation becomes a late error.
        public let lateAfter: Minutes
        /// Tests whose result must have been returned before an `afterImaging` act.
        public let imaging: [String]
        public let afterImaging: [ActionPattern]
        /// Acts that are a critical error when premature (a surgical opinion before any trial).
        public let criticalIfPremature: [ActionPattern]
        public let prematurePoints: Double
        public let latePoints: Double
        public let orderPoints: Double
        public let reference: String

        public init(name: String, acts: [ActionPattern], owedAfter: Minutes, lateAfter: Minutes, imaging: [String],
                    afterImaging: [ActionPattern], criticalIfPremature: [ActionPattern] = [], prematurePoints: Double, latePoints: Double, orderPoints: Double, reference: String) {
            self.name = name
            self.acts = acts
            self.owedAfter = owedAfter
            self.lateAfter = lateAfter
            self.imaging = imaging
            self.afterImaging = afterImaging
            self.criticalIfPremature = criticalIfPremature
            self.prematurePoints = prematurePoints
            self.latePoints = latePoints
            self.orderPoints = orderPoints
            self.reference = reference
        }
    }

    /// Acts above rung 1 that are acceptable from the first visit in a case whose patient's
    /// function or work is affected (`function_affected: true`): NG59's exercise programme.
    public final class EarlyActs: Sendable {
        public let acts: [ActionPattern]
        public let reference: String

        public init(acts: [ActionPattern], reference: String) {
            self.acts = acts
            self.reference = reference
        }
    }

    public var id: String
    public var name: String
    public var references: [String]
    public var rungs: [Rung]
    public var escalation: Escalation?
    public var early: EarlyActs?
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
    /// The course event at which the trial of care has failed and escalation is owed
    /// (`review:`); when nil, the ladder's escalation is owed `owed_after` presentation.
    public var review: String?
    /// The patient's function or work is affected: the ladder's early acts are acceptable
    /// from the first visit.
    public var functionAffected = false
}
