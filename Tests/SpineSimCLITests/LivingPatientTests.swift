import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// The bundled cases converted to a living patient: each trajectory checked against the
/// clinical expectation the case states (its course, and the clinical reference it cites).
@Suite struct LivingPatientTests {
    static func run(_ id: String, _ lines: [String]) throws -> Session { try Repo.played(id, lines) }

    /// The value of the latest result of `code` received (or of its `component`).
    static func latest(_ s: Session, _ code: String, component: String? = nil) throws -> Double {
        let result = try #require(s.received.last { $0.code == code }, "no \(code) result")
        let text = component.map { name in result.spec.components.first { $0.name == name }?.value } ?? result.spec.value
        return try #require(text.flatMap { Double($0) }, "\(code): no number in \(String(describing: text))")
    }

    static func grade(_ s: Session) -> GradeReport {
        Grader.grade(s, context: .init(transcriptPath: "t.txt"))
    }

    // MARK: Vertebral osteomyelitis (IDSA 2015; the case's course: 148 → about 52 a week into treatment)

    @Test func osteomyelitisCRPHalvesEveryFewDaysOnlyOnAnAdequateDose() throws {
        let crpAtDay7 = { (treatment: [String]) throws -> Double in
            try Self.latest(Self.run("vertebral-osteomyelitis", treatment + ["wait 7d", "order crp urgent", "wait 2h"]), "crp")
        }
        let effective = try crpAtDay7(["give flucloxacillin 1g q6h iv"])
        let lowDoseOral = try crpAtDay7(["give flucloxacillin 500mg qds oral"])
        let none = try crpAtDay7([])
        // Halving every 3-4 days: a quarter to a half of 148 after a week.
        #expect(effective >= 148 / 4 && effective <= 148 / 2, "\(effective)")
        // Untreated or under-dosed, the infection goes on and CRP rises.
        #expect(none > 148)
        #expect(lowDoseOral > 148 * 1.5, "\(lowDoseOral)")
    }

    @Test func osteomyelitisRepeatCulturesClearOnlyOnEffectiveTreatment() throws {
        let repeatCulture = { (treatment: String) throws -> String in
            let s = try Self.run("vertebral-osteomyelitis", ["order blood-culture", "wait 3d", treatment, "wait 4d",
                                                             "order blood-culture", "wait 4d"])
            return s.received.last { $0.code == "blood-culture" }?.spec.interpretation ?? ""
        }
        #expect(try repeatCulture("give flucloxacillin 1g q6h iv").hasPrefix("No growth"))
        #expect(try repeatCulture("give flucloxacillin 500mg qds oral").contains("Staphylococcus aureus"))
    }

    @Test func osteomyelitisUnderDosingAndStoppingShowAsRelapse() throws {
        let effective = try Self.run("vertebral-osteomyelitis", ["order blood-culture", "wait 3d", "give flucloxacillin 1g q6h iv",
                                                                 "wait 1w", "end"])
        #expect(effective.firedEvents.map(\.id).contains("responding"))
        #expect(Self.grade(effective).outcome.contains("expected to recover"))

        let stopped = try Self.run("vertebral-osteomyelitis", ["order blood-culture", "wait 3d", "give flucloxacillin 1g q6h iv",
                                                               "wait 2d", "stop flucloxacillin", "wait 1w", "end"])
        #expect(!stopped.firedEvents.map(\.id).contains("responding"))
        #expect(Self.grade(stopped).outcome.contains("relapsing"))

        let lowDose = try Self.run("vertebral-osteomyelitis", ["order blood-culture", "wait 3d",
                                                               "give flucloxacillin 500mg qds oral", "wait 1w", "end"])
        let report = Self.grade(lowDose)
        #expect(lowDose.firedEvents.map(\.id).contains("septic-deficit-undertreated"))
        #expect(report.outcome.contains("too little"))
        #expect(!report.outcome.contains("expected to recover"))
    }

    @Test func osteomyelitisVitalsSettleOnTreatment() throws {
        var s = try Self.run("vertebral-osteomyelitis", ["examine vitals", "give flucloxacillin 1g q6h iv", "wait 4d"])
        #expect(s.log.first?.response.first?.text.contains("T 37.9 °C") == true)
        // Afebrile, the tachycardia settling, a few days into effective treatment.
        let text = s.handle("examine vitals").text
        let temperature = try #require(s.stateValue("temperature"))
        let heartRate = try #require(s.stateValue("heart-rate"))
        #expect(temperature < 37.5 && heartRate < 90, "\(text)")
        #expect(text.contains("T \(JSONValue.format((temperature * 10).rounded() / 10)) °C"), "\(text)")
    }

    // MARK: Multiple myeloma (Society for Endocrinology acute hypercalcaemia guidance; the case's course)

    @Test func myelomaCalciumAt48HoursFallsOnlyWithFluids() throws {
        let calciumAt48h = { (first: [String]) throws -> Double in
            let s = try Self.run("multiple-myeloma", first + ["wait 48h", "order calcium urgent", "wait 2h"])
            return try Self.latest(s, "calcium", component: "Adjusted calcium")
        }
        let rehydrated = try calciumAt48h(["admit medicine"])
        let sentHome = try calciumAt48h(["discharge"])
        #expect(rehydrated < 2.85 && rehydrated > 2.6, "fluids lower calcium only partly: \(rehydrated)")
        #expect(sentHome >= 3.4, "untreated, the hypercalcaemic crisis: \(sentHome)")
    }

    @Test func myelomaCalciumNormalisesAfterABisphosphonate() throws {
        let withZoledronate = try Self.run("multiple-myeloma", ["admit medicine", "wait 1d", "give zoledronic-acid 4mg once iv",
                                                                "wait 3d", "order calcium renal urgent", "wait 2h"])
        let fluidsOnly = try Self.run("multiple-myeloma", ["admit medicine", "wait 1d", "wait 3d", "order calcium renal urgent", "wait 2h"])
        let treated = try Self.latest(withZoledronate, "calcium", component: "Adjusted calcium")
        #expect(treated <= 2.6, "\(treated)")
        #expect(try Self.latest(fluidsOnly, "calcium", component: "Adjusted calcium") > 2.6)
        // Rehydration improves the kidney injury (creatinine 186 → about 158 in the case's course).
        #expect(try Self.latest(withZoledronate, "renal", component: "Creatinine") < 160)
    }

    // MARK: Spinal TB (WHO 2022; the case's course: responding four weeks into treatment)

    @Test func tuberculosisCRPFallsOverWeeksOnTreatmentAndRisesWhenStopped() throws {
        let crpAt8Weeks = { (treatment: [String]) throws -> Double in
            try Self.latest(Self.run("spinal-tb", treatment + ["wait 8w", "order crp urgent", "wait 2h"]), "crp")
        }
        let treated = try crpAt8Weeks(["give anti-tb-therapy"])
        let untreated = try crpAt8Weeks([])
        let stopped = try crpAt8Weeks(["give anti-tb-therapy", "wait 1w", "stop anti-tb-therapy"])
        #expect(treated < 30, "\(treated)")
        #expect(untreated > 60, "\(untreated)")
        #expect(stopped > 60, "\(stopped)")
    }

    @Test func tuberculosisStoppedTreatmentRelapsesInTheDebrief() throws {
        let s = try Self.run("spinal-tb", ["give anti-tb-therapy", "wait 1w", "stop anti-tb-therapy", "wait 4w", "end"])
        #expect(s.firedEvents.map(\.id).contains("relapse"))
        #expect(!s.firedEvents.map(\.id).contains("response"))
        #expect(Self.grade(s).outcome.contains("not continued"))
    }

    // MARK: Pyelonephritis (NICE NG111; the case's course: CRP 212 → 84 at 48 hours)

    @Test func pyelonephritisCRPAt48HoursDependsOnAnEffectiveAntibiotic() throws {
        let crpAt48h = { (treatment: [String]) throws -> Double in
            try Self.latest(Self.run("pyelonephritis", treatment + ["wait 48h", "order crp urgent", "wait 2h"]), "crp")
        }
        let ceftriaxone = try crpAt48h(["give ceftriaxone 2g daily iv"])
        let none = try crpAt48h([])
        #expect(ceftriaxone > 60 && ceftriaxone < 110, "\(ceftriaxone)")
        #expect(none > 212)
        let cultures = try Self.run("pyelonephritis", ["give ceftriaxone 2g daily iv", "wait 1d", "order blood-culture", "wait 4d"])
        #expect(cultures.received.last { $0.code == "blood-culture" }?.spec.interpretation?.hasPrefix("No growth") == true)
    }

    // MARK: Cauda equina (GIRFT 2023: the bladder recovers when decompressed before retention)

    @Test func caudaEquinaResidualRecoversOnlyWhenDecompressedBeforeRetention() throws {
        let residualADayAfterSurgery = { (delay: String) throws -> Double in
            try Self.latest(Self.run("cauda-equina", ["wait \(delay)", "perform decompression", "wait 1d",
                                                      "order bladder-scan", "wait 1h"]), "bladder-scan")
        }
        let early = try residualADayAfterSurgery("1h")
        let afterRetention = try residualADayAfterSurgery("26h")
        #expect(early < 100, "back in the normal range: \(early)")
        #expect(afterRetention >= 500, "retention persists: \(afterRetention)")
    }

    // MARK: Malignancy (NICE NG234; the case's course: 4/5 → 3/5 by day 2 and paraplegia by day 3
    // untreated, paraplegia by day 4 on dexamethasone alone, no worse after radiotherapy)

    @Test func malignancyLegPowerHoldsOnlyWithSteroidsAndDefinitiveTreatment() throws {
        let power = { (treatment: [String], wait: String) throws -> Double in
            try #require(Self.run("malignancy", treatment + ["wait \(wait)"]).stateValue("hip-flexion-power"))
        }
        let steroids = ["give dexamethasone 16mg stat oral"]
        let steroidsAndRadiotherapy = steroids + ["order mri-whole-spine urgent", "wait 2h", "perform radiotherapy"]
        // A repeat examination the next day: falling untreated, held on steroids.
        #expect(try power([], "1d") < 4)
        #expect(try power(steroids, "1d") == 4)
        // Day 5: paraplegic untreated, near it on steroids alone, still 4/5 with radiotherapy.
        let untreated = try power([], "5d"), steroidsOnly = try power(steroids, "5d")
        let treated = try power(steroidsAndRadiotherapy, "5d")
        #expect(untreated <= 1)
        #expect(steroidsOnly <= 1)
        #expect(treated == 4)
    }

    @Test func mechanicalStrainOutcomeClaimsNoReassuranceThatWasNotGiven() throws {
        // It said "Reassured, kept active and on a short course of an NSAID" beside "Missed: Reassurance".
        let report = Self.grade(try Self.run("mechanical-strain", ["advise stay-active", "give ibuprofen 400mg tds oral", "wait 2w", "end"]))
        #expect(report.outcome.contains("Kept active and on a short course of an NSAID"), "\(report.outcome)")
        #expect(!report.outcome.contains("Reassured"), "\(report.outcome)")
    }

    @Test func malignancyRadiotherapyAfterTheLegsFailedIsNotTreatmentWhileWalking() throws {
        let radiotherapyAt = { (delay: String) throws -> GradeReport in
            // The whole-spine MRI first: radiotherapy before any MRI of T10 has its own outcome.
            Self.grade(try Self.run("malignancy", ["order mri-whole-spine urgent", "wait \(delay)", "perform radiotherapy", "wait 3d", "end"]))
        }
        let early = try radiotherapyAt("3h"), late = try radiotherapyAt("2d6h")
        #expect(early.outcome.contains("Treated with radiotherapy while still walking"))
        #expect(!late.outcome.contains("Treated with radiotherapy while still walking"))
        #expect(late.outcome.contains("no longer stand unaided"))
        // Nor does the course then say he is "still walking with a frame; leg power is no worse".
        let lateSession = try Self.run("malignancy", ["wait 2d6h", "perform radiotherapy", "wait 4d"])
        let said = lateSession.log.flatMap(\.response).map(\.text).joined(separator: "\n")
        #expect(!said.contains("still walking with a"), "\(said)")
    }

    // MARK: Abdominal aortic aneurysm (the case's course: 118 g/L and 112/min at presentation,
    // 72 g/L and 138/min at the free rupture at 3 h unless repaired)

    @Test func aorticLeakRepeatBloodCountFallsOnlyWhileUnrepaired() throws {
        let repeatCount = { (repair: [String]) throws -> (first: Double, second: Double, pulse: Int?) in
            let s = try Self.run("abdominal-aortic-aneurysm", ["order fbc urgent"] + repair
                                 + ["wait 1h", "order fbc urgent", "wait 1h", "examine vitals"])
            let values = s.received.filter { $0.code == "fbc" }.compactMap { r in
                (r.spec.components.first { $0.name == "Haemoglobin" }?.value).flatMap { Double($0) }
            }
            try #require(values.count == 2, "two blood counts back: \(values)")
            return (values[0], values[1], s.currentVitals.heartRate)
        }
        let bleeding = try repeatCount([])
        let repaired = try repeatCount(["perform aaa-repair"])
        #expect(bleeding.first == 118 && repaired.first == 118)
        #expect(bleeding.second < bleeding.first, "still bleeding: \(bleeding.second)")
        #expect(bleeding.second > 72, "not yet the free rupture: \(bleeding.second)")
        #expect(repaired.second == 118)
        #expect((bleeding.pulse ?? 0) > 112)
        #expect(repaired.pulse == 112)
    }

    // MARK: Trends

    @Test func theChartShowsTheMeasuredTrend() throws {
        var s = try Self.run("vertebral-osteomyelitis", ["order crp urgent", "wait 2h", "give flucloxacillin 1g q6h iv",
                                                         "wait 4d", "order crp urgent", "wait 3d", "order crp urgent", "wait 2h"])
        let lines = s.handle("chart").lines
        let trend = try #require(lines.first { $0.text.hasPrefix("  CRP") })
        #expect(trend.text.hasPrefix("  CRP  148 #"))
        #expect(trend.text.hasSuffix("mg/L (day 0 11:00 -> day 7 13:03)"), "\(trend.text)")
        #expect(trend.rich?.contains("→") == true)
        // The shell shows the Unicode line only when it prints colour; plain text otherwise.
        #expect(Style(enabled: true).render(trend) == trend.rich)
        #expect(Style(enabled: false).render(trend) == trend.text)
    }

    @Test func pipedPlayShowsThePlainTrendLine() throws {
        let input = "order crp urgent\nwait 2h\ngive flucloxacillin 1g q6h iv\nwait 4d\norder crp urgent\nwait 2h\nchart\nend\n"
        let result = try runSpineSim(["play", "vertebral-osteomyelitis"], input: input)
        #expect(result.stdout.contains("  CRP  148 "), "\(result.stdout.suffix(800))")
        #expect(!result.stdout.contains("▁") && !result.stdout.contains("█"))
    }
}
