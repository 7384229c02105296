import Foundation
import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Feedback a clinician-examiner playing blind found contradicting the log or praising what
/// should not be praised (issue 12, third round), each replayed from the examiner's own
/// transcript. Each failed on the build before the fix.
@Suite struct ColdExaminerFeedbackTests {
    static func feedback(_ id: String, _ lines: [String]) throws -> (lines: [String], outcome: String) {
        let r = try FeedbackFromTheLogTests.report(id, lines)
        return (FeedbackFromTheLogTests.feedback(r), r.outcome)
    }

    static let history = "ask onset duration night-pain fever night-sweats recent-infection immunosuppression iv-drug-use cancer-history weight-loss leg-weakness leg-numbness bladder bowel saddle-numbness medications allergies"

    /// vo_f2: flucloxacillin before the blood cultures; the cultures then grew nothing, yet the
    /// credit read "Took two sets of blood cultures before any antibiotic — they grew MSSA".
    @Test func cultureCreditClaimsNeitherTheOrderNorTheGrowth() throws {
        let r = try Self.feedback("vertebral-osteomyelitis", [
            Self.history, "examine vitals general palpation spinal-percussion neuro skin chest",
            "give flucloxacillin 1g q6h iv", "order blood-culture", "order fbc esr crp renal urgent", "order mri-lumbar urgent",
            "admit medicine", "give paracetamol 1g q6h oral", "wait 3h", "diagnose pyogenic-vertebral-osteomyelitis",
            "refer infectious-diseases", "refer spinal-surgery", "wait 1w", "end",
        ])
        #expect(!r.lines.contains { $0.contains("grew MSSA") }, "\(r.lines)")
        #expect(!r.lines.contains { $0.hasPrefix("Done well") && $0.contains("blood cultures before any antibiotic") }, "\(r.lines)")
    }

    static let sehExam = [
        "ask onset leg-weakness leg-numbness bladder bowel saddle-numbness medications anticoagulants allergies trauma cancer-history",
        "examine vitals", "examine general palpation spinal-percussion neuro saddle-sensation rectal upper-limb-power",
    ]

    /// seh_f2: 10 mg of vitamin K was credited as "(5 mg, BSH)", and `admit medicine` as
    /// "Admitted under the neurosurgeons".
    @Test func haematomaCreditNamesNeitherADoseNorAServiceNotGiven() throws {
        let r = try Self.feedback("spinal-epidural-haematoma", Self.sehExam + [
            "order coagulation fbc renal urgent", "stop warfarin", "give phytomenadione 10mg stat iv", "give dexamethasone 16mg stat iv",
            "order mri-lumbar", "admit medicine", "wait 1d", "refer neurosurgery", "diagnose spinal-epidural-haematoma", "wait 1w", "end",
        ])
        // The guideline dose may be cited as advice ("BSH advises 5 mg"), not as the dose given.
        #expect(!r.lines.contains { $0.hasPrefix("Done") && $0.contains("vitamin K (5 mg") }, "\(r.lines)")
        #expect(!r.lines.contains { $0.contains("under the neurosurgeons") }, "\(r.lines)")
    }

    /// Dexamethasone 8 mg twice a day was credited as "Gave dexamethasone 16 mg at once".
    @Test func dexamethasoneCreditNamesNoDoseNotGiven() throws {
        let r = try Self.feedback("malignancy", ["ask leg-weakness", "give dexamethasone 8mg bd oral", "end"])
        #expect(r.lines.contains { $0.contains("dexamethasone") }, "\(r.lines)")
        #expect(!r.lines.contains { $0.hasPrefix("Done") && $0.contains("dexamethasone 16 mg at once") }, "\(r.lines)")
    }

    /// of_f1 (naproxen only) and of_f2 (paracetamol only) were both told "paracetamol with a
    /// weak opioid suits her", as if both had been given.
    @Test func fractureAnalgesiaCreditClaimsNoDrugNotGiven() throws {
        let exam = ["ask onset duration trauma red-flags leg-numbness medications allergies steroid-use falls-history height-loss previous-fractures",
                    "examine vitals general palpation spinal-percussion neuro"]
        for drug in ["give naproxen 500mg bd oral", "give paracetamol 1g qds oral"] {
            let r = try Self.feedback("osteoporotic-fracture", exam + [drug, "diagnose osteoporotic-vertebral-fracture", "wait 4w", "end"])
            #expect(!r.lines.contains { $0.hasPrefix("Done") && $0.contains("with a weak opioid suits her") }, "\(drug): \(r.lines)")
        }
    }

    /// Good runs with an urgent referral and an operation, without a separate `admit`, read
    /// "Missed: … needs admission": an operation is an admission.
    @Test func anOperationCountsAsAdmission() throws {
        let seh = try Self.feedback("spinal-epidural-haematoma", Self.sehExam + [
            "order coagulation fbc renal group-and-save urgent", "perform catheterisation", "order mri-whole-spine urgent", "stop warfarin",
            "give phytomenadione 5mg stat iv", "give prothrombin-complex-concentrate 2000units stat iv", "refer neurosurgery urgent",
            "give paracetamol 1g q6h iv", "perform log-roll", "diagnose spinal-epidural-haematoma", "wait 2h", "results",
            "perform decompression", "wait 1d", "end",
        ])
        let ces = try Self.feedback("cauda-equina", Self.cesExam + [
            "order bladder-scan", "order mri-lumbar urgent", "refer spinal-surgery urgent", "give paracetamol 1g q6h oral",
            "diagnose cauda-equina-syndrome", "wait 3h", "results", "perform decompression", "wait 1d", "end",
        ])
        for lines in [seh.lines, ces.lines] {
            #expect(!lines.contains { $0.hasPrefix("Missed") && $0.contains("admission") }, "\(lines)")
        }
    }

    static let cesExam = [
        "ask onset duration trauma cauda-equina-questions leg-numbness fever weight-loss cancer-history medications allergies",
        "examine vitals neuro straight-leg-raise saddle-sensation rectal abdomen",
    ]

    /// ces_f2: decompression with no MRI result (a CT ordered a moment before) was "the best
    /// chance of recovering"; the same words stay for decompression on the MRI.
    @Test func blindSurgeryIsNotPraisedInTheOutcome() throws {
        let blind = try Self.feedback("cauda-equina", Self.cesExam + [
            "order ct-spine urgent", "refer spinal-surgery urgent", "perform decompression", "give diazepam 10mg tds oral",
            "diagnose cauda-equina-syndrome", "wait 1d", "end",
        ])
        #expect(!blind.outcome.contains("best chance"), "\(blind.outcome)")
        // The operation before its imaging is a critical error; the admission it also is does not praise it.
        #expect(!blind.lines.contains { $0.hasPrefix("Done well") && $0.contains("hospital") }, "\(blind.lines)")
        let early = try Self.feedback("cauda-equina", Self.cesExam + [
            "order mri-lumbar urgent", "refer spinal-surgery urgent", "perform decompression", "diagnose cauda-equina-syndrome", "wait 1d", "end",
        ])
        #expect(!early.outcome.contains("best chance"), "\(early.outcome)")
        let onMRI = try Self.feedback("cauda-equina", Self.cesExam + [
            "order mri-lumbar urgent", "refer spinal-surgery urgent", "diagnose cauda-equina-syndrome", "wait 3h", "results",
            "perform decompression", "wait 1d", "end",
        ])
        #expect(onMRI.outcome.contains("best chance"), "\(onMRI.outcome)")
    }

    /// One catalogue class, `antistaphylococcal`, decides which antibiotics treat S. aureus bone
    /// and epidural infection: the osteomyelitis patient improves on each of them, and the
    /// epidural abscess's empirical item asks for one of them.
    @Test func antistaphylococcalClassDrivesBothInfectionCases() throws {
        let lib = try Repo.lib()
        let members = Set((lib.catalogue.items[.medicine] ?? []).filter { $0.classes.contains("antistaphylococcal") }.map(\.code))
        #expect(members.isSuperset(of: ["flucloxacillin", "vancomycin", "ceftriaxone", "cefazolin", "linezolid"]), "\(members)")
        #expect(!members.contains("amoxicillin") && !members.contains("metronidazole") && !members.contains("gentamicin"), "\(members)")
        let vo = try #require(lib.scenarios.first { $0.id == "vertebral-osteomyelitis" })
        let crp = try #require(vo.state.variables.first { $0.id == "crp" })
        let treated = Set(crp.effects.compactMap { effect -> String? in
            if case .code(let c) = effect.pattern.target { return c }
            return nil
        })
        #expect(treated == members, "the osteomyelitis CRP follows \(treated.sorted()), the class holds \(members.sorted())")
        let sea = try #require(lib.scenarios.first { $0.id == "spinal-epidural-abscess" })
        let empirical = try #require(sea.rubric.items.first { $0.id == "empirical-antibiotics" })
        #expect(empirical.patterns.map(\.text) == ["give class:antistaphylococcal"])
    }
}
