import Foundation
import Testing
@testable import SpineSimCore

/// The probable-dose-error teaching policy (`probable_dose_error`): for a medicine with no
/// fixed maximum for this patient, one dose more than `multiple` times the usual dose by its
/// route is an error, and more than twice that a critical error; `route_doses` gives the usual
/// dose by other routes; `age_below` limits a weight-based dose to children.
@Suite struct ProbableDoseErrorTests {
    static let policy = DoseErrorPolicy(multiple: 3, reason: "a probable tenfold-type error", source: "NPSA/2008/RRR005")
    static func q(_ text: String) -> Quantity { DosingTests.quantity(text) }

    static let morphine = CatalogueItem(kind: .medicine, code: "morphine", name: "morphine", aliases: [], classes: ["opioid"], time: 1,
                                        routes: [.oral, .iv, .sc], usual: Regimen(dose: q("10mg"), frequency: .everyHours(4), route: .oral),
                                        routeDoses: [.iv: q("5mg")])

    static func judge(_ item: CatalogueItem, _ regimen: Regimen, patient: PrescribingPatient = DosingTests.patient(),
                      policy: DoseErrorPolicy? = policy) -> [DoseJudge.Found] {
        DoseJudge(item: item, regimen: regimen, patient: patient, actions: [], at: 0, policy: policy).findings()
    }

    @Test func tenTimesTheUsualDoseIsCriticalAndNamesDoseLimitAndSource() {
        let found = Self.judge(Self.morphine, Regimen(dose: Self.q("100mg"), frequency: .everyHours(4), route: .oral))
        #expect(found.count == 1)
        #expect(found.first?.critical == true)
        #expect(found.first?.source == "NPSA/2008/RRR005")
        #expect(found.first?.message.contains("100 mg in one dose") == true)
        #expect(found.first?.message.contains("at most 30 mg a dose (3 × the usual 10 mg oral dose)") == true)
    }

    @Test func theUsualDoseByTheRouteGivenIsTheYardstick() {
        // 20 mg IV is four times the usual 5 mg IV: an error, not critical; 15 mg IV is no error.
        let iv = Self.judge(Self.morphine, Regimen(dose: Self.q("20mg"), frequency: .stat, route: .iv))
        #expect(iv.map(\.critical) == [false])
        #expect(iv.first?.message.contains("3 × the usual 5 mg iv dose") == true)
        #expect(Self.judge(Self.morphine, Regimen(dose: Self.q("15mg"), frequency: .stat, route: .iv)).isEmpty)
        // 20 mg by mouth is twice the usual oral dose: no error.
        #expect(Self.judge(Self.morphine, Regimen(dose: Self.q("20mg"), frequency: .everyHours(4), route: .oral)).isEmpty)
        // A route with no usual dose is not judged.
        #expect(Self.judge(Self.morphine, Regimen(dose: Self.q("100mg"), frequency: .stat, route: .sc)).isEmpty)
    }

    @Test func aMedicineWithAMaximumOrNoPolicyIsNotJudgedByIt() {
        let withMax = DosingTests.medicine("paracetamol", usual: Regimen(dose: Self.q("1g"), frequency: .qds, route: .oral),
                                           maxDaily: "4g", dosing: [])
        // 3.5 g a dose is more than 3 × usual, but the BNF maximum is the judgement (14 g a day > 8 g: critical).
        let found = Self.judge(withMax, Regimen(dose: Self.q("3.5g"), frequency: .qds, route: .oral))
        #expect(found.count == 1)
        #expect(found.first?.source == "BNF paracetamol")
        #expect(Self.judge(Self.morphine, Regimen(dose: Self.q("100mg"), frequency: .everyHours(4), route: .oral), policy: nil).isEmpty)
    }

    @Test func aWeightBasedLimitForChildrenAppliesOnlyUnderItsAge() {
        var child = DoseLimit(source: "BNF for Children ceftriaxone")
        child.when = PatientCriterion(ageBelow: 12)
        child.perKg = [PerKgDose(name: "ceftriaxone", perKg: Self.q("100mg"), cap: Self.q("4g"))]
        let ceftriaxone = DosingTests.medicine("ceftriaxone", usual: Regimen(dose: Self.q("2g"), frequency: .daily, route: .iv),
                                               maxDaily: "4g", dosing: [child])
        let sixGrams = Regimen(dose: Self.q("6g"), frequency: .daily, route: .iv)
        let toddler = Self.judge(ceftriaxone, sixGrams, patient: DosingTests.patient(age: 2, weight: 12))
        #expect(toddler.map(\.critical) == [true])
        #expect(toddler.first?.message.contains("aged 2, 12 kg") == true)
        #expect(toddler.first?.message.contains("at most 1.2 g a day") == true)
        let adult = Self.judge(ceftriaxone, sixGrams, patient: DosingTests.patient(age: 40, weight: 12))
        #expect(adult.map(\.critical) == [false])      // the adult 4 g maximum: 6 g is an error
        #expect(adult.first?.message.contains("at most 4 g a day") == true)
    }

    /// The diagnostics of a catalogue that fails to load (empty when it loads).
    static func loadErrors(_ text: String) -> [Diagnostic] {
        do {
            _ = try CatalogueLoader.load(catalogueText: text, cataloguePath: "c.yaml", diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "d.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func thePolicyAndRouteDosesAreReadAndCheckedAndBelongToTheBundledCatalogue() throws {
        let yaml = Fixtures.catalogueYAML.replacingFirst("exclusive_classes: [nsaid, opioid]\n", with: """
            exclusive_classes: [nsaid, opioid]
            probable_dose_error: {multiple: 3, reason: a probable tenfold error, source: NPSA/2008/RRR005}

            """)
        #expect(yaml != Fixtures.catalogueYAML)
        let catalogue = try CatalogueLoader.load(catalogueText: yaml, cataloguePath: "c.yaml", diagnosesText: Fixtures.diagnosesYAML,
                                                 diagnosesPath: "d.yaml")
        #expect(catalogue.doseErrorPolicy == Self.policy.with(reason: "a probable tenfold error"))
        let low = Self.loadErrors(yaml.replacingFirst("multiple: 3", with: "multiple: 1"))
        #expect(low.contains { $0.description.hasPrefix("c.yaml:") && $0.message.contains("must be more than 1") })
        let badRoute = Fixtures.catalogueYAML.replacingFirst("max_daily: 1250mg}", with: "max_daily: 1250mg, route_doses: {iv: 250mg}}")
        #expect(badRoute != Fixtures.catalogueYAML)
        #expect(Self.loadErrors(badRoute).contains { $0.message.contains("naproxen.route_doses: 'iv' is not one of its routes") })
        let overlay = "version: 1\nprobable_dose_error: {multiple: 3, reason: r, source: s}\n"
        let base = try Fixtures.catalogue()
        do {
            _ = try CatalogueLoader.overlay(base, catalogue: (overlay, "d/catalogue/catalogue.yaml"), diagnoses: nil)
            Issue.record("probable_dose_error accepted in an overlay")
        } catch {
            #expect(error.diagnostics.first?.description.contains("'probable_dose_error' belongs to the bundled catalogue only") == true)
        }
    }
}

extension DoseErrorPolicy {
    func with(reason: String) -> DoseErrorPolicy { DoseErrorPolicy(multiple: multiple, reason: reason, source: source) }
}
