import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Prescribing findings of a blind clinician-examiner (issue 12, round three): renal bands for
/// the gabapentinoids, zoledronic acid limits by indication, several errors cannot pass, a
/// bisphosphonate before its calcium and renal results, a before-result error naming what was
/// ordered, and a long-term corticosteroid stopped abruptly.
@Suite struct PrescribingExaminerTests {
    static func grade(_ id: String, _ lines: [String]) throws -> GradeReport {
        try PrescribingCaseTests.grade(id, lines)
    }

    static let myeloma = [
        "ask onset night-pain cancer-history weight-loss", "examine vitals general palpation",
        "order fbc calcium esr renal lft urgent", "wait 1h", "admit medicine", "order spep free-light-chains urgent",
    ]

    @Test func gabapentinoidsFollowTheRenalBands() throws {
        // eGFR 33 at presentation (standing in for creatinine clearance): gabapentin 300-900 mg
        // a day, pregabalin 75-300 mg a day (BNF; SmPCs).
        let gaba = try Self.grade("multiple-myeloma", Self.myeloma + ["give gabapentin 600mg tds oral", "diagnose multiple-myeloma", "end"])
        #expect(PrescribingCaseTests.safety(gaba).contains {
            $0.contains("gabapentin 600 mg tds oral is 1.8 g a day") && $0.contains("at most 900 mg a day") && $0.contains("Neurontin SmPC")
        })
        let pregabalinOK = try Self.grade("multiple-myeloma", Self.myeloma + ["give pregabalin 150mg bd oral", "diagnose multiple-myeloma", "end"])
        #expect(!PrescribingCaseTests.safety(pregabalinOK).contains { $0.contains("pregabalin 150 mg bd oral is") })
        let pregabalinHigh = try Self.grade("multiple-myeloma", Self.myeloma + ["give pregabalin 300mg bd oral", "diagnose multiple-myeloma", "end"])
        #expect(PrescribingCaseTests.safety(pregabalinHigh).contains {
            $0.contains("pregabalin 300 mg bd oral is 600 mg a day") && $0.contains("at most 300 mg a day") && $0.contains("Lyrica SmPC")
        })
        let dialysis = try Self.grade("vertebral-osteomyelitis", PrescribingCaseTests.osteomyelitis + ["give pregabalin 75mg bd oral", "end"])
        #expect(PrescribingCaseTests.safety(dialysis).contains { $0.contains("(on dialysis): at most 75 mg a day") })
    }

    @Test func zoledronicAcidInHypercalcaemiaIsFourMilligramsJudgedOnce() throws {
        let report = try Self.grade("multiple-myeloma", Self.myeloma + ["wait 1d", "give zoledronic-acid 8mg once iv", "diagnose multiple-myeloma", "end"])
        let lines = PrescribingCaseTests.safety(report).filter { $0.contains("zoledronic acid 8 mg once iv") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("(hypercalcaemia): at most 4 mg a dose") == true)
        #expect(!lines.contains { $0.contains("at most 5 mg a day") })
    }

    @Test func twoPrescribingErrorsCannotPassAndSaySoPointingAtSafety() throws {
        let report = try Self.grade("mechanical-strain", [
            "ask onset location radiation severity red-flags medications allergies", "examine vitals palpation neuro",
            "diagnose non-specific-low-back-pain", "advise stay-active reassurance safety-netting",
            "give ibuprofen 800mg qds oral", "give codeine 60mg qds oral", "wait 2w", "end",
        ])
        #expect(!report.passed)
        let reason = try #require(report.failReasons.first { $0.contains("prescribing errors") })
        #expect(reason.hasPrefix("2 prescribing errors"))
        #expect(reason.contains("listed under Safety"))
        #expect(reason.contains("give ibuprofen 800 mg qds oral") && reason.contains("give codeine 60 mg qds oral"))
    }

    @Test func aBisphosphonateBeforeTheCalciumAndRenalResultsIsPenalisedWithTheTimes() throws {
        let report = try Self.grade("osteoporotic-fracture", [
            "ask onset trauma steroid-use medications", "examine palpation spinal-percussion", "order xray-lumbar",
            "order fbc calcium renal", "give alendronate", "diagnose osteoporotic-vertebral-fracture", "wait 3d", "end",
        ])
        let line = try #require(PrescribingCaseTests.safety(report).first { $0.hasPrefix("Acted before the result: give alendronic acid") })
        #expect(line.contains("before the adjusted calcium and phosphate result (due") && line.contains("before the urea and electrolytes"))
        #expect(line.contains("(−2)"))
        #expect(!report.criticalErrors.contains { $0.contains("Acted before the result") })
        #expect(!PrescribingCaseTests.allFeedback(report).contains { $0.hasPrefix("Done well") && $0.contains("alendron") })
    }

    @Test func theBeforeResultErrorNamesTheImagingActuallyOrdered() throws {
        let report = try Self.grade("cauda-equina", [
            "ask onset bladder saddle-numbness", "examine saddle-sensation rectal", "order ct-spine urgent",
            "refer spinal-surgery urgent", "perform decompression", "diagnose cauda-equina-syndrome", "wait 1d", "end",
        ])
        let error = try #require(report.criticalErrors.first { $0.hasPrefix("Acted before the result") })
        #expect(error.contains("with no MRI of the lumbar spine or MRI of the whole spine requested (only CT of the spine, due"))
        #expect(!error.contains("before the MRI"))
    }

    @Test func stoppingALongTermCorticosteroidAbruptlyIsAWithdrawalError() throws {
        let report = try Self.grade("osteoporotic-fracture", [
            "ask onset trauma steroid-use medications", "examine palpation", "stop prednisolone",
            "diagnose osteoporotic-vertebral-fracture", "wait 1d", "end",
        ])
        #expect(PrescribingCaseTests.safety(report).contains {
            $0.hasPrefix("Withdrawal error") && $0.contains("stop prednisolone") && $0.contains("[BNF corticosteroids")
        })
        // Stopping a medicine the patient does not take long term is no error.
        let other = try Self.grade("mechanical-strain", ["ask onset", "give naproxen", "stop naproxen", "diagnose non-specific-low-back-pain", "end"])
        #expect(!PrescribingCaseTests.safety(other).contains { $0.hasPrefix("Withdrawal error") })
    }
}
