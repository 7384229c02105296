import Testing
@testable import SpineSimCore

@Suite struct PrescribingSafetyRuleTests {
    /// A dose above the daily maximum costs the rubric's safety-error penalty (3 by default)
    /// under safety, citing the medicine's BNF entry.
    @Test func aDoseErrorCostsSafety() throws {
        let found = try RuleFixtures.findings(PrescribingSafetyRule(), ["give naproxen 500mg q8h", "end"])
        #expect(found.count == 1)
        #expect(found.first?.criterion == .safety && found.first?.penalty == 3)
        #expect(found.first?.note?.hasPrefix("Dose error at ") == true)
        #expect(found.first?.note?.hasSuffix("(−3).") == true)
        #expect(found.first?.sources == ["BNF naproxen"])
        #expect(found.first?.note?.contains("[BNF naproxen]") == true)
        #expect(found.first?.criticalError == nil)   // 1.5 g a day against 1.25 g: an error
    }

    /// More than twice the patient's maximum is grossly unsafe: a critical error too.
    @Test func aGrossOverdoseIsCritical() throws {
        let found = try RuleFixtures.findings(PrescribingSafetyRule(), ["give naproxen 1000mg q8h", "end"])
        #expect(found.count == 1 && found.first?.penalty == 3)
        #expect(found.first?.note?.hasPrefix("Dose error (critical) at ") == true)
        #expect(found.first?.criticalError?.contains("naproxen 1000 mg q8h oral is 3 g a day") == true)
        #expect(found.first?.criticalError?.contains("at most 1.25 g a day") == true)
    }

    @Test func safePrescribingFindsNothing() throws {
        #expect(try RuleFixtures.findings(PrescribingSafetyRule(), ["give paracetamol", "end"]).isEmpty)
    }
}
