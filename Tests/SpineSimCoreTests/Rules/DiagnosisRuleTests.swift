import Testing
@testable import SpineSimCore

@Suite struct DiagnosisRuleTests {
    func findings(_ lines: [String]) throws -> [Finding] {
        try RuleFixtures.findings(DiagnosisRule(), lines)
    }

    @Test func aCorrectDiagnosisEarnsItsPoints() throws {
        let found = try findings(["diagnose ces", "end"])
        var expected = Finding(criterion: .diagnosis, earned: 10, available: 10, note: "Done well: working diagnosis 'ces' is correct.", polarity: .credit)
        expected.acts = found.first?.acts ?? []
        #expect(found == [expected])
        #expect(found.first?.acts.map(\.verb) == [.diagnose])
    }

    @Test func aPartlyRightDiagnosisEarnsHalf() throws {
        let found = try findings(["diagnose slipped disc", "end"])
        #expect(found.first?.earned == 5 && found.first?.available == 10)
        #expect(found.first?.note == "Partly right: 'slipped disc' is part of the picture; the diagnosis was cauda equina syndrome.")
    }

    @Test func noDiagnosisEarnsNothing() throws {
        let found = try findings(["end"])
        #expect(found.first?.earned == 0 && found.first?.available == 10)
        #expect(found.first?.note == "Missed: no working diagnosis was committed (use 'diagnose'); the diagnosis was cauda equina syndrome.")
    }

    @Test func aDifferentialIsNoted() throws {
        let found = try findings(["differential ces lumbar-disc-herniation", "end"])
        #expect(found.count == 2)
        #expect(found.last?.note?.hasPrefix("Differential recorded: ") == true)
        #expect(found.last?.earned == 0 && found.last?.available == 0)
    }
}
