import Foundation
@testable import SpineSimCore

/// A small catalogue and case, written here so core tests do not depend on the bundled data.
enum Fixtures {
    static let catalogueYAML = """
    version: 1
    defaults: {ask: 1, examine: 2, order: 1, give: 1, advise: 1, refer: 1, stop: 1, admit: 1, discharge: 1}
    exclusive_classes: [nsaid, opioid]
    unlisted:
      order: {tier: unnecessary, points: 1}
      perform: {tier: unnecessary, points: 2}
    questions:
      - {code: onset, name: onset, aliases: [start], default: "It came on gradually."}
      - {code: bladder, name: bladder function, default: "No problems with my waterworks."}
      - {code: saddle-numbness, name: saddle numbness, default: "No numbness there."}
      - {code: night-pain, name: night pain, default: "No."}
    examinations:
      - {code: vitals, name: vital signs, default: "Within normal limits."}
      - {code: rectal, name: digital rectal examination, aliases: [dre], time: 3, default: "Normal anal tone."}
      - {code: straight-leg-raise, name: straight leg raise, aliases: [slr], default: "Negative both sides."}
    tests:
      - code: esr
        name: ESR
        kind: lab
        turnaround: {routine: 1d, urgent: 1h}
        default: {value: "8", unit: mm/h, range: "1-20", flag: normal}
      - code: mri-lumbar
        name: MRI lumbar spine
        kind: imaging
        classes: [imaging]
        turnaround: {routine: 2w, urgent: 2h}
        default: {flag: normal, interpretation: Normal MRI.}
      - code: xray-lumbar
        name: X-ray lumbar spine
        kind: imaging
        classes: [imaging, ionising-imaging]
        turnaround: {routine: 1d, urgent: 1h}
        default: {flag: normal, interpretation: Normal.}
      - code: bladder-scan
        name: bladder scan
        kind: bedside
        turnaround: {routine: 10m, urgent: 10m}
        default: {value: "20", unit: ml, flag: normal}
      - code: blood-culture
        name: blood cultures
        kind: lab
        turnaround: {routine: 3d, urgent: 3d}
        stages:
          - {id: growth, name: growth, routine: 2d, urgent: 2d}
          - {id: identification, name: identification, routine: 3d, urgent: 3d}
        default:
          stages:
            growth: {flag: normal, interpretation: No growth.}
            identification: {flag: normal, interpretation: No growth at 5 days.}
    medicines:
      - {code: naproxen, name: naproxen, classes: [nsaid], routes: [oral], usual: {dose: 250mg, frequency: q8h, route: oral}, max_daily: 1250mg}
      - {code: ibuprofen, name: ibuprofen, classes: [nsaid], routes: [oral, topical], usual: {dose: 400mg, frequency: tds, route: oral}, max_daily: 2400mg}
      - {code: paracetamol, name: paracetamol, aliases: [acetaminophen], classes: [], routes: [oral, iv], usual: {dose: 1g, frequency: qds, route: oral}, max_daily: 4g}
      - {code: codeine, name: codeine, classes: [opioid, weak-opioid], routes: [oral], usual: {dose: 30mg, frequency: qds, route: oral}, max_daily: 240mg}
      - {code: anti-tb-therapy, name: anti-tuberculous therapy, classes: [antituberculous], routes: [oral], usual: {frequency: daily, route: oral}}
    advice:
      - {code: stay-active, name: stay active}
      - {code: bed-rest, name: bed rest}
    services:
      - {code: medicine, name: general medicine}
      - {code: neurosurgery, name: neurosurgery}
      - {code: physiotherapy, name: physiotherapy, aliases: [physio]}
    procedures:
      - {code: decompression, name: surgical decompression, time: 90, classes: [surgery]}
      - {code: fusion, name: spinal fusion, time: 180, classes: [surgery]}
    """

    static let diagnosesYAML = """
    version: 1
    diagnoses:
      - {code: cauda-equina-syndrome, name: cauda equina syndrome, aliases: [ces]}
      - {code: mechanical-low-back-pain, name: mechanical low back pain, aliases: [non-specific low back pain]}
      - {code: lumbar-disc-herniation, name: lumbar disc herniation, aliases: [slipped disc]}
    """

    static let scenarioYAML = """
    id: test-ces
    title: Back pain and numbness, 40-year-old man — emergency department
    setting: emergency-department
    difficulty: intermediate
    tags: [test]
    summary: A small case for unit tests.
    references: [GIRFT 2023]
    patient:
      name: Mr Test
      age: 40
      sex: male
      complaint: My back hurts and I feel numb down below.
      vitals: {heart_rate: 80, blood_pressure: 130/80, temperature: 36.8}
    history:
      bladder: "It feels odd when I pass water."
      saddle-numbness: ["Numb around my bottom.", "My bottom feels numb."]
    examination:
      rectal: Reduced anal tone and perianal sensation.
    results:
      mri-lumbar: {flag: abnormal, interpretation: Central L4/5 disc prolapse compressing the cauda equina.}
      bladder-scan: {value: "150", unit: ml, flag: abnormal, interpretation: Residual 150 ml.}
    diagnosis:
      accepted: [cauda-equina-syndrome, incomplete cauda equina syndrome]
      partial: [lumbar-disc-herniation]
    course:
      horizon: 2d
      events:
        - id: retention
          at: 24h
          unless: [perform decompression]
          message: He can no longer pass urine.
          history: {bladder: "I can't go at all."}
          results:
            bladder-scan: {value: "900", unit: ml, flag: critical, interpretation: Painless retention.}
          critical_error: Reached painless retention before decompression
          reference: GIRFT 2023
        - id: settled
          after: {action: perform decompression, delay: 1d}
          message: Sensation is returning.
    outcomes:
      - if: {done: [perform decompression], not_events: [retention]}
        text: Decompressed in time.
      - if: {events: [retention]}
        text: Went into retention.
      - text: Fallback.
    rubric:
      pass_mark: 70
      weights: {history: 15, examination: 15, investigations: 15, ladder: 20, timeliness: 15, safety: 10, diagnosis: 10}
      items:
        - id: red-flags
          tier: critical
          all: [ask bladder, ask saddle-numbness]
          points: 4
          feedback: {met: Asked the red-flag questions., missed: Ask about bladder and saddle sensation.}
          reference: GIRFT 2023
        - id: rectal
          tier: required
          action: examine rectal
          points: 3
          feedback: {met: Examined perianal sensation and tone., missed: Examine rectal tone and sensation.}
          reference: GIRFT 2023
        - id: mri
          tier: critical
          action: order mri-lumbar urgent
          points: 5
          within: 2h
          feedback: {met: Urgent MRI., missed: An urgent MRI was needed., late: The MRI was requested late.}
          reference: GIRFT 2023
          critical_error: No urgent MRI within 2 hours
        - id: decompress
          tier: required
          action: perform decompression
          points: 5
          feedback: {met: Decompressed., missed: Decompression was needed.}
          reference: GIRFT 2023
        - id: bed-rest
          tier: harmful
          action: advise bed-rest
          points: 4
          feedback: {met: Bed rest is wrong here.}
          reference: NICE NG59
        - id: fusion
          tier: harmful
          action: perform fusion
          points: 5
          critical: true
          feedback: {met: Fusion has no place here.}
          reference: NICE NG59
        - id: scan
          tier: neutral
          action: order bladder-scan
    self_tests:
      - name: exemplar
        expect: pass
        score: [80, 100]
        transcript: |
          ask bladder saddle-numbness
          examine rectal
          order mri-lumbar urgent
          wait 2h
          perform decompression
          diagnose cauda equina syndrome
          end
      - name: pitfall
        expect: fail
        score: [0, 60]
        transcript: |
          ask onset
          advise bed-rest
          end
    """

    static func catalogue() throws -> Catalogue {
        try CatalogueLoader.load(catalogueText: catalogueYAML, cataloguePath: "catalogue.yaml",
                                 diagnosesText: diagnosesYAML, diagnosesPath: "diagnoses.yaml")
    }

    static func scenario() throws -> (Scenario, Catalogue) {
        let catalogue = try catalogue()
        let scenario = try ScenarioLoader.loadOrThrow(text: scenarioYAML, path: "test-ces.yaml", catalogue: catalogue)
        return (scenario, catalogue)
    }

    /// Runs lines through a fresh session of the fixture case, or of `yaml` when given.
    static func session(_ lines: [String], seed: UInt64 = 0, yaml: String = scenarioYAML) throws -> Session {
        let catalogue = try catalogue()
        let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "test-ces.yaml", catalogue: catalogue)
        var session = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: seed))
        for (i, line) in lines.enumerated() { _ = session.handle(line, lineNumber: i + 1) }
        return session
    }

    /// The fixture case with its neutral bladder-scan rubric item replaced by `items`
    /// (rubric items written at the fixture's indentation).
    static func scenarioYAML(replacingScanItemWith items: String) -> String {
        scenarioYAML.replacingOccurrences(of: "    - id: scan\n      tier: neutral\n      action: order bladder-scan", with: items)
    }
}
