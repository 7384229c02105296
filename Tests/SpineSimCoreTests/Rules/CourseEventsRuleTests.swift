import Testing
@testable import SpineSimCore

@Suite struct CourseEventsRuleTests {
    /// A critical course event that follows from the plan after `end` is a critical error,
    /// said to follow from the plan.
    @Test func aProjectedCriticalEventIsACriticalError() throws {
        let found = try RuleFixtures.findings(CourseEventsRule(), ["end"])
        #expect(found == [Finding(criterion: .safety,
                                  note: "Critical: Reached painless retention before decompression (this follows from the plan at the end of the case)",
                                  sources: ["GIRFT 2023"], criticalError: "Reached painless retention before decompression")])
    }

    @Test func aCriticalEventDuringTheSessionIsNotProjected() throws {
        let found = try RuleFixtures.findings(CourseEventsRule(), ["wait 25h", "end"])
        #expect(found.map(\.note) == ["Critical: Reached painless retention before decompression"])
    }

    @Test func anAvertedEventFindsNothing() throws {
        #expect(try RuleFixtures.findings(CourseEventsRule(), ["perform decompression", "end"]).isEmpty)
    }
}
