import Testing
@testable import SpineSimCore

@Suite struct GradingPlanTests {
    let plan: GradingPlan

    init() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        plan = GradingPlan(scenario: scenario, catalogue: catalogue)
    }

    func item(_ id: String) throws -> PlannedItem {
        try #require(plan.items.first { $0.item.id == id })
    }

    @Test func itemWordingComesFromItsFeedback() throws {
        let mri = try item("mri")
        #expect(mri.doneWellNote == "Done well: Urgent MRI.")
        #expect(mri.missedNote == "Missed: An urgent MRI was needed.")
        #expect(mri.onTimeNote == "On time: Urgent MRI. (within 2 hours).")
        #expect(mri.missedDeadlineNote == "Missed deadline: An urgent MRI was needed.")
        #expect(mri.lateCriticalError(doneAt: 150, start: 0, within: 120) == "No urgent MRI within 2 hours (done 2 h 30 min after presentation; deadline 2 hours)")
        #expect(try item("bed-rest").penaltyNote == "Harmful: Bed rest is wrong here. (−4)")
        #expect(try item("rectal").onTimeNote == nil)
    }

    /// Without feedback an item is named by its patterns.
    @Test func anItemWithoutFeedbackIsNamedByItsPatterns() throws {
        let scan = try item("scan")
        #expect(scan.label == "order bladder-scan")
        #expect(scan.doneWellNote == "Done well: order bladder-scan")
        #expect(scan.partlyDoneNote(notDone: scan.patterns) == "Partly done: order bladder-scan Not done: order bladder-scan.")
    }

    @Test func referencesAreSplitIntoSources() throws {
        #expect(plan.sources("BNF; NICE NG59 (NSAIDs: lowest effective dose, shortest time)") == ["BNF", "NICE NG59 (NSAIDs: lowest effective dose, shortest time)"])
        #expect(plan.citationSources["GIRFT 2023"] == ["GIRFT 2023"])
        #expect(plan.sources("A; B") == ["A", "B"])
        #expect(plan.sources(nil).isEmpty)
        #expect(try item("red-flags").sources == ["GIRFT 2023"])
    }

    @Test func theExpertPathIsTheFirstPassingSelfTest() {
        #expect(plan.expertPath == ["ask bladder saddle-numbness", "examine rectal", "order mri-lumbar urgent", "wait 2h",
                                    "perform decompression", "diagnose cauda equina syndrome", "end"])
        #expect(plan.acceptedDiagnosisName == "cauda equina syndrome")
    }
}
