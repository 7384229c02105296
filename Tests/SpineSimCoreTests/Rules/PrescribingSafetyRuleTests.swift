import Testing
@testable import SpineSimCore

@Suite struct PrescribingSafetyRuleTests {
    /// A dose above the daily maximum costs the rubric's safety-error penalty (3 by default)
    /// under safety, citing the BNF and NICE.
    @Test func aDoseErrorCostsSafety() throws {
        let found = try RuleFixtures.findings(PrescribingSafetyRule(), ["give naproxen 1000mg q8h", "end"])
        #expect(found.count == 1)
        #expect(found.first?.criterion == .safety && found.first?.penalty == 3)
        #expect(found.first?.note?.hasPrefix("Dose error at ") == true)
        #expect(found.first?.note?.hasSuffix("(−3).") == true)
        #expect(found.first?.sources == ["BNF", "NICE NG59 (NSAIDs: lowest effective dose, shortest time)"])
    }

    @Test func safePrescribingFindsNothing() throws {
        #expect(try RuleFixtures.findings(PrescribingSafetyRule(), ["give paracetamol", "end"]).isEmpty)
    }
}
