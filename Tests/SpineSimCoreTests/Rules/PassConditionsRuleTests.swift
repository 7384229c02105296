import Testing
@testable import SpineSimCore

@Suite struct PassConditionsRuleTests {
    let complete = ["diagnose ces", "perform decompression", "end"]

    /// No diagnosis and no plan: a fail reason naming both; no critical errors, no penalty.
    @Test func noDiagnosisOrPlanCannotPass() throws {
        let found = try RuleFixtures.findings(PassConditionsRule(), ["end"])
        #expect(found.map(\.failReason) == ["The consultation ended with no working diagnosis and no management plan; a consultation needs both to pass."])
        #expect(found.allSatisfy { $0.penalty == 0 && $0.criticalError == nil })
    }

    /// More distinct unindicated tests than the rubric allows (4 by default) is a critical
    /// error, and every critical error so far costs the critical penalty (safety / 2 = 5).
    @Test func tooManyUnindicatedTestsIsCritical() throws {
        let earlier = [Finding(criterion: .investigations, unindicatedTests: ["a", "b"]),
                       Finding(criterion: .investigations, unindicatedTests: ["b", "c", "d", "e"]),
                       Finding(criterion: .safety, criticalError: "earlier")]
        let found = try RuleFixtures.findings(PassConditionsRule(), complete, earlier: earlier)
        #expect(found.map(\.criticalError) == ["Indiscriminate investigation: 5 tests without an indication (more than 4)", nil])
        #expect(found.last?.penalty == 10)
        #expect(found.last?.note == "2 critical errors (listed above): −5 each.")
    }

    @Test func aCompleteConsultationWithoutErrorsFindsNothing() throws {
        let earlier = [Finding(criterion: .investigations, unindicatedTests: ["a", "b", "c", "d"])]
        #expect(try RuleFixtures.findings(PassConditionsRule(), complete, earlier: earlier).isEmpty)
    }
}
