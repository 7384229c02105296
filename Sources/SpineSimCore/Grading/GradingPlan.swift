/// What grading needs to know about one case, derived once from the plain scenario, the
/// catalogue and the case's ladder: which patterns are listed and judged, each rubric item's
/// wording and cited sources, and the split citations of the course, ladder and prescribing
/// references. Build it once per case and grade every transcript of that case with it.
public struct GradingPlan: Sendable {
    public let scenario: Scenario
    /// The guideline ladder the case is judged on, with how the case uses it.
    let ladder: (ladder: Ladder, use: LadderUse)?
    /// The rubric's and ladder's patterns: an action none of them matches is "unlisted".
    let listed: PatternLookup
    /// Every pattern the rubric names: the ladder leaves these acts to the rubric.
    let judged: PatternLookup
    /// The rubric's items with their feedback wording, in rubric order.
    let items: [PlannedItem]
    /// The course's, ladder's and prescribing reference texts split into their sources.
    let citationSources: [String: [String]]
    /// `diagnosis.accepted` and `diagnosis.partial`, ready to match what a trainee commits to.
    let acceptedDiagnoses: DiagnosisNames
    let partialDiagnoses: DiagnosisNames
    /// The catalogue's name for the first accepted diagnosis (as written if the catalogue has
    /// none), which feedback and reports give as "the diagnosis".
    public let acceptedDiagnosisName: String
    /// The commands of the first passing self-test: "what an expert would have done".
    public let expertPath: [String]
    /// The tests of the catalogue panels the rubric credits (`PanelIndication`): the case's
    /// recommended work-up, never "not indicated", listed or not.
    let workUpTests: Set<String>

    public init(scenario: Scenario, catalogue: Catalogue) {
        self.scenario = scenario
        let ladder = scenario.ladder.flatMap { use in catalogue.ladders[use.ladderID].map { (ladder: $0, use: use) } }
        self.ladder = ladder
        listed = PatternLookup(Self.listedPatterns(rubric: scenario.rubric, ladder: ladder))
        judged = PatternLookup(scenario.rubric.items.flatMap(\.patterns))
        items = scenario.rubric.items.map { PlannedItem($0, dependencies: catalogue.resultDependencies) }
        var cited = scenario.course.events.compactMap(\.reference) + [PrescribingSafetyRule.reference]
        if let used = ladder?.ladder {
            cited += used.rungs.map(\.reference) + used.errors.map(\.reference) + used.redFlags.map(\.reference)
        }
        var sources: [String: [String]] = [:]
        for reference in cited where sources[reference] == nil { sources[reference] = Citations.split([reference]) }
        citationSources = sources
        acceptedDiagnoses = DiagnosisNames(scenario.diagnosis.accepted, catalogue: catalogue)
        partialDiagnoses = DiagnosisNames(scenario.diagnosis.partial, catalogue: catalogue)
        // A code gives the catalogue's name; the case's own wording stands as written
        // ("Chronic non-specific low back pain", not the entry it is an alias of).
        acceptedDiagnosisName = scenario.diagnosis.accepted.first.map { first in
            catalogue.diagnosis(matching: first).flatMap { $0.code == first ? $0.name : nil } ?? first
        } ?? ""
        expertPath = scenario.selfTests.first { $0.expect == .pass }?.commands ?? []
        workUpTests = Set(PanelIndication.creditedPanels(scenario, catalogue: catalogue).flatMap(\.panel.expands))
    }

    /// The patterns whose acts are not "unlisted": the rubric's, the ladder's errors the case
    /// keeps, and the ladder's rungs except their investigations (an unindicated test stays
    /// unnecessary even when a rung names it).
    static func listedPatterns(rubric: Rubric, ladder: (ladder: Ladder, use: LadderUse)?) -> [ActionPattern] {
        var patterns = rubric.items.flatMap(\.patterns)
        if let (ladder, use) = ladder {
            patterns += ladder.errors.filter { !use.exclude.contains($0.id) }.map(\.pattern)
            patterns += ladder.rungs.flatMap(\.actions).filter { $0.verb != .order }
        }
        return patterns
    }

    /// The sources a reference cites, split once here when the plan knows it.
    func sources(_ reference: String?) -> [String] {
        guard let reference else { return [] }
        return citationSources[reference] ?? Citations.split([reference])
    }
}
