import Testing
@testable import SpineSimCore

@Suite struct RubricItemsRuleTests {
    func findings(_ lines: [String], yaml: String = Fixtures.scenarioYAML) throws -> [Finding] {
        try RuleFixtures.findings(RubricItemsRule(), lines, yaml: yaml)
    }

    func itemFinding(_ id: String, in findings: [Finding]) throws -> Finding {
        try #require(findings.first { $0.item?.id == id })
    }

    /// Half of an `all:` item earns half its points, is not met, and a critical item not done
    /// in full is a critical error.
    @Test func partOfAnAllItemEarnsItsShare() throws {
        let found = try itemFinding("red-flags", in: try findings(["ask bladder", "end"]))
        #expect(found.criterion == .history)
        #expect(found.earned == 2 && found.available == 4 && found.penalty == 0)
        #expect(found.note == "Partly done: Ask about bladder and saddle sensation. Not done: ask saddle-numbness.")
        #expect(found.criticalError == "Not done: Ask about bladder and saddle sensation.")
        #expect(found.sources == ["GIRFT 2023"])
        #expect(found.item?.met == false && found.item?.points == 2)
    }

    /// An item with a deadline gives a timeliness finding (on time, with its deadline points
    /// met) before the item's own.
    @Test func anItemDoneInTimeIsOnTime() throws {
        let all = try findings(["order mri-lumbar urgent", "end"])
        let index = try #require(all.firstIndex { $0.item?.id == "mri" })
        let deadline = all[index - 1]
        #expect(deadline.criterion == .timeliness)
        #expect(deadline.note == "On time: Urgent MRI. (within 2 hours).")
        #expect(deadline.deadline == Finding.Deadline(points: 5, met: 5))
        #expect(deadline.criticalError == nil)
        #expect(all[index].earned == 5 && all[index].note == "Done well: Urgent MRI.")
        #expect(all[index].item?.onTime == true && all[index].item?.tMin == 0)
    }

    /// A critical item done after its deadline is late: no deadline points, a critical error.
    @Test func aCriticalItemDoneLateIsACriticalError() throws {
        let all = try findings(["wait 3h", "order mri-lumbar urgent", "end"])
        let deadline = try #require(all.first { $0.criterion == .timeliness })
        #expect(deadline.note == "Late: The MRI was requested late (done at day 0 12:00, 3 hours after presentation; deadline 2 hours).")
        #expect(deadline.deadline == Finding.Deadline(points: 5, met: 0))
        #expect(deadline.criticalError == "No urgent MRI within 2 hours (done 3 hours after presentation; deadline 2 hours)")
        #expect(try itemFinding("mri", in: all).item?.onTime == false)
    }

    /// A harmful act costs its points once, under safety (its criterion names it without
    /// deducting again), and a critical one is a critical error; an act not done costs nothing.
    @Test func aHarmfulActCostsSafetyOnce() throws {
        let all = try findings(["perform fusion", "end"])
        let fusion = try itemFinding("fusion", in: all)
        #expect(fusion.criterion == .ladder && fusion.penalty == 0)
        #expect(fusion.note == "Harmful — perform fusion at day 0 09:00: Fusion has no place here. (penalised once, under Safety)")
        #expect(fusion.polarity == .penalty && fusion.acts.map(\.code) == ["fusion"])
        #expect(fusion.item?.points == -5 && fusion.item?.met == true)
        let safety = try #require(all.first { $0.criterion == .safety })
        #expect(safety.penalty == 5 && safety.note == "Harmful — perform fusion at day 0 09:00: Fusion has no place here. (−5)" && safety.sources == ["NICE NG59"])
        #expect(safety.criticalError == "Fusion has no place here.")
        let bedRest = try itemFinding("bed-rest", in: all)
        #expect(bedRest.penalty == 0 && bedRest.note == nil && bedRest.item?.met == false)
    }

    /// An unnecessary test the rubric names counts towards the limit on unindicated tests.
    @Test func anUnnecessaryTestIsCountedAsUnindicated() throws {
        let yaml = Fixtures.scenarioYAML(replacingScanItemWith: """
            - id: xray
              tier: unnecessary
              action: order xray-lumbar
              points: 2
              feedback: {met: Lumbar X-ray is not indicated.}
              reference: NICE NG59
        """)
        let xray = try itemFinding("xray", in: try findings(["order xray-lumbar", "end"], yaml: yaml))
        #expect(xray.criterion == .investigations && xray.penalty == 2)
        #expect(xray.note == "Unnecessary — order xray-lumbar at day 0 09:00: Lumbar X-ray is not indicated. (−2)")
        #expect(xray.unindicatedTests == ["xray-lumbar"] && xray.sources == ["NICE NG59"])
    }

    /// A neutral item is reported, done or not, and scores nothing.
    @Test func aNeutralItemScoresNothing() throws {
        let scan = try itemFinding("scan", in: try findings(["order bladder-scan", "end"]))
        #expect(scan.earned == 0 && scan.available == 0 && scan.penalty == 0 && scan.note == nil)
        #expect(scan.item?.met == true)
    }
}
