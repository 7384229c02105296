import Foundation
import Testing
@testable import SpineSimCore

/// The patient state: loading and checking `state:`, values over time and treatment,
/// results, vitals, phases, conditions and trend lines, on the fixture case.
@Suite struct PatientStateTests {
    /// The fixture case with an ESR that rises 10% a day untreated, halves every 6 hours
    /// (toward 10) on naproxen of at least 750 mg a day, and jumps to 100 at retention (24 h,
    /// so most tests stay before it); a temperature; and a phase that rewords the bladder
    /// answer once ESR is below 40.
    static let stateBlock = """
    state:
      variables:
        esr:
          label: ESR
          unit: mm/h
          baseline: 50
          normal: [1, 20]
          critical_high: 95
          limits: [1, 140]
          course: {per_day: "+10%"}
          steps: [{event: retention, to: 100}]
          effects:
            - {action: give naproxen, min_daily_dose: 750mg, toward: 10, half_life: 6h}
        temperature:
          unit: °C
          baseline: 38.5
          normal: [36.1, 38.0]
          limits: [35, 42]
          decimals: 1
          effects:
            - {action: give paracetamol, onset: 2h, toward: 37.0, half_life: 6h, for: 6h}
      phases:
        - id: settling
          after: give naproxen
          when: ["esr < 40"]
          until: [stop naproxen]
          history: {bladder: "My waterworks are fine again."}
          results:
            blood-culture:
              stages:
                growth: {flag: normal, interpretation: No growth (on treatment).}
                identification: {flag: normal, interpretation: No growth (on treatment).}

    """

    static func yaml(_ block: String = stateBlock, extraResults: String = "  esr: {value: \"{esr}\", interpretation: Inflammation marker.}\n") -> String {
        Fixtures.scenarioYAML
            .replacingOccurrences(of: "course:\n  horizon: 2d", with: block + "course:\n  horizon: 2d")
            .replacingOccurrences(of: "results:\n  mri-lumbar:", with: "results:\n" + extraResults + "  mri-lumbar:")
    }

    static func session(_ lines: [String]) throws -> Session {
        try Fixtures.session(lines, yaml: yaml())
    }

    @Test func valuesFollowTheNaturalCourseAndTreatment() throws {
        let untreated = try Self.session(["wait 12h"])
        // 50 × 1.1^½ after half a day untreated.
        #expect(abs((untreated.stateValue("esr") ?? 0) - 52.44) < 0.01)
        let treated = try Self.session(["give naproxen", "wait 12h"])
        // Two half-lives from 50 toward 10: 20 (the give itself takes a minute untreated).
        let value = try #require(treated.stateValue("esr"))
        #expect(value > 19.9 && value < 20.2, "\(value)")
        // Too low a dose does nothing: the natural course goes on.
        let lowDose = try Self.session(["give naproxen 125mg bd oral", "wait 12h"])
        #expect((lowDose.stateValue("esr") ?? 0) > 52.4)
    }

    @Test func stoppingEndsTheEffectAndTheCourseResumes() throws {
        let s = try Self.session(["give naproxen", "wait 12h", "stop naproxen", "wait 10h"])
        let atStop = try #require(s.stateValue("esr", at: 721))
        let later = try #require(s.stateValue("esr"))
        // Back on the natural course: 10% a day for the 10 hours since.
        #expect(abs(later / atStop - 1.0405) < 0.002, "\(atStop) → \(later)")
    }

    @Test func anEffectWithADurationWearsOff() throws {
        let s = try Self.session(["give paracetamol", "wait 20h"])
        // From 2 h to 8 h, one half-life from 38.5 toward 37: 37.75.
        let onDrug = try #require(s.stateValue("temperature", at: 9 * 60))
        #expect(abs(onDrug - 37.75) < 0.01, "\(onDrug)")
        // No natural course: after the 6 hours it stays where it was left.
        #expect(abs((s.stateValue("temperature") ?? 0) - onDrug) < 0.05)
    }

    @Test func aResultReportsTheValueWhenTheSampleWasTaken() throws {
        let s = try Self.session(["order esr urgent", "wait 12h", "order esr urgent", "give naproxen", "wait 2h"])
        let esr = s.received.filter { $0.code == "esr" }
        #expect(esr.count == 2)
        #expect(esr.first?.spec.value == "50")
        #expect(esr.first?.spec.unit == "mm/h")
        #expect(esr.first?.spec.range == "1-20")
        #expect(esr.first?.spec.flag == .high)
        // Ordered half a day later, untreated until then: 52, with the trend against the first.
        #expect(esr.last?.spec.value == "52")
        #expect(esr.last?.spec.interpretation == "Inflammation marker. ESR up from 50 (day 0 09:00).")
    }

    @Test func aCourseEventStepSetsTheValueAndTheFlag() throws {
        let s = try Self.session(["wait 25h", "order esr", "wait 2d"])
        #expect(s.firedEvents.map(\.id).contains("retention"))
        let esr = try #require(s.received.first { $0.code == "esr" })
        #expect(esr.spec.flag == .critical)
        #expect(esr.spec.value == "100")
    }

    @Test func vitalsShowTheCurrentStateValue() throws {
        var s = try Self.session(["examine vitals", "give paracetamol", "wait 12h"])
        let response = s.handle("examine vitals")
        #expect(response.text.contains("T 37.8 °C"), "\(response.text)")
        #expect(s.measurements.filter { $0.variable == "temperature" }.count == 2)
    }

    @Test func phasesRewordHistoryAndResultsWhileTheyHold() throws {
        var before = try Self.session(["give naproxen"])
        #expect(before.handle("ask bladder").text.contains("It feels odd"))
        var after = try Self.session(["give naproxen", "wait 12h"])
        #expect(after.handle("ask bladder").text.contains("fine again"))
        _ = after.handle("order blood-culture")
        _ = after.handle("wait 3d")
        #expect(after.received.contains { $0.spec.interpretation == "No growth (on treatment)." })
        var stopped = try Self.session(["give naproxen", "wait 12h", "stop naproxen"])
        #expect(stopped.handle("ask bladder").text.contains("It feels odd"))
    }

    @Test func outcomesAndEventsCanReadTheState() throws {
        let block = Self.stateBlock
        let yaml = Self.yaml(block).replacingOccurrences(
            of: "    outcomes:\n", with: "    outcomes:\n").replacingOccurrences(
            of: "outcomes:\n  - if: {done: [perform decompression], not_events: [retention]}",
            with: "outcomes:\n  - if: {state: [\"esr < 20\"]}\n    text: Settled.\n  - if: {done: [perform decompression], not_events: [retention]}")
        let catalogue = try Fixtures.catalogue()
        let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "t.yaml", catalogue: catalogue)
        #expect(scenario.outcomes.first?.condition?.state == [StateCondition(variable: "esr", comparison: .below, threshold: 20)])
        var treated = Session(scenario: scenario, catalogue: catalogue)
        for line in ["perform decompression", "give naproxen", "end"] { _ = treated.handle(line) }
        let report = Grader.grade(treated, context: .init(transcriptPath: "t"))
        #expect(report.outcome == "Settled.")
        var untreated = Session(scenario: scenario, catalogue: catalogue)
        for line in ["perform decompression", "end"] { _ = untreated.handle(line) }
        #expect(Grader.grade(untreated, context: .init(transcriptPath: "t")).outcome == "Decompressed in time.")
    }

    @Test func anEventWithAStateConditionFiresOnlyWhenItHolds() throws {
        let yaml = Self.yaml().replacingOccurrences(
            of: "    - id: settled\n", with: "    - id: high-esr\n      at: 12h\n      when: [\"esr > 52\"]\n      message: ESR climbing.\n    - id: settled\n")
        let untreated = try Fixtures.session(["wait 13h"], yaml: yaml)
        #expect(untreated.firedEvents.map(\.id).contains("high-esr"))
        let treated = try Fixtures.session(["give naproxen", "wait 13h"], yaml: yaml)
        #expect(!treated.firedEvents.map(\.id).contains("high-esr"))
    }

    @Test func theChartDrawsMeasuredValuesAsATrendLine() throws {
        var s = try Self.session(["order esr urgent", "wait 6h", "order esr urgent", "give naproxen", "wait 12h",
                                  "order esr urgent", "wait 2h"])
        let chart = s.handle("chart").lines
        let trend = try #require(chart.first { $0.text.hasPrefix("  ESR") })
        #expect(trend.text == "  ESR  50 ##_ 20 mm/h (day 0 09:00 -> day 1 03:03)", "\(trend.text)")
        #expect(trend.rich == "  ESR  50 ██▁ 20 mm/h (day 0 09:00 → day 1 03:03)")
        // Hidden values are not drawn: no temperature line without vitals examined twice.
        #expect(!chart.contains { $0.text.contains("temperature") })
    }

    @Test func sparklinesScaleBetweenTheLowestAndHighest() {
        let points = [10.0, 20, 30, 40].enumerated().map { StateReading(variable: "x", t: $0.offset * 60, value: $0.element) }
        let trend = StateTrend(label: "X", unit: "u", decimals: 0, points: points)
        #expect(trend.sparkline(unicode: true) == "▁▃▆█")
        #expect(trend.sparkline(unicode: false) == "_-+#")
        let flat = StateTrend(label: "X", unit: "u", decimals: 0, points: Array(points.prefix(1)) + [StateReading(variable: "x", t: 60, value: 10)])
        #expect(flat.sparkline(unicode: false) == "==")
    }

    @Test func conditionsParse() {
        #expect(StateCondition.parse("crp > 60") == StateCondition(variable: "crp", comparison: .above, threshold: 60))
        #expect(StateCondition.parse("calcium <= 2.6")?.holds(for: 2.6) == true)
        #expect(StateCondition.parse("crp above 60") == nil)
        #expect(StateCondition.parse("crp >") == nil)
    }

    @Test func aStaticCaseIsUnchanged() throws {
        let s = try Fixtures.session(["examine vitals", "order esr", "wait 2d"])
        #expect(s.received.first?.spec.value == "8")
        #expect(s.measurements.isEmpty)
        #expect(s.trends.isEmpty)
    }

    // MARK: Validation

    static func errors(_ yaml: String) throws -> [String] {
        let loaded = ScenarioLoader.load(text: yaml, path: "t.yaml", catalogue: try Fixtures.catalogue())
        return loaded.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func badStateIsReportedWithItsLine() throws {
        let bad = Self.stateBlock
            .replacingOccurrences(of: "baseline: 50", with: "baseline: 500")
            .replacingOccurrences(of: "give naproxen, min_daily_dose: 750mg", with: "give naproxn, min_daily_dose: lots")
            .replacingOccurrences(of: "\"esr < 40\"", with: "\"crp < 40\"")
            .replacingOccurrences(of: "steps: [{event: retention", with: "steps: [{event: retentoin")
            .replacingOccurrences(of: "decimals: 1", with: "decimals: 1\n      colour: red")
        let errors = try Self.errors(Self.yaml(bad))
        let expected = [
            "state variable 'esr'.baseline 500 is outside its limits [1, 140]",
            "no course event 'retentoin'; did you mean 'retention'?",
            "unknown give code 'naproxn'; did you mean 'naproxen'?",
            "min_daily_dose must be a dose like 4g or 500mg, not 'lots'",
            "unknown key 'colour'",
            "no state variable 'crp'",
        ]
        for text in expected {
            #expect(errors.contains { $0.contains(text) }, "missing: \(text)\n\(errors.joined(separator: "\n"))")
        }
        #expect(errors.allSatisfy { $0.hasPrefix("t.yaml:") && $0.split(separator: ":").count > 3 }, "\(errors)")
    }

    @Test func aResultNamingAnUndeclaredVariableIsAnError() throws {
        let errors = try Self.errors(Self.yaml(extraResults: "  esr: {value: \"{crp}\"}\n"))
        #expect(errors.contains { $0.contains("value '{crp}' names no state variable") }, "\(errors)")
    }

    @Test func aMotionNeedsOneWayToMove() throws {
        let both = Self.stateBlock.replacingOccurrences(of: "course: {per_day: \"+10%\"}", with: "course: {per_day: 1, toward: 5, half_life: 1d}")
        #expect(try Self.errors(Self.yaml(both)).contains { $0.contains("give per_day or toward, not both") })
        let noHalfLife = Self.stateBlock.replacingOccurrences(of: "course: {per_day: \"+10%\"}", with: "course: {toward: 5}")
        #expect(try Self.errors(Self.yaml(noHalfLife)).contains { $0.contains("'toward' needs a half_life") })
    }
}


extension PatientStateTests {
    @Test func anEffectDoesNotActAfterItsUnlessEvent() throws {
        let block = Self.stateBlock.replacingOccurrences(
            of: "        - {action: give naproxen, min_daily_dose: 750mg, toward: 10, half_life: 6h}",
            with: "        - {action: give naproxen, min_daily_dose: 750mg, toward: 10, half_life: 6h, unless_events: [retention]}")
        let before = try Fixtures.session(["give naproxen", "wait 12h"], yaml: Self.yaml(block))
        #expect((before.stateValue("esr") ?? 100) < 25)
        let after = try Fixtures.session(["wait 25h", "give naproxen", "wait 12h"], yaml: Self.yaml(block))
        #expect((after.stateValue("esr") ?? 0) > 100)
        let bad = block.replacingOccurrences(of: "unless_events: [retention]", with: "unless_events: [retentoin]")
        #expect(try Self.errors(Self.yaml(bad)).contains { $0.contains("unless_events: no course event 'retentoin'") })
    }
}
