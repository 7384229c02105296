import Foundation
import Testing
@testable import SpineSimCore

@Suite struct LadderRuleTests {
    func findings(_ lines: [String], redFlags: [String] = []) throws -> [Finding] {
        let catalogue = try CatalogueLoader.load(catalogueText: Fixtures.catalogueYAML, cataloguePath: "c.yaml",
                                                 diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "d.yaml",
                                                 ladders: [(LadderTests.ladderYAML, "ladder.yaml")])
        var text = LadderTests.caseYAML
        if !redFlags.isEmpty {
            text = text.replacingOccurrences(of: "  id: test-ladder\n", with: "  id: test-ladder\n  red_flags: [\(redFlags.joined(separator: ", "))]\n")
        }
        let scenario = try ScenarioLoader.loadOrThrow(text: text, path: "test-strain.yaml", catalogue: catalogue)
        var session = Session(scenario: scenario, catalogue: catalogue)
        for line in lines { _ = session.handle(line) }
        let context = GradingContext(session: session, plan: GradingPlan(scenario: scenario, catalogue: catalogue))
        return LadderRule().findings(in: context, earlier: [])
    }

    /// A harmful ladder error costs safety once; the ladder names it without deducting again.
    @Test func aHarmfulErrorCostsSafetyOnce() throws {
        let found = try findings(["advise bed-rest", "end"])
        #expect(found.map(\.criterion) == [.ladder, .safety])
        #expect(found.map(\.penalty) == [0, 3])
        #expect(found.map(\.note) == ["Harmful — advise bed-rest at day 0 09:00: Bed rest is outdated. (penalised once, under Safety)",
                                      "Harmful — advise bed-rest at day 0 09:00: Bed rest is outdated. (−3)"])
        #expect(found.allSatisfy { $0.sources == ["Cochrane CD007612"] })
    }

    /// Two rungs up with nothing failed is a skip, named with the rung passed over.
    @Test func jumpingTwoRungsIsASkip() throws {
        let found = try findings(["refer neurosurgery", "end"])
        let skip = try #require(found.first)
        #expect(skip.criterion == .ladder && skip.penalty == 4 && skip.sources == ["NG59 specialist"])
        #expect(skip.note?.hasPrefix("Skipped the ladder: refer neurosurgery (specialist care) at ") == true)
        #expect(skip.note?.hasSuffix(" without an indication, passing over structured care (−4)") == true)
    }

    /// With a red flag present the ladder is not judged; the urgent path not taken costs.
    @Test func anIgnoredRedFlagCosts() throws {
        let found = try findings(["refer neurosurgery", "end"], redFlags: ["cauda-equina"])
        #expect(found.count == 1)
        #expect(found.first?.note == "Red flag ignored: suspected CES needed order mri-lumbar urgent within 4 hours. Urgent MRI. (−6)")
        #expect(found.first?.penalty == 6 && found.first?.sources == ["GIRFT 2023"])
        let taken = try findings(["order mri-lumbar urgent", "end"], redFlags: ["cauda-equina"])
        #expect(taken.map(\.note) == ["Done well: the red flag (suspected CES) took the urgent path, not the ladder."])
        #expect(taken.first?.penalty == 0)
    }
}
