import Testing
@testable import SpineSimCore

@Suite struct TimelinessRuleTests {
    @Test func noDeadlinesIsSaid() throws {
        let found = try RuleFixtures.findings(TimelinessRule(), ["end"], earlier: [Finding(criterion: .history, earned: 1, available: 1)])
        #expect(found == [Finding(criterion: .timeliness, note: "No time-critical actions in this case.")])
        // A deadline worth no points is no time-critical action either.
        let free = [Finding(criterion: .timeliness, deadline: .init(points: 0, met: 0))]
        #expect(try RuleFixtures.findings(TimelinessRule(), ["end"], earlier: free).count == 1)
    }

    @Test func aDeadlineWithPointsSaysNothing() throws {
        let earlier = [Finding(criterion: .timeliness, deadline: .init(points: 5, met: 0))]
        #expect(try RuleFixtures.findings(TimelinessRule(), ["end"], earlier: earlier).isEmpty)
    }
}
