import Foundation
import Testing
@testable import SpineSimCore

/// The dose model: limits by dose, day and period, renal bands, weight-based doses,
/// reductions, contraindications and the severity policy (more than twice the patient's
/// maximum, or contraindicated, is critical).
@Suite struct DosingTests {
    static func quantity(_ text: String) -> Quantity {
        Quantity.parse(text) ?? Quantity(amount: -1, unit: .mg)
    }

    static func medicine(_ code: String, usual: Regimen, maxDaily: String? = nil, dosing: [DoseLimit]) -> CatalogueItem {
        CatalogueItem(kind: .medicine, code: code, name: code, aliases: [], classes: [], time: 1, routes: [.oral, .iv],
                      usual: usual, maxDaily: maxDaily.map(quantity), dosing: dosing)
    }

    static func patient(age: Int = 50, weight: Double? = nil, egfr: Double? = nil, dialysis: Bool = false,
                        conditions: [String] = []) -> PrescribingPatient {
        PrescribingPatient(age: age, weightKg: weight, egfr: egfr, creatinineClearance: nil, dialysis: dialysis,
                           pregnant: false, conditions: conditions)
    }

    static func judge(_ item: CatalogueItem, _ regimen: Regimen, _ patient: PrescribingPatient,
                      earlier: [PerformedAction] = [], at t: Minutes = 0) -> [DoseJudge.Found] {
        DoseJudge(item: item, regimen: regimen, patient: patient, actions: earlier, at: t).findings()
    }

    static let fluclox: CatalogueItem = {
        var renal = DoseLimit(source: "BNF flucloxacillin")
        renal.when = PatientCriterion(egfrBelow: 10)
        renal.maxDaily = quantity("4g")
        return medicine("flucloxacillin", usual: Regimen(dose: quantity("2g"), frequency: .everyHours(6), route: .iv),
                        maxDaily: "12g", dosing: [renal])
    }()

    @Test func theRenalBandBindsAndCitesItsOwnSource() {
        let found = Self.judge(Self.fluclox, Regimen(dose: Self.quantity("2g"), frequency: .everyHours(6), route: .iv),
                               Self.patient(egfr: 8))
        #expect(found.count == 1)
        #expect(found.first?.source == "BNF flucloxacillin")
        #expect(found.first?.message.contains("8 g a day") == true)
        #expect(found.first?.message.contains("eGFR 8") == true)
        #expect(found.first?.message.contains("at most 4 g a day") == true)
        #expect(found.first?.critical == false)   // exactly twice the maximum: an error, not critical
    }

    @Test func moreThanTwiceThePatientsMaximumIsCritical() {
        let found = Self.judge(Self.fluclox, Regimen(dose: Self.quantity("2g"), frequency: .everyHours(4), route: .iv),
                               Self.patient(egfr: 8))
        #expect(found.map(\.critical) == [true])
    }

    @Test func withoutTheRenalFactTheBNFMaximumApplies() {
        let normal = Regimen(dose: Self.quantity("2g"), frequency: .everyHours(4), route: .iv)
        #expect(Self.judge(Self.fluclox, normal, Self.patient()).isEmpty)
        #expect(Self.judge(Self.fluclox, normal, Self.patient(egfr: 60)).isEmpty)
    }

    static let alendronate: CatalogueItem = {
        var weekly = DoseLimit(source: "BNF alendronic acid")
        weekly.maxTotal = quantity("70mg")
        weekly.within = 7 * 24 * 60
        return medicine("alendronate", usual: Regimen(dose: quantity("70mg"), frequency: .weekly, route: .oral), dosing: [weekly])
    }()

    @Test func aWeeklyDrugGivenDailyIsAPeriodError() {
        #expect(Self.judge(Self.alendronate, Regimen(dose: Self.quantity("70mg"), frequency: .weekly, route: .oral), Self.patient()).isEmpty)
        #expect(Self.judge(Self.alendronate, Regimen(dose: Self.quantity("10mg"), frequency: .daily, route: .oral), Self.patient()).isEmpty)
        let daily = Self.judge(Self.alendronate, Regimen(dose: Self.quantity("70mg"), frequency: .daily, route: .oral), Self.patient())
        #expect(daily.map(\.kind) == [.cumulativeDose])
        #expect(daily.first?.message.contains("490 mg within 1 week") == true)
        #expect(daily.first?.critical == true)
    }

    @Test func earlierDosesCountUntilStopped() {
        let week: Minutes = 7 * 24 * 60
        let first = PerformedAction(t: 0, verb: .give, code: "alendronate", classes: [], urgent: false,
                                    regimen: Regimen(dose: Self.quantity("70mg"), frequency: .once, route: .oral), line: 1)
        let again = Regimen(dose: Self.quantity("70mg"), frequency: .once, route: .oral)
        #expect(Self.judge(Self.alendronate, again, Self.patient(), earlier: [first], at: 60).map(\.kind) == [.cumulativeDose])
        #expect(Self.judge(Self.alendronate, again, Self.patient(), earlier: [first], at: week).isEmpty)
        // A weekly regimen re-written a week later is not a second dose in the same week.
        let weekly = PerformedAction(t: 0, verb: .give, code: "alendronate", classes: [], urgent: false,
                                     regimen: Regimen(dose: Self.quantity("70mg"), frequency: .weekly, route: .oral), line: 1)
        let weeklyAgain = Regimen(dose: Self.quantity("70mg"), frequency: .weekly, route: .oral)
        #expect(Self.judge(Self.alendronate, weeklyAgain, Self.patient(), earlier: [weekly], at: week).isEmpty)
    }

    @Test func weightBasedCombinationSumsItsCappedParts() {
        var tb = DoseLimit(source: "WHO 2022")
        tb.perKg = [PerKgDose(name: "rifampicin", perKg: Self.quantity("10mg"), cap: Self.quantity("600mg")),
                    PerKgDose(name: "pyrazinamide", perKg: Self.quantity("25mg"), cap: nil)]
        let item = Self.medicine("hrze", usual: Regimen(frequency: .daily, route: .oral), dosing: [tb])
        // 70 kg: rifampicin 700 capped at 600, pyrazinamide 1750: 2.35 g.
        let found = Self.judge(item, Regimen(dose: Self.quantity("5g"), frequency: .daily, route: .oral), Self.patient(weight: 70))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("at most 2.35 g a day") == true)
        #expect(found.first?.message.contains("max 600 mg = 600 mg") == true)
        #expect(Self.judge(item, Regimen(dose: Self.quantity("2g"), frequency: .daily, route: .oral), Self.patient(weight: 70)).isEmpty)
        // No weight in the case: no weight-based judgement.
        #expect(Self.judge(item, Regimen(dose: Self.quantity("5g"), frequency: .daily, route: .oral), Self.patient()).isEmpty)
    }

    @Test func reduceAsksForLessADayAndLongerIntervals() {
        var renal = DoseLimit(source: "BNF tramadol")
        renal.when = PatientCriterion(dialysis: true)
        renal.reduce = true
        renal.lengthenInterval = true
        let item = Self.medicine("tramadol", usual: Regimen(dose: Self.quantity("50mg"), frequency: .qds, route: .oral),
                                 maxDaily: "400mg", dosing: [renal])
        let dialysis = Self.patient(dialysis: true)
        #expect(Self.judge(item, Regimen(dose: Self.quantity("100mg"), frequency: .qds, route: .oral), dialysis).map(\.kind) == [.doseNotReduced])
        #expect(Self.judge(item, Regimen(dose: Self.quantity("25mg"), frequency: .qds, route: .oral), dialysis).map(\.kind) == [.doseNotReduced])
        #expect(Self.judge(item, Regimen(dose: Self.quantity("50mg"), frequency: .everyHours(12), route: .oral), dialysis).isEmpty)
        #expect(Self.judge(item, Regimen(dose: Self.quantity("100mg"), frequency: .qds, route: .oral), Self.patient()).isEmpty)
    }

    @Test func aContraindicationIsCriticalAndTheOnlyJudgement() {
        var avoid = DoseLimit(source: "BNF zoledronic acid")
        avoid.when = PatientCriterion(crclBelow: 35, dose: DoseBand.parse("5mg"))
        avoid.avoid = true
        let item = Self.medicine("zoledronic-acid", usual: Regimen(dose: Self.quantity("5mg"), frequency: .once, route: .iv),
                                 maxDaily: "5mg", dosing: [avoid])
        let low = Self.patient(egfr: 33)
        let ten = Self.judge(item, Regimen(dose: Self.quantity("10mg"), frequency: .once, route: .iv), low)
        #expect(ten.map(\.kind) == [.doseAboveMaximum])   // the criterion names 5 mg only
        let found = Self.judge(item, Regimen(dose: Self.quantity("5mg"), frequency: .once, route: .iv), low)
        #expect(found.map(\.kind) == [.contraindicated])
        #expect(found.first?.critical == true)
        #expect(found.first?.message.contains("eGFR 33") == true)
        #expect(Self.judge(item, Regimen(dose: Self.quantity("4mg"), frequency: .once, route: .iv), low).isEmpty)
        #expect(Self.judge(item, Regimen(dose: Self.quantity("5mg"), frequency: .once, route: .iv), Self.patient(egfr: 64)).isEmpty)
    }

    @Test func frequenciesAllowedForThisPatient() {
        var dialysisOnly = DoseLimit(source: "BNF vancomycin")
        dialysisOnly.when = PatientCriterion(dialysis: true)
        dialysisOnly.frequencies = [.once, .stat]
        let item = Self.medicine("vancomycin", usual: Regimen(dose: Self.quantity("1g"), frequency: .everyHours(12), route: .iv),
                                 dosing: [dialysisOnly])
        #expect(Self.judge(item, Regimen(dose: Self.quantity("1g"), frequency: .everyHours(12), route: .iv),
                           Self.patient(dialysis: true)).map(\.kind) == [.frequencyNotAllowed])
        #expect(Self.judge(item, Regimen(dose: Self.quantity("1g"), frequency: .once, route: .iv), Self.patient(dialysis: true)).isEmpty)
        #expect(Self.judge(item, Regimen(dose: Self.quantity("1g"), frequency: .everyHours(12), route: .iv), Self.patient()).isEmpty)
    }

    @Test func loadingDosingAndPatientFacts() throws {
        // A limit without its source is refused.
        let bad = Fixtures.catalogueYAML.replacingFirst("max_daily: 1250mg}", with: "max_daily: 1250mg, dosing: [{max_dose: 1g}]}")
        #expect(bad != Fixtures.catalogueYAML)
        #expect(throws: LoadFailure.self) {
            try CatalogueLoader.load(catalogueText: bad, cataloguePath: "c.yaml", diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "d.yaml")
        }
        let good = Fixtures.catalogueYAML.replacingFirst("max_daily: 1250mg}", with: "max_daily: 1250mg, dosing: [{max_dose: 1g, source: BNF}]}")
        let catalogue = try CatalogueLoader.load(catalogueText: good, cataloguePath: "c.yaml", diagnosesText: Fixtures.diagnosesYAML,
                                                 diagnosesPath: "d.yaml")
        #expect(catalogue.item(.medicine, "naproxen")?.dosing.first?.maxDose == Self.quantity("1g"))
    }

    @Test func patientFactsAreReadAndCodesChecked() throws {
        let catalogue = try Fixtures.catalogue()
        let good = Fixtures.scenarioYAML.replacingFirst("  sex: male\n", with: "  sex: male\n  weight_kg: 70\n  egfr: 25\n  dialysis: true\n  conditions: [aki]\n  current_medicines: [naproxen]\n")
        #expect(good != Fixtures.scenarioYAML)
        let loaded = ScenarioLoader.load(text: good, path: "s.yaml", catalogue: catalogue)
        let facts = try #require(loaded.scenario?.patient.facts)
        #expect(facts == PatientFacts(weightKg: 70, egfr: 25, dialysis: true, conditions: ["aki"], currentMedicines: ["naproxen"]))
        let bad = Fixtures.scenarioYAML.replacingFirst("  sex: male\n", with: "  sex: male\n  conditions: [akii]\n  current_medicines: [naproxn]\n")
        let failed = ScenarioLoader.load(text: bad, path: "s.yaml", catalogue: catalogue)
        let messages = failed.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("unknown condition 'akii'") && $0.hasPrefix("s.yaml:") })
        #expect(messages.contains { $0.contains("unknown give code 'naproxn'") && $0.contains("naproxen") })
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced (unchanged when absent).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
