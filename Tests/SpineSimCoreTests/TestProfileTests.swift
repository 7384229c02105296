import Foundation
import Testing
@testable import SpineSimCore

/// A test's applicability, contained studies and burden (catalogue data), what the session
/// reports from them, and how the grader weighs a needless test's burden.
@Suite struct TestProfileTests {
    /// The fixture catalogue with a PSA for men, a pregnancy test for women of 12-55, a
    /// whole-spine MRI containing the lumbar MRI, burdens on the X-ray and a CT, and a policy.
    static let catalogueYAML = Fixtures.catalogueYAML
        .replacingOccurrences(of: "  perform: {tier: unnecessary, points: 2}\n", with: """
              perform: {tier: unnecessary, points: 2}
            burden_policy:
              points_per_msv: 0.5
              age_factors: [{under: 18, factor: 2}, {under: 45, factor: 1.5}]
              pregnancy_factor: 1.5
              pregnancy_ages: {min: 12, max: 55}
              invasive: {moderate: 2}
              cost: {low: 0, medium: 0.5, high: 1}
              max_per_test: 8
            default_contradictions:
              - when: {result_flagged: {test: calcium, flags: [high, critical]}}
                order: [pth]
                because: has a high calcium
              - when: {finding_mentions: {examine: range-of-motion, words: [severely]}}
                examine: [schober]
                because: has severely restricted spinal movement

            """)
        .replacingOccurrences(of: "    name: MRI lumbar spine\n", with: "    name: MRI lumbar spine\n    region_words: [lumbar, conus, L4, L5]\n")
        .replacingOccurrences(of: "    classes: [imaging, ionising-imaging]\n", with: """
                classes: [imaging, ionising-imaging]
                burden: {dose_msv: 1.5, cost: low}

            """)
        .replacingOccurrences(of: "examinations:\n", with: """
            examinations:
              - {code: range-of-motion, name: range of movement, default: "Full range."}
              - {code: schober, name: Schober's test, default: "Schober's test normal."}

            """)
        .replacingOccurrences(of: "medicines:\n", with: """
              - {code: psa, name: PSA, kind: lab, applies_to: {sex: male}, turnaround: {routine: 1d, urgent: 1d}, default: {value: "1.0", flag: normal}}
              - {code: pregnancy-test, name: pregnancy test, kind: bedside, applies_to: {sex: female, min_age: 12, max_age: 55}, turnaround: {routine: 10m, urgent: 10m}, default: {value: Negative, flag: normal}}
              - code: mri-whole-spine
                name: MRI whole spine
                kind: imaging
                contains: [mri-lumbar]
                elsewhere: "Thoracic and cervical spine normal."
                turnaround: {routine: 2w, urgent: 2h}
                default: {flag: normal, interpretation: Normal whole spine.}
              - {code: calcium, name: calcium, kind: lab, turnaround: {routine: 1d, urgent: 1h}, default: {value: "2.4", flag: normal}}
              - {code: pth, name: PTH, kind: lab, turnaround: {routine: 1d, urgent: 1h}, default: {value: "4.2", flag: normal, interpretation: Normal.}}
              - {code: ct-cap, name: CT chest-abdomen-pelvis, kind: imaging, burden: {dose_msv: 10, cost: medium}, turnaround: {routine: 2d, urgent: 1h}, default: {flag: normal, interpretation: Normal.}}
              - {code: biopsy, name: biopsy, kind: procedure, burden: {invasive: moderate, cost: high}, turnaround: {routine: 3d, urgent: 3d}, default: {flag: normal, interpretation: Normal.}}
            medicines:

            """)

    static func catalogue(_ text: String = catalogueYAML) throws -> Catalogue {
        try CatalogueLoader.load(catalogueText: text, cataloguePath: "catalogue.yaml",
                                 diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "diagnoses.yaml")
    }

    /// The fixture case played with this catalogue, its patient's age and sex changed.
    static func session(_ lines: [String], age: Int = 40, sex: String = "male") throws -> Session {
        let catalogue = try catalogue()
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(of: "  age: 40\n  sex: male", with: "  age: \(age)\n  sex: \(sex)")
        let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "test-ces.yaml", catalogue: catalogue)
        var session = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: 0))
        for (i, line) in lines.enumerated() { _ = session.handle(line, lineNumber: i + 1) }
        return session
    }

    static func loadErrors(_ text: String) -> [String] {
        do {
            _ = try CatalogueLoader.load(catalogueText: text, cataloguePath: "catalogue.yaml",
                                         diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "diagnoses.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.message)
        }
    }

    @Test func theProfileIsRead() throws {
        let c = try Self.catalogue()
        #expect(c.item(.test, "psa")?.profile.appliesTo == Applicability(sex: .male))
        #expect(c.item(.test, "pregnancy-test")?.profile.appliesTo == Applicability(sex: .female, minAge: 12, maxAge: 55))
        #expect(c.item(.test, "mri-whole-spine")?.profile.contains == ["mri-lumbar"])
        #expect(c.item(.test, "xray-lumbar")?.profile.burden == Burden(doseMSv: 1.5, cost: .low))
        #expect(c.item(.test, "esr")?.profile == TestProfile.none)
        #expect(c.burdenPolicy.pointsPerMSv == 0.5 && c.burdenPolicy.maxPerTest == 8)
        #expect(c.containingTests(of: "mri-lumbar") == ["mri-whole-spine"])
        // Without a policy every weight is zero: a needless test costs only its points.
        #expect(try Fixtures.catalogue().burdenPolicy == BurdenPolicy())
    }

    @Test func badProfilesAreLocatedErrors() {
        func with(_ entry: String) -> [String] {
            Self.loadErrors(Self.catalogueYAML.replacingOccurrences(of: "medicines:\n", with: entry + "\nmedicines:\n"))
        }
        #expect(with("  - {code: t1, name: t1, kind: lab, applies_to: {sex: men}, turnaround: {routine: 1d, urgent: 1d}, default: {value: x}}")
            .contains("t1.applies_to.sex must be male or female, not 'men'"))
        #expect(with("  - {code: t1, name: t1, kind: lab, applies_to: {}, turnaround: {routine: 1d, urgent: 1d}, default: {value: x}}")
            .contains("t1.applies_to: give sex, min_age or max_age"))
        #expect(with("  - {code: t1, name: t1, kind: lab, contains: [nothing], turnaround: {routine: 1d, urgent: 1d}, default: {value: x}}")
            .contains("tests: t1.contains: 'nothing' is not the code of a test"))
        #expect(with("  - {code: t1, name: t1, kind: lab, contains: [t1], turnaround: {routine: 1d, urgent: 1d}, default: {value: x}}")
            .contains("t1.contains: a test cannot contain itself"))
        #expect(with("  - {code: t1, name: t1, kind: lab, elsewhere: x, turnaround: {routine: 1d, urgent: 1d}, default: {value: x}}")
            .contains("t1.elsewhere describes the rest of a containing study's field; give 'contains' too"))
        #expect(with("  - {code: t1, name: t1, kind: lab, burden: {invasive: very}, turnaround: {routine: 1d, urgent: 1d}, default: {value: x}}")
            .contains("t1.burden.invasive must be none, minor, moderate, major, not 'very'"))
        #expect(with("  - {code: t1, name: t1, kind: lab, burden: {dose_msv: -1}, turnaround: {routine: 1d, urgent: 1d}, default: {value: x}}")
            .contains("t1.burden.dose_msv must not be negative"))
    }

    @Test func badContradictionRulesAreLocatedErrors() {
        func with(_ rule: String) -> [String] {
            Self.loadErrors(Self.catalogueYAML.replacingOccurrences(of: "default_contradictions:\n", with: "default_contradictions:\n" + rule + "\n"))
        }
        #expect(with("  - {when: {result_flagged: {test: nothing, flags: [high]}}, order: [pth], because: x}")
            .contains("default_contradictions.when.result_flagged.test: 'nothing' is not a test code"))
        #expect(with("  - {when: {temperature_at_least: 38, diagnosis_mentions: [x]}, ask: [onset], because: x}")
            .contains("default_contradictions.when: give exactly one of temperature_at_least, diagnosis_mentions, result_flagged, finding_mentions"))
        #expect(with("  - {when: {temperature_at_least: 38}, ask: [fevre], because: x}")
            .contains("default_contradictions.ask: 'fevre' is not a code of questions"))
        #expect(with("  - {when: {temperature_at_least: 38}, because: x}")
            .contains("default_contradictions: give the defaults to check (ask, examine or order)"))
    }

    @Test func anOverlayCannotSetTheBurdenPolicy() throws {
        let overlay = "version: 1\nburden_policy: {points_per_msv: 9}\n"
        #expect(throws: LoadFailure.self) {
            try CatalogueLoader.overlay(try Self.catalogue(), catalogue: (overlay, "mine/catalogue/catalogue.yaml"), diagnoses: nil)
        }
    }

    @Test func aTestThatDoesNotApplySaysSo() throws {
        let woman = try Self.session(["order psa pregnancy-test", "wait 1d"], age: 34, sex: "female")
        let psa = try #require(woman.received.first { $0.code == "psa" })
        #expect(psa.spec.interpretation == "Not applicable: PSA applies to men; the patient is a 34-year-old woman. No value is reported.")
        #expect(psa.spec.value == nil && !psa.spec.isAbnormal)
        #expect(woman.received.first { $0.code == "pregnancy-test" }?.spec.value == "Negative")
        let older = try Self.session(["order pregnancy-test", "wait 1h"], age: 60, sex: "female")
        #expect(older.received.first?.spec.interpretation?.hasPrefix("Not applicable: pregnancy test applies to women aged 12-55") == true)
        let man = try Self.session(["order psa", "wait 1d"])
        #expect(man.received.first?.spec.value == "1.0")
    }

    @Test func aContainingStudyReportsTheCasesRegionalFindings() throws {
        let s = try Self.session(["order mri-whole-spine urgent", "wait 3h"])
        let spec = try #require(s.received.first { $0.code == "mri-whole-spine" }).spec
        #expect(spec.components.map(\.name) == ["MRI lumbar spine", "rest of the field"])
        #expect(spec.components.first?.value == "Central L4/5 disc prolapse compressing the cauda equina.")
        #expect(spec.components.first?.flag == .abnormal && spec.isAbnormal)
        #expect(spec.components.last?.value == "Thoracic and cervical spine normal.")
    }

    @Test func aContainingStudyKeepsItsDefaultWhenTheCaseScriptsNoRegion() throws {
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(
            of: "  mri-lumbar: {flag: abnormal, interpretation: Central L4/5 disc prolapse compressing the cauda equina.}\n", with: "")
        let catalogue = try Self.catalogue()
        let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "t.yaml", catalogue: catalogue)
        var session = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: 0))
        _ = session.handle("order mri-whole-spine urgent", lineNumber: 1)
        _ = session.handle("wait 3h", lineNumber: 2)
        #expect(session.received.first?.spec.interpretation == "Normal whole spine.")
    }

    @Test func theRadiationFactorFollowsAgeAndPregnancy() throws {
        let policy = try Self.catalogue().burdenPolicy
        #expect(policy.radiationFactor(age: 10, sex: .male) == (2, 1))
        #expect(policy.radiationFactor(age: 34, sex: .male) == (1.5, 1))
        #expect(policy.radiationFactor(age: 34, sex: .female) == (1.5, 1.5))
        #expect(policy.radiationFactor(age: 50, sex: .female) == (1, 1.5))
        #expect(policy.radiationFactor(age: 60, sex: .female) == (1, 1))
    }

    @Test func aNeedlessTestsBurdenIsWeighedAndExplained() throws {
        let c = try Self.catalogue()
        let young = Patient(name: "A", age: 34, sex: .female, arrival: 0, complaint: "", vitals: Vitals())
        let ct = InvestigationBurden(codes: ["ct-cap", "ct-cap"], catalogue: c, patient: young)
        // 10 mSv × 0.5 × 1.5 (under 45) × 1.5 (pregnancy possible) = 11.25, + 0.5 cost, capped at 8.
        #expect(ct.parts.count == 1 && ct.points == 8)
        #expect(ct.note?.hasPrefix("Burden of the test (−8): CT chest-abdomen-pelvis: about 10 mSv effective dose") == true)
        #expect(ct.note?.contains("pregnancy possible") == true)
        let old = Patient(name: "B", age: 70, sex: .male, arrival: 0, complaint: "", vitals: Vitals())
        #expect(InvestigationBurden(codes: ["ct-cap"], catalogue: c, patient: old).points == 5.5)
        #expect(InvestigationBurden(codes: ["biopsy"], catalogue: c, patient: old).points == 3)
        #expect(InvestigationBurden(codes: ["esr"], catalogue: c, patient: old).note == nil)
    }

    /// An unlisted needless CT costs its `unlisted` point plus its burden, in one finding.
    @Test func theUnlistedRuleAddsTheBurdenToItsOneFinding() throws {
        let catalogue = try Self.catalogue()
        let scenario = try ScenarioLoader.loadOrThrow(text: Fixtures.scenarioYAML, path: "t.yaml", catalogue: catalogue)
        var session = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: 0))
        for (i, line) in ["order ct-cap esr", "end"].enumerated() { _ = session.handle(line, lineNumber: i + 1) }
        let context = GradingContext(session: session, plan: GradingPlan(scenario: scenario, catalogue: catalogue))
        let found = UnlistedActsRule().findings(in: context, earlier: [])
        let ct = try #require(found.first { $0.unindicatedTests == ["ct-cap"] })
        // 40-year-old man: 10 × 0.5 × 1.5 + 0.5 = 8 (the cap).
        #expect(ct.penalty == 9)
        #expect(ct.note == "Unnecessary: order CT chest-abdomen-pelvis (at day 0 09:00) was not indicated here (−1). Burden of the test (−8): CT chest-abdomen-pelvis: about 10 mSv effective dose (×1.5 at age 40: the younger the patient, the greater the lifetime cancer risk per mSv); medium cost.")
        #expect(found.first { $0.unindicatedTests == ["esr"] }?.penalty == 1)
        #expect(found.count == 2)
    }

    /// A harmful rubric item's penalty (under safety) grows with the burden of the test it
    /// names, in the same finding; the item's own criterion still deducts nothing.
    @Test func aRubricItemsPenaltyGrowsWithTheBurden() throws {
        let yaml = Fixtures.scenarioYAML(replacingScanItemWith: "    - id: xray\n      tier: harmful\n      action: order xray-lumbar\n      points: 3\n      feedback: {met: An X-ray adds radiation without benefit.}\n      reference: NICE NG59")
        let catalogue = try Self.catalogue()
        let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "t.yaml", catalogue: catalogue)
        var session = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: 0))
        for (i, line) in ["order xray-lumbar", "end"].enumerated() { _ = session.handle(line, lineNumber: i + 1) }
        let context = GradingContext(session: session, plan: GradingPlan(scenario: scenario, catalogue: catalogue))
        let found = RubricItemsRule().findings(in: context, earlier: []).filter { $0.fault == "xray" }
        // 1.5 mSv × 0.5 × 1.5 (a 40-year-old, under 45) = 1.13 (low cost adds nothing).
        #expect(found.map(\.penalty) == [0, 4.13])
        #expect(found.last?.criterion == .safety)
        #expect(found.last?.note?.hasSuffix("Burden of the test (−1.13): X-ray lumbar spine: about 1.5 mSv effective dose (×1.5 at age 40: the younger the patient, the greater the lifetime cancer risk per mSv).") == true)
    }

    /// Each new rule of the validator's table fires on a case that leaves the contradicting
    /// default, and is silenced by the case writing its own result or finding.
    @Test func theValidatorWarnsWhereADefaultContradictsTheCase() throws {
        let catalogue = try Self.catalogue()
        func warnings(_ yaml: String) throws -> [String] {
            let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "t.yaml", catalogue: catalogue)
            return DefaultContradictions.warnings(scenario, catalogue: catalogue, text: yaml, path: "t.yaml").map(\.message)
        }
        let base = Fixtures.scenarioYAML
        #expect(try warnings(base).isEmpty)
        let calcium = base.replacingOccurrences(of: "\nresults:\n", with: "\nresults:\n  calcium: {value: \"3.05\", flag: high}\n")
        #expect(try warnings(calcium) == ["the case has a high calcium, but 'order pth' gives the catalogue's default result \"Normal.\"; write results.pth"])
        #expect(try warnings(calcium.replacingOccurrences(of: "\nresults:\n", with: "\nresults:\n  pth: {value: \"0.8\", flag: low}\n")).isEmpty)
        let stiff = base.replacingOccurrences(of: "\nexamination:\n", with: "\nexamination:\n  range-of-motion: Lumbar movement severely restricted.\n")
        #expect(try warnings(stiff).first?.hasPrefix("the case has severely restricted spinal movement, but 'examine schober'") == true)
        // The whole-spine MRI names the lumbar region: the lumbar MRI must say what it shows.
        let region = base
            .replacingOccurrences(of: "  mri-lumbar: {flag: abnormal, interpretation: Central L4/5 disc prolapse compressing the cauda equina.}\n",
                                  with: "  mri-whole-spine: {flag: abnormal, interpretation: L4/5 disc prolapse.}\n")
        #expect(try warnings(region).first?.hasPrefix("the case's results.mri-whole-spine is abnormal and reports on the region of 'mri-lumbar'") == true)
        // A whole-spine MRI written normal beside an abnormal lumbar MRI contradicts it.
        let normalWhole = base.replacingOccurrences(of: "\nresults:\n", with: "\nresults:\n  mri-whole-spine: {flag: normal, interpretation: Normal.}\n")
        #expect(try warnings(normalWhole) == ["the case's results.mri-lumbar is abnormal, but results.mri-whole-spine, whose field contains it, is not flagged abnormal; report the mri-lumbar findings there too"])
        // A whole-spine report that does not name the lumbar region leaves it alone.
        #expect(try warnings(region.replacingOccurrences(of: "L4/5 disc prolapse.", with: "T8 metastasis.")).isEmpty)
        let psa = base.replacingOccurrences(of: "\nresults:\n", with: "\nresults:\n  psa: {value: \"1.0\", flag: normal}\n")
            .replacingOccurrences(of: "  sex: male", with: "  sex: female")
        #expect(try warnings(psa) == ["the case writes results.psa, but PSA applies to men and the patient is a 40-year-old woman; leave it out (the session says it does not apply)"])
        #expect(DefaultContradictions.names("mri-lumbar", in: "stenosis at L4/5", catalogue: catalogue))
        #expect(!DefaultContradictions.names("mri-lumbar", in: "CL4 T8", catalogue: catalogue))
        #expect(DefaultContradictions.names("mri-lumbar", in: "the Conus is normal", catalogue: catalogue))
        #expect(DefaultContradictions.names("esr", in: "anything", catalogue: catalogue), "a study with no region words is always named")
    }
}
