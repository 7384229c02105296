/// What one grading rule found: points earned or lost under a criterion, a feedback line and
/// the sources it cites, and anything that stops the case passing. The `Scorer` folds a
/// session's findings, in order, into its report.
public struct Finding: Sendable, Equatable {
    /// A deadline judged: the item's points, and the part of them earned by acting in time.
    public struct Deadline: Sendable, Equatable {
        public var points: Double
        public var met: Double
    }

    /// One act the finding judges, by verb, code, time and transcript line: an act is judged
    /// once for one fault, and never both credited and penalised in one report.
    public struct Act: Sendable, Hashable {
        public var verb: Verb
        public var code: String
        public var t: Minutes
        /// The transcript line of the command that did it.
        public var line: Int
        /// What was done, as the log has it: "order mri-lumbar urgent", "give naproxen 500 mg bd oral".
        public var text: String

        init(_ action: PerformedAction) {
            verb = action.verb
            code = action.code
            t = action.t
            line = action.line
            let regimen = action.regimen.map(\.description) ?? ""
            text = [action.verb.rawValue, action.code, action.urgent ? "urgent" : "", regimen].filter { !$0.isEmpty }.joined(separator: " ")
        }

        /// The acts and when each was done, from the log: "order mri-lumbar at day 35 09:12".
        static func describe(_ acts: [Act], clock: ClockFace) -> String {
            acts.sorted { ($0.t, $0.line) < ($1.t, $1.line) }.map { "\($0.text) at \(clock.label($0.t))" }.joined(separator: "; ")
        }
    }

    /// Which way a finding judges its acts: credit ("Done well", on time, a correct
    /// diagnosis), penalty (points lost, a harmful act named, a critical error, late), or
    /// neutral (recorded, partly done, an act done but penalised elsewhere).
    public enum Polarity: String, Sendable, Equatable {
        case credit, penalty, neutral
    }

    public var criterion: Criterion
    public var earned: Double = 0
    public var available: Double = 0
    public var penalty: Double = 0
    /// A feedback line under `criterion`, if the finding has one.
    public var note: String?
    /// The sources the note cites.
    public var sources: [String] = []
    public var criticalError: String?
    /// Why the consultation cannot pass whatever its score.
    public var failReason: String?
    /// For the timeliness score.
    public var deadline: Deadline?
    /// The rubric item this finding reports (the report's per-item results).
    public var item: GradeReport.ItemResult?
    /// Tests (by code) ordered without an indication, for the limit on them.
    public var unindicatedTests: [String] = []
    /// The acts this finding praises or penalises (none for findings about omissions).
    public var acts: [Act] = []
    /// Which fault a penalty is for (a rubric item's id, a ladder error's id, "unlisted"):
    /// one act is penalised at most once for one fault.
    public var fault: String?
    /// Credit, penalty or neutral: no act may be both credited and penalised in one report.
    public var polarity: Polarity

    /// What a harmful act's own criterion says in place of a second deduction: a harmful act
    /// costs safety points once (the contract's "safety: every harmful act ... costs safety points").
    static let countedUnderSafety = "penalised once, under Safety"

    public init(criterion: Criterion, earned: Double = 0, available: Double = 0, penalty: Double = 0, note: String? = nil,
                sources: [String] = [], criticalError: String? = nil, failReason: String? = nil, deadline: Deadline? = nil,
                item: GradeReport.ItemResult? = nil, unindicatedTests: [String] = [], polarity: Polarity? = nil) {
        self.criterion = criterion
        self.earned = earned
        self.available = available
        self.penalty = penalty
        self.note = note
        self.sources = sources
        self.criticalError = criticalError
        self.failReason = failReason
        self.deadline = deadline
        self.item = item
        self.unindicatedTests = unindicatedTests
        self.polarity = polarity ?? (penalty > 0 || criticalError != nil || failReason != nil ? .penalty : .neutral)
    }
}
