/// What every grading rule reads: the finished session, its case's plan, and what is worked
/// out from the session once for all rules.
struct GradingContext {
    let session: Session
    let plan: GradingPlan
    /// The session run on to its horizon after `end` (the course that follows from the plan).
    let projected: Session
    /// The actions judged: every action except diagnoses before the final one.
    let candidates: [PerformedAction]
    /// The candidates by verb, in order (a pattern only matches actions of its own verb).
    let candidatesByVerb: [Verb: [PerformedAction]]
    /// The working diagnosis committed, if any, and whether it is an accepted one.
    let diagnosisGiven: String?
    let diagnosisCorrect: Bool
    /// Every act done before a result it depends on (`TimelinessRule.early`): the rubric
    /// items' rule does not praise these acts and the timeliness rule judges them.
    private(set) var actedEarly: [(action: PerformedAction, dependency: TimelinessRule.Dependency, awaited: [[String]])] = []

    init(session: Session, plan: GradingPlan) {
        self.session = session
        self.plan = plan
        projected = session.projected()
        let finalDiagnosis = session.actions.last { $0.verb == .diagnose }
        candidates = session.actions.filter { $0.verb != .diagnose || $0 == finalDiagnosis }
        candidatesByVerb = Dictionary(grouping: candidates, by: \.verb)
        diagnosisGiven = session.diagnosisText
        diagnosisCorrect = session.diagnosisText.map { plan.acceptedDiagnoses.contain($0, catalogue: session.catalogue) } ?? false
        actedEarly = TimelinessRule.early(self)
    }

    var scenario: Scenario { plan.scenario }
    var rubric: Rubric { plan.scenario.rubric }
}
