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

/// More prescribing errors than the rubric allows (default 1) is a fail reason; only penalties
/// under Safety on a `give` or `stop` count, each finding once.
@Suite struct PrescribingErrorsPassConditionTests {
    static func act(_ verb: Verb, _ code: String, line: Int) -> Finding.Act {
        Finding.Act(PerformedAction(t: 60, verb: verb, code: code, classes: [], urgent: false, regimen: nil, line: line))
    }

    static func error(_ act: Finding.Act) -> Finding {
        var f = Finding(criterion: .safety, penalty: 3, note: "error")
        f.acts = [act]
        return f
    }

    @Test func twoErrorsFailAndOneDoesNot() throws {
        let clock = try RuleFixtures.context(["end"]).session.clock
        let a = Self.error(Self.act(.give, "ibuprofen", line: 1)), b = Self.error(Self.act(.stop, "prednisolone", line: 2))
        #expect(PassConditionsRule.prescribingErrors([a], allowed: 1, clock: clock) == nil)
        let reason = try #require(PassConditionsRule.prescribingErrors([a, b], allowed: 1, clock: clock)?.failReason)
        #expect(reason.hasPrefix("2 prescribing errors in one consultation (more than 1 allowed; each is listed under Safety)"))
        #expect(PassConditionsRule.prescribingErrors([a, b], allowed: 2, clock: clock) == nil)
    }

    @Test func onlySafetyPenaltiesOnPrescriptionsCount() throws {
        let clock = try RuleFixtures.context(["end"]).session.clock
        let test = Self.error(Self.act(.order, "mri-lumbar", line: 1))
        var management = Self.error(Self.act(.give, "codeine", line: 2))
        management.criterion = .ladder
        let credit = Finding(criterion: .safety, note: "fine")
        #expect(PassConditionsRule.prescribingErrors([test, management, credit, Self.error(Self.act(.give, "x", line: 3))], allowed: 1, clock: clock) == nil)
    }
}
