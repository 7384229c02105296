/// The rubric mutation audit of one case: every variant of the expert path
/// (`MutationGenerator`) graded with the case's own grader, and the ones that show a gap in
/// the rubric. A variant is a finding when it scores no lower than the expert path (a
/// "survivor": the rubric cannot tell the change), or when it bears on a critical item and
/// still passes. A case accepts a finding only with a written reason (`mutation_audit:
/// accept:`); the rest are unexplained. Pure.
public struct MutationAudit: Sendable {
    /// One graded variant.
    public struct Variant: Sendable {
        public var mutation: Mutation
        public var score: Double
        public var passed: Bool
        /// Lines of the variant the session did not understand: a fault of the generator.
        public var rejected: [String]
        /// Scores no lower than the expert path.
        public var survived: Bool
        /// Bears on a critical item (or critical course event) and still passes.
        public var criticalPass: Bool

        public var isFinding: Bool { survived || criticalPass }
    }

    public let scenarioID: String
    public let sourcePath: String
    /// The expert path's self-test, and its grade.
    public let expertTest: String?
    public let expertScore: Double
    public let maxScore: Double
    public let variants: [Variant]
    /// Findings the case accepts, each with its reason.
    public let accepted: [(variant: Variant, acceptance: AcceptedMutation)]
    /// Findings no reason covers.
    public let unexplained: [Variant]
    /// Accepted ids that are not (or no longer) findings: warnings at the accept entry.
    public let warnings: [Diagnostic]

    public var findings: [Variant] { variants.filter(\.isFinding) }

    /// Generates, grades and judges every variant of the case's expert path.
    public static func run(_ scenario: Scenario, catalogue: Catalogue) -> MutationAudit {
        let plan = GradingPlan(scenario: scenario, catalogue: catalogue)
        let expert = MutationGenerator.expertTest(of: scenario)
        let seed = expert.map { Transcript.parse($0.transcript).seed } ?? 0
        func grade(_ lines: [String]) -> (GradeReport, [String]) {
            let transcript = Transcript(lines: lines.enumerated().map { Transcript.Line(number: $0.offset + 1, text: $0.element) })
            let session = Session.replaying(transcript, scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: seed))
            let report = Grader.grade(session, plan: plan, context: .init(transcriptPath: "\(scenario.sourcePath)#mutation"))
            return (report, report.rejected.map { "\($0.text): \($0.reason)" })
        }
        let expertLines = expert.map { Transcript.parse($0.transcript).lines.map(\.text) } ?? []
        let (expertReport, _) = grade(expertLines)
        let variants = MutationGenerator.variants(of: scenario, catalogue: catalogue).map { mutation in
            let (report, rejected) = grade(mutation.commands)
            return Variant(mutation: mutation, score: report.score, passed: report.passed, rejected: rejected,
                           survived: report.score >= expertReport.score - 1e-9,
                           criticalPass: !mutation.critical.isEmpty && report.passed)
        }
        let acceptances = scenario.mutationAudit
        var accepted: [(variant: Variant, acceptance: AcceptedMutation)] = []
        var unexplained: [Variant] = []
        for v in variants where v.isFinding {
            if let a = acceptances.first(where: { $0.mutation == v.mutation.id }) { accepted.append((v, a)) } else { unexplained.append(v) }
        }
        var warnings: [Diagnostic] = []
        for a in acceptances where !accepted.contains(where: { $0.acceptance.mutation == a.mutation }) {
            let known = variants.contains { $0.mutation.id == a.mutation }
            let message = known
                ? "accepted mutation '\(a.mutation)' is no longer a survivor: remove the acceptance"
                : "accepted mutation '\(a.mutation)' no longer occurs (the expert path has no such act): remove or rename the acceptance"
            warnings.append(Diagnostic(path: scenario.sourcePath, line: a.line, column: a.column, severity: .warning, message: message))
        }
        return MutationAudit(scenarioID: scenario.id, sourcePath: scenario.sourcePath, expertTest: expert?.name,
                             expertScore: expertReport.score, maxScore: expertReport.maxScore, variants: variants,
                             accepted: accepted, unexplained: unexplained, warnings: warnings)
    }

    /// Why a finding matters, in words: `scores 100 (expert 100): the rubric cannot tell`.
    public static func why(_ v: Variant, expertScore: Double) -> String {
        var parts: [String] = []
        let touches = v.mutation.touches.isEmpty ? "" : " (bears on \(v.mutation.touches.joined(separator: ", ")))"
        if v.survived {
            parts.append("scores \(JSONValue.format(v.score)), expert \(JSONValue.format(expertScore)): the rubric cannot tell \(v.mutation.kind.summary)\(touches)")
        }
        if v.criticalPass {
            parts.append("touches critical \(v.mutation.critical.joined(separator: ", ")) and still passes (\(JSONValue.format(v.score)))")
        }
        return parts.joined(separator: "; ")
    }
}
