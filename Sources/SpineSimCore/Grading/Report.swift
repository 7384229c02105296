/// The version reports name in their provenance.
public enum SpineSimVersion {
    public static let current = "0.1.0"
}

/// A graded consultation: the contract's report (section 6) as a value.
public struct GradeReport: Sendable {
    public struct CriterionResult: Sendable {
        public var criterion: Criterion
        public var score: Double
        public var maxScore: Double
        public var feedback: [String]
        public var references: [String]
    }

    public struct ItemResult: Sendable, Equatable {
        public var id: String
        public var tier: Tier
        public var criterion: Criterion
        public var met: Bool
        public var points: Double
        public var tMin: Minutes?
        public var onTime: Bool?
    }

    public struct Rejected: Sendable {
        public var line: Int
        public var text: String
        public var reason: String
    }

    public struct EventRecord: Sendable {
        public var tMin: Minutes
        public var command: String
        /// What the simulator answered, line by line; joined only by the reports that print it.
        public var responseLines: [OutputLine]
        /// The answer as one text, lines separated by newlines.
        public var response: String { responseLines.map(\.text).joined(separator: "\n") }
    }

    public struct Provenance: Sendable {
        public var version: String
        public var scenarioSHA256: String
        public var catalogueSHA256: String
        public var seed: UInt64
        public var student: String?
        /// Every catalogue file with its hash when a folder's overlay was used; empty otherwise.
        public var catalogueFiles: [CatalogueFile] = []
    }

    public var scenarioID: String
    public var scenarioTitle: String
    public var transcript: String
    public var score: Double
    public var maxScore: Double
    public var passMark: Double
    public var passed: Bool
    public var criticalErrors: [String]
    public var failReasons: [String]
    public var diagnosisGiven: String?
    public var diagnosisCorrect: Bool
    public var acceptedDiagnosis: String
    public var outcome: String
    public var criteria: [CriterionResult]
    public var rejected: [Rejected]
    public var events: [EventRecord]
    public var items: [ItemResult]
    public var provenance: Provenance
    public var expertPath: [String]
    /// Virtual minutes the consultation lasted.
    public var durationMinutes: Minutes
    /// When the attempt started (the transcript's `# started:`), if known.
    public var started: String?
    /// Whether the case is judged on a guideline ladder: a case without one has its
    /// management section titled "Management", not "Management (guideline ladder)".
    public var hasLadder: Bool = true

    /// The section title of a criterion as this case has it.
    public func title(of criterion: Criterion) -> String {
        criterion == .ladder && !hasLadder ? "Management" : criterion.title
    }
}
