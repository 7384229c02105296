import Foundation
import Testing
@testable import SpineSimCore

/// Patterns on dose and frequency, and rubric items that count repeated acts (`at_least`).
@Suite struct CountingTests {
    func pattern(_ text: String) throws -> ActionPattern {
        try ActionPattern.parse(text, catalogue: Fixtures.catalogue()).get()
    }

    func given(_ line: String) throws -> PerformedAction {
        let session = try Fixtures.session([line])
        return try #require(session.actions.first { $0.verb == .give })
    }

    @Test func aDoseBandMatchesDosesInsideItAcrossUnits() throws {
        let band = try pattern("give naproxen 200mg-0.5g")
        #expect(band.dose == DoseBand(low: Quantity(amount: 200, unit: .mg), high: Quantity(amount: 0.5, unit: .g)))
        #expect(band.matches(try given("give naproxen 250mg tds oral")))
        #expect(band.matches(try given("give naproxen 500mg bd oral")))
        #expect(!band.matches(try given("give naproxen 750mg bd oral")))
        #expect(try pattern("give naproxen 250mg").matches(try given("give naproxen 250mg tds")))
        #expect(try pattern("give naproxen 200-300mg").matches(try given("give naproxen 250mg tds")))
    }

    @Test func aFrequencyAndARouteNarrowTogether() throws {
        let p = try pattern("give paracetamol 1g qds iv")
        #expect(p.frequency == .qds && p.route == .iv)
        #expect(p.matches(try given("give paracetamol 1g qds iv")))
        #expect(!p.matches(try given("give paracetamol 1g bd iv")))
        #expect(!p.matches(try given("give paracetamol 1g qds oral")))
    }

    @Test func aWordThatIsNoDoseFrequencyOrRouteIsStillAnError() throws {
        let result = ActionPattern.parse("give naproxen lots", catalogue: try Fixtures.catalogue())
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.message.contains("names more than one item"))
    }

    static let counted = """
        - id: scan
          tier: harmful
          action: order bladder-scan
          at_least: 3
          points: 2
          feedback: {met: Three scans are too many.}
          reference: test
    """

    @Test func anItemWithAtLeastCountsRepeatedActs() throws {
        let yaml = Fixtures.scenarioYAML(replacingScanItemWith: Self.counted)
        func scanItem(_ lines: [String]) throws -> GradeReport.ItemResult {
            let session = try Fixtures.session(lines, yaml: yaml)
            let report = Grader.grade(session, context: .init(transcriptPath: "t.txt"))
            return try #require(report.items.first { $0.id == "scan" })
        }
        let twice = try scanItem(["order bladder-scan", "order bladder-scan", "end"])
        #expect(!twice.met)
        let thrice = try scanItem(["order bladder-scan", "wait 5m", "order bladder-scan", "wait 5m", "order bladder-scan", "end"])
        #expect(thrice.met)
        #expect(thrice.points == -2)
        #expect(thrice.tMin == 12)
    }

    @Test func atLeastMustBeAPositiveWholeNumber() throws {
        let yaml = Fixtures.scenarioYAML(replacingScanItemWith: Self.counted.replacingOccurrences(of: "at_least: 3", with: "at_least: 0"))
        let loaded = ScenarioLoader.load(text: yaml, path: "t.yaml", catalogue: try Fixtures.catalogue())
        #expect(loaded.scenario == nil)
        #expect(loaded.diagnostics.contains { $0.message.contains("at_least") })
    }

    static let cumulative = """
        - id: scan
          tier: harmful
          any: ["give paracetamol"]
          total_dose: 2.5g
          points: 2
          feedback: {met: Too much paracetamol in one day.}
          reference: test
    """

    @Test func anItemWithTotalDoseAddsTheDosesUp() throws {
        let yaml = Fixtures.scenarioYAML(replacingScanItemWith: Self.cumulative)
        func item(_ lines: [String]) throws -> GradeReport.ItemResult {
            let session = try Fixtures.session(lines, yaml: yaml)
            return try #require(Grader.grade(session, context: .init(transcriptPath: "t.txt")).items.first { $0.id == "scan" })
        }
        #expect(try !item(["give paracetamol 1g stat", "wait 1h", "give paracetamol 1g stat", "end"]).met)
        let third = try item(["give paracetamol 1g stat", "wait 1h", "give paracetamol 500mg stat", "wait 1h", "give paracetamol 1000mg stat", "end"])
        #expect(third.met)
        #expect(third.tMin == 122)
    }

    @Test func totalDoseNeedsGivePatterns() throws {
        let yaml = Fixtures.scenarioYAML(replacingScanItemWith: Self.cumulative.replacingOccurrences(of: "give paracetamol", with: "order esr"))
        let loaded = ScenarioLoader.load(text: yaml, path: "t.yaml", catalogue: try Fixtures.catalogue())
        #expect(loaded.diagnostics.contains { $0.message.contains("total_dose counts the doses of medicines given") })
    }
}
