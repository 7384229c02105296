import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Issue 12's shared rules, over the bundled cases: each is data in the catalogue or the
/// ladder, applied alike in every case that opts in (antimicrobials and samples, fusion and
/// paracetamol on the low-back-pain ladder, the MSCC coordinator).
@Suite struct SharedClinicalRulesTests {
    static func graded(_ id: String, _ lines: [String]) throws -> (findings: [Finding], report: GradeReport) {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        var session = Session(scenario: scenario, catalogue: lib.catalogue)
        for line in lines { _ = session.handle(line) }
        let plan = GradingPlan(scenario: scenario, catalogue: lib.catalogue)
        let context = GradingContext(session: session, plan: plan)
        return (GradingRules.run(context), Grader.grade(session, plan: plan, context: .init(transcriptPath: "t.txt")))
    }

    /// The bundled catalogue holds the rule as data: antibiotics wait for cultures or tissue,
    /// anti-TB therapy for tissue, and the classes it names are on the right entries.
    @Test func theAntimicrobialRuleIsCatalogueData() throws {
        let catalogue = try Repo.lib().catalogue
        let rules = Dictionary(uniqueKeysWithValues: catalogue.samplingRules.map { ($0.treatment, Set($0.samples)) })
        #expect(rules == ["antibiotic": ["culture-sample", "tissue-sample"], "antituberculous": ["tissue-sample"]])
        #expect(catalogue.item(.test, "blood-culture")?.classes.contains("culture-sample") == true)
        #expect(catalogue.item(.test, "ct-guided-biopsy")?.classes.contains("tissue-sample") == true)
        #expect(catalogue.item(.procedure, "abscess-drainage")?.classes.contains("tissue-sample") == true)
    }

    /// Every infection case with antimicrobials declares its context, so the rule reaches it.
    @Test func infectionCasesDeclareTheirContext() throws {
        let lib = try Repo.lib()
        let contexts = Dictionary(uniqueKeysWithValues: lib.scenarios.compactMap { s in s.infection.map { (s.id, $0.context) } })
        #expect(contexts["vertebral-osteomyelitis"] == .stable)
        #expect(contexts["spinal-tb"] == .stable)
        #expect(contexts["paediatric-discitis"] == .stable)
        #expect(contexts["spinal-epidural-abscess"] == .unstable)
    }

    /// Stable: an antibiotic before any culture is critical, naming the drug; after the
    /// cultures the same act is no error.
    @Test func antibioticsWaitForCulturesOnlyBeforeThem() throws {
        let before = try Self.graded("vertebral-osteomyelitis", ["give flucloxacillin 1g q6h iv", "order blood-culture", "end"])
        let critical = before.findings.compactMap(\.criticalError).filter { $0.contains("before any sample") }
        #expect(critical.count == 1)
        #expect(critical.first?.hasPrefix("flucloxacillin (antibiotic) started at ") == true)
        let after = try Self.graded("vertebral-osteomyelitis", ["order blood-culture", "give flucloxacillin 1g q6h iv", "end"])
        #expect(!after.findings.contains { $0.criticalError?.contains("before any sample") == true })
        #expect(!after.report.criticalErrors.contains { $0.lowercased().contains("antibiotic") })
    }

    /// The same rule for TB: tissue (a biopsy or drained pus) before HRZE in a stable patient.
    @Test func antiTBTherapyWaitsForTissue() throws {
        let before = try Self.graded("spinal-tb", ["give anti-tb-therapy", "order ct-guided-biopsy", "end"])
        #expect(before.findings.contains { $0.criticalError?.contains("before any sample") == true })
        let drained = try Self.graded("spinal-tb", ["perform abscess-drainage", "give anti-tb-therapy", "end"])
        #expect(!drained.findings.contains { $0.criticalError != nil && $0.criticalError?.contains("sample") == true })
        // Blood cultures are not tissue: they do not open the way for anti-TB therapy.
        let cultures = try Self.graded("spinal-tb", ["order blood-culture", "give anti-tb-therapy", "end"])
        #expect(cultures.findings.contains { $0.criticalError?.contains("before any sample") == true })
    }

    /// Unstable (sepsis, an abscess, a deficit): the rule says nothing, whatever the order.
    @Test func anUnstablePatientIsTreatedAtOnce() throws {
        let found = try Self.graded("spinal-epidural-abscess", ["give vancomycin 1.5g q12h iv", "order blood-culture", "end"])
        #expect(!found.findings.contains { $0.criticalError?.contains("before any sample") == true })
    }

    /// Fusion for non-specific pain is a critical error from the ladder; paracetamol is an
    /// error only alone.
    @Test func theLadderJudgesFusionAndParacetamolAlone() throws {
        let fusion = try Self.graded("mechanical-strain", ["give naproxen 250mg q8h oral", "perform fusion", "end"])
        #expect(fusion.report.criticalErrors.contains { $0.hasPrefix("Spinal fusion for non-specific low back pain") })
        let alone = try Self.graded("mechanical-strain", ["give paracetamol 1g qds oral", "end"])
        #expect(alone.findings.contains { $0.fault == "paracetamol-alone" && $0.penalty == 1 })
        let beside = try Self.graded("mechanical-strain", ["give naproxen 250mg q8h oral", "give paracetamol 1g qds oral", "end"])
        #expect(!beside.findings.contains { $0.fault == "paracetamol-alone" })
    }

    /// The MSCC coordinator is one critical red flag on the ladder, the same in both MSCC cases.
    @Test func theMSCCCoordinatorIsCriticalInEveryMSCCCase() throws {
        for id in ["malignancy", "spinal-metastasis"] {
            let missed = try Self.graded(id, ["order mri-whole-spine urgent", "end"])
            #expect(missed.report.criticalErrors.contains { $0.contains("MSCC coordinator") }, "\(id)")
            let called = try Self.graded(id, ["refer oncology urgent", "end"])
            #expect(!called.report.criticalErrors.contains { $0.contains("MSCC coordinator") }, "\(id)")
        }
    }

    /// The debrief names the case's own diagnosis as written, not the entry it is an alias of.
    @Test func theDebriefNamesChronicLowBackPain() throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == "chronic-low-back-pain" })
        #expect(GradingPlan(scenario: scenario, catalogue: lib.catalogue).acceptedDiagnosisName == "chronic non-specific low back pain")
        let strain = try #require(lib.scenarios.first { $0.id == "mechanical-strain" })
        #expect(GradingPlan(scenario: strain, catalogue: lib.catalogue).acceptedDiagnosisName == "mechanical low back pain")
    }

    /// The course never reports a value nobody measured: the osteomyelitis patient's
    /// improvement message does not claim a falling CRP.
    @Test func theOsteomyelitisCourseClaimsNoUnmeasuredCRP() throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == "vertebral-osteomyelitis" })
        #expect(!scenario.course.events.contains { $0.message?.contains("CRP is falling") == true })
    }
}
