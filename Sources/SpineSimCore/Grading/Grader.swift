/// Scores a finished session against its scenario's rubric. Pure: the same session gives
/// the same report, byte for byte once rendered.
///
/// Grading runs the rules of `GradingRules` (one judgement a file, under Grading/Rules),
/// each returning `Finding`s, and the `Scorer` folds the findings into the report.
public enum Grader {
    public struct Context: Sendable {
        public var transcriptPath: String
        public var student: String?
        /// The transcript's `# started:` time, carried into xAPI statements.
        public var started: String?

        public init(transcriptPath: String, student: String? = nil, started: String? = nil) {
            self.transcriptPath = transcriptPath
            self.student = student
            self.started = started
        }
    }

    /// Grades a session, building its case's plan first. To grade many transcripts of a case,
    /// build the plan once (`GradingPlan`) and pass it.
    public static func grade(_ session: Session, context: Context) -> GradeReport {
        grade(session, plan: GradingPlan(scenario: session.scenario, catalogue: session.catalogue), context: context)
    }

    /// Grades a session with its case's plan.
    public static func grade(_ session: Session, plan: GradingPlan, context: Context) -> GradeReport {
        let grading = GradingContext(session: session, plan: plan)
        let score = Scorer.fold(GradingRules.run(grading), rubric: plan.scenario.rubric, clock: session.clock)
        let log = grading.eventLog
        let scenario = plan.scenario
        return GradeReport(
            scenarioID: scenario.id, scenarioTitle: scenario.title, transcript: context.transcriptPath,
            score: score.total, maxScore: scenario.rubric.maxScore, passMark: scenario.rubric.passMark, passed: score.passed,
            criticalErrors: score.criticalErrors, failReasons: score.failReasons,
            diagnosisGiven: grading.diagnosisGiven, diagnosisCorrect: grading.diagnosisCorrect, acceptedDiagnosis: plan.acceptedDiagnosisName,
            outcome: grading.outcome, criteria: score.criteria, rejected: log.rejected, events: log.events, items: score.items,
            provenance: .init(version: SpineSimVersion.current, scenarioSHA256: scenario.sha256,
                              catalogueSHA256: session.catalogue.sha256, seed: session.options.seed, student: context.student,
                              catalogueFiles: session.catalogue.files),
            expertPath: plan.expertPath, durationMinutes: session.now, started: context.started,
            hasLadder: plan.ladder != nil)
    }

    /// Replays transcript lines in a fresh session.
    public static func replay(_ transcript: Transcript, scenario: Scenario, catalogue: Catalogue, exam: Bool = false) -> Session {
        Session.replaying(transcript, scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: transcript.seed, exam: exam))
    }
}
