import Testing
@testable import SpineSimCore

@Suite struct UnlistedActsRuleTests {
    /// A test no item names costs the catalogue's `unlisted` points once (by code and urgency),
    /// and counts towards the limit on unindicated tests.
    @Test func anUnlistedTestCostsOncePerCodeAndUrgency() throws {
        let found = try RuleFixtures.findings(UnlistedActsRule(), ["order esr", "order esr", "order esr urgent", "end"])
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.criterion == .investigations && $0.penalty == 1 && $0.unindicatedTests == ["esr"] })
        #expect(found.first?.note == "Unnecessary: order ESR (at day 0 09:00) was not indicated here (−1).")
    }

    /// Listed acts, and verbs the catalogue has no `unlisted` rule for, cost nothing.
    @Test func listedActsAndUnruledVerbsCostNothing() throws {
        #expect(try RuleFixtures.findings(UnlistedActsRule(), ["ask onset", "order mri-lumbar urgent", "examine vitals", "end"]).isEmpty)
    }
}
