import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Grader wording a blind examiner found contradicting the rest of the report, each replayed
/// on a case: a criterion's empty line, an on-time line and a sampling rule's advice say only
/// what the log supports. Each failed on integ's build (f29516b) before the fix.
@Suite struct GraderWordingTests {
    static func lines(_ r: GradeReport, _ c: Criterion) -> [String] {
        r.criteria.first { $0.criterion == c }?.feedback ?? []
    }

    /// A premature MRI penalised under Management left Investigations saying "none unnecessary were ordered".
    @Test func aPenalisedOrderIsNotCalledNoneUnnecessary() throws {
        let r = try FeedbackFromTheLogTests.report("lumbar-disc-herniation", ["ask bladder saddle-numbness", "order mri-lumbar urgent", "end"])
        let investigations = Self.lines(r, .investigations)
        #expect(!investigations.joined().contains("none unnecessary"), "\(investigations)")
        #expect(investigations.contains { $0.contains("order mri-lumbar urgent at day 0") && $0.contains("judged under Management") }, "\(investigations)")
        // Without an order, the empty line still says so.
        let none = try FeedbackFromTheLogTests.report("lumbar-disc-herniation", ["ask bladder saddle-numbness", "end"])
        #expect(Self.lines(none, .investigations) == [Scorer.emptyLine(.investigations)], "\(Self.lines(none, .investigations))")
    }

    /// Naproxen 1 g tds (a dose error) was "On time: Prescribed an oral NSAID at the lowest effective dose".
    @Test func onTimeDoesNotPraiseAPenalisedDose() throws {
        let r = try FeedbackFromTheLogTests.report("lumbar-disc-herniation", ["ask medications allergies", "give naproxen 1000mg tds oral", "end"])
        let timeliness = Self.lines(r, .timeliness)
        #expect(!timeliness.contains { $0.hasPrefix("On time:") && $0.contains("lowest effective dose") }, "\(timeliness)")
        #expect(timeliness.contains { $0.hasPrefix("On time, but the act is penalised") && $0.contains("give naproxen 1000 mg tds oral at day 0") }, "\(timeliness)")
    }

    /// HRZE before tissue (a critical error) was "On time: Started anti-TB therapy"; the sampling
    /// advice said a CT-guided biopsy "takes minutes".
    @Test func antiTBBeforeTissueIsNeitherOnTimePraiseNorMinutes() throws {
        let r = try FeedbackFromTheLogTests.report("spinal-tb", ["ask medications allergies", "give anti-tb-therapy 5000mg od oral", "end"])
        let timeliness = Self.lines(r, .timeliness)
        #expect(!timeliness.contains { $0.hasPrefix("On time: Started anti-TB therapy") }, "\(timeliness)")
        let critical = Self.lines(r, .safety).filter { $0.hasPrefix("Critical:") }
        #expect(!critical.isEmpty, "\(Self.lines(r, .safety))")
        #expect(critical.allSatisfy { !$0.contains("takes minutes") && $0.contains("tissue sampling is arranged before treatment") }, "\(critical)")
    }

    /// The antibiotic rule lists blood cultures too: they, and only they, "take minutes".
    @Test func bloodCulturesTakeMinutes() throws {
        let lib = try Repo.lib()
        let rule = try #require(lib.catalogue.samplingRules.first { $0.treatment == "antibiotic" })
        let advice = AntimicrobialSamplingRule.advice(rule, catalogue: lib.catalogue)
        #expect(advice.contains("blood cultures take minutes"), "\(advice)")
        #expect(advice.contains("tissue sampling is arranged before treatment"), "\(advice)")
    }

    /// A late emergency MRI in suspected cauda equina was penalised twice for one delay: by the
    /// case's own deadline (a critical error, the timeliness points) and again by the ladder's
    /// red flag (−6). The case's deadline judges the lateness; the red flag adds no second penalty.
    @Test func aLateUrgentActIsNotAlsoARedFlagIgnored() throws {
        let r = try FeedbackFromTheLogTests.report("cauda-equina", [
            "ask bladder saddle-numbness", "wait 8h", "order mri-lumbar urgent", "refer neurosurgery urgent", "wait 3h", "end",
        ])
        let lines = FeedbackFromTheLogTests.feedback(r)
        #expect(!lines.contains { $0.contains("Red flag ignored") }, "\(lines)")
        #expect(lines.contains { $0.contains("took the urgent path, but late (order mri-lumbar urgent at") }, "\(lines)")
        #expect(!r.passed, "a CES MRI requested eight hours late still fails on the case's critical deadline")
    }
}
