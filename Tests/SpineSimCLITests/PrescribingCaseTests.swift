import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Prescribing in the bundled cases (issue 12): every error names the dose given, the safe
/// range for this patient and the limit's own source; the outcome and the praise follow what
/// was given; a practice-mode warning names no fact about the patient.
@Suite struct PrescribingCaseTests {
    static func grade(_ id: String, _ lines: [String]) throws -> GradeReport {
        try Repo.graded(id, lines, transcriptPath: "\(id)#test")
    }

    static func safety(_ report: GradeReport) -> [String] {
        report.criteria.first { $0.criterion == .safety }?.feedback ?? []
    }

    static func allFeedback(_ report: GradeReport) -> [String] { report.criteria.flatMap(\.feedback) }

    static let osteomyelitis = [
        "ask onset fever recent-infection immunosuppression", "examine vitals lower-limb-power",
        "order blood-culture", "order fbc esr crp renal urgent", "order mri-lumbar urgent", "admit medicine",
        "wait 3h", "diagnose pyogenic-vertebral-osteomyelitis", "refer infectious-diseases", "wait 3d",
    ]

    @Test func dialysisOverdoseNamesDoseRangeAndSourceAndTheOutcomeDoesNotCallItDialysisDosed() throws {
        let report = try Self.grade("vertebral-osteomyelitis", Self.osteomyelitis + ["give flucloxacillin 2g q4h iv", "give tramadol 100mg qds", "wait 1w", "end"])
        #expect(!report.outcome.contains("dialysis-dosed"))
        let safety = Self.safety(report)
        #expect(safety.contains { $0.contains("flucloxacillin 2 g q4h iv is 12 g a day") && $0.contains("(on dialysis): at most 4 g a day")
            && $0.contains("[BNF flucloxacillin (renal impairment") })
        #expect(safety.contains { $0.contains("tramadol 100 mg qds oral is 400 mg a day") && $0.contains("[BNF tramadol") })
        #expect(report.criticalErrors.contains { $0.contains("flucloxacillin 2 g q4h iv is 12 g a day") })
        #expect(!Self.allFeedback(report).contains { $0.contains("dose-adjusted for dialysis") })
    }

    @Test func aCorrectDialysisDoseHasNoError() throws {
        let report = try Self.grade("vertebral-osteomyelitis", Self.osteomyelitis + ["give flucloxacillin 1g q6h iv", "give paracetamol", "wait 1w", "end"])
        #expect(!Self.safety(report).contains { $0.contains("Dose error") })
    }

    @Test func thePracticeWarningNamesNoPatientFact() throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == "vertebral-osteomyelitis" })
        var session = Session(scenario: scenario, catalogue: lib.catalogue)
        let text = session.handle("give flucloxacillin 2g q4h iv").lines.map(\.text).joined(separator: "\n")
        #expect(text.contains("check this prescription"))
        #expect(!text.lowercased().contains("dialysis"))
    }

    @Test func aGCADoseInPMRIsNotCreditedAndNamesTheDose() throws {
        let report = try Self.grade("polymyalgia-rheumatica", [
            "ask onset morning-stiffness eye-symptoms", "examine range-of-motion", "order esr crp", "wait 1d",
            "diagnose polymyalgia-rheumatica", "give prednisolone 60mg daily oral", "advise safety-netting", "wait 1w", "end",
        ])
        let all = Self.allFeedback(report)
        #expect(!all.contains { $0.hasPrefix("Done well: Started prednisolone") })
        #expect(Self.safety(report).contains { $0.contains("prednisolone 60 mg daily oral is 60 mg a day") && $0.contains("at most 25 mg a day") })
        #expect(!report.outcome.contains("15 mg"))
        let fifteen = try Self.grade("polymyalgia-rheumatica", [
            "ask onset morning-stiffness eye-symptoms", "examine range-of-motion", "order esr crp", "wait 1d",
            "diagnose polymyalgia-rheumatica", "give prednisolone 15mg daily oral", "advise safety-netting", "wait 1w", "end",
        ])
        #expect(Self.allFeedback(fifteen).contains { $0.hasPrefix("Done well: Started prednisolone") })
        #expect(!Self.safety(fifteen).contains { $0.contains("prednisolone") && $0.contains("Dose error") })
    }

    static let fracture = ["ask onset trauma medications", "examine palpation", "order xray-lumbar", "wait 1d",
                           "diagnose osteoporotic-vertebral-fracture"]

    @Test func combinationsCountTheCurrentMedicinesUntilStopped() throws {
        let bare = try Self.grade("osteoporotic-fracture", Self.fracture + ["give diclofenac", "end"])
        let lines = Self.safety(bare).filter { $0.hasPrefix("Dangerous combination") }
        #expect(lines.count == 2)
        #expect(lines.contains { $0.contains("prednisolone (already taken)") && $0.contains("gastroprotection") })
        #expect(lines.contains { $0.contains("methotrexate (already taken)") && $0.contains("aged 72") })
        let protected = try Self.grade("osteoporotic-fracture", Self.fracture + ["give omeprazole", "stop methotrexate", "give diclofenac", "end"])
        #expect(!Self.safety(protected).contains { $0.hasPrefix("Dangerous combination") })
    }

    @Test func anOpioidWithAGabapentinoidAt72CitesTheMHRA() throws {
        let report = try Self.grade("osteoporotic-fracture", Self.fracture + ["give codeine", "give pregabalin", "end"])
        #expect(Self.safety(report).contains { $0.hasPrefix("Dangerous combination") && $0.contains("pregabalin") && $0.contains("codeine phosphate")
            && $0.contains("aged 72") && $0.contains("[MHRA Drug Safety Update (October 2019") })
        let young = try Self.grade("mechanical-strain", ["ask onset", "give codeine", "give pregabalin", "end"])
        #expect(!Self.safety(young).contains { $0.hasPrefix("Dangerous combination") })
    }

    @Test func aBisphosphonateBeforeVitaminDInDeficiency() throws {
        let start = ["ask onset", "order calcium vitamin-d", "wait 3d", "diagnose osteomalacia"]
        let early = try Self.grade("osteomalacia", start + ["give alendronate", "end"])
        #expect(Self.safety(early).contains { $0.hasPrefix("Dangerous combination") && $0.contains("vitamin D deficiency") })
        let repleting = try Self.grade("osteomalacia", start + ["give colecalciferol 4000units daily", "give alendronate", "end"])
        #expect(!Self.safety(repleting).contains { $0.hasPrefix("Dangerous combination") })
    }

    @Test func zoledronicAcid5mgAtEGFR33IsContraindicated() throws {
        let report = try Self.grade("multiple-myeloma", ["order calcium renal urgent", "wait 1h", "give zoledronic-acid", "end"])
        #expect(report.criticalErrors.contains { $0.contains("zoledronic acid 5 mg once iv") && $0.contains("eGFR 33") })
        #expect(Self.safety(report).contains { $0.hasPrefix("Dangerous combination") && $0.contains("rehydration") })
        let after = try Self.grade("multiple-myeloma", ["order calcium renal urgent", "wait 1h", "admit medicine", "wait 1d",
                                                         "give zoledronic-acid 4mg once iv", "end"])
        #expect(!Self.safety(after).contains { $0.contains("zoledronic") })
    }

    @Test func anInteractionFileNamingAnUnknownDrugIsALocatedError() throws {
        let lib = try Repo.lib()
        let text = "version: 1\ninteractions:\n  - {id: x, drugs: [\"class:nsaid\", naproxn], message: m, source: s}\n"
        #expect(throws: LoadFailure.self) {
            _ = try CatalogueLoader.overlay(lib.catalogue, catalogue: nil, diagnoses: nil, interactions: (text, "d/catalogue/interactions.yaml"))
        }
        do {
            _ = try CatalogueLoader.overlay(lib.catalogue, catalogue: nil, diagnoses: nil, interactions: (text, "d/catalogue/interactions.yaml"))
        } catch {
            #expect(error.diagnostics.map(\.description).contains { $0.hasPrefix("d/catalogue/interactions.yaml:3:") && $0.contains("naproxn") })
        }
    }
}
