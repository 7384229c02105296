import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Outcomes that claimed more than their conditions guaranteed (the claim check's warnings on
/// the bundled cases): each transcript reaches the outcome with a log that contradicted the
/// old text, which must no longer say it.
@Suite struct OutcomeClaimsTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var id: String
        var lines: [String]
        /// Text the outcome must not contain (the claim the log contradicts).
        var contradicted: String
        var testDescription: String { "\(id): not \"\(contradicted)\"" }
    }

    static let examples: [Example] = [
        // Found on CT but never referred: no spinal team's plan awaited.
        Example(id: "thoracolumbar-fracture", lines: ["order ct-spine", "wait 1h", "end"], contradicted: "spinal team"),
        // Fixed by the neurosurgeons, not "the spinal team" (no spinal-surgery referral).
        Example(id: "ankylosed-spine-fracture", lines: ["order ct-spine urgent", "refer neurosurgery", "end"], contradicted: "spinal team"),
        // Referred to neurosurgery late in the case: not "not yet in the hands of the neurosurgeons".
        Example(id: "spinal-cord-tumour", lines: ["order mri-cervical urgent", "wait 11w", "refer neurosurgery", "end"],
                contradicted: "not yet in the hands of the neurosurgeons"),
        // Referred to psychology at week five: not "psychological therapy would have addressed".
        Example(id: "fibromyalgia", lines: ["refer physiotherapy", "wait 5w", "refer psychology", "end"], contradicted: "would have addressed"),
        // Referred to endocrinology: not "a metabolic bone opinion would still have been wise".
        Example(id: "osteomalacia", lines: ["give colecalciferol", "refer endocrinology", "end"], contradicted: "would still have been wise"),
        // Colecalciferol was started: the deficiency was not "untreated".
        Example(id: "osteomalacia", lines: ["give colecalciferol", "give zoledronic-acid", "end"], contradicted: "untreated"),
        // The X-ray came the next day: Paget's disease was not "never confirmed".
        Example(id: "paget-disease", lines: ["give zoledronic-acid", "wait 1d", "order xray-lumbar", "end"], contradicted: "never"),
        // Referred at week eleven: not "never ... referred".
        Example(id: "primary-hyperparathyroidism", lines: ["wait 11w", "refer endocrine-surgery", "end"], contradicted: "never"),
        // Flucloxacillin straight after the cultures: the organism was not yet "identified before treatment".
        Example(id: "vertebral-osteomyelitis", lines: ["order blood-culture", "order blood-culture", "give flucloxacillin 1g q6h iv", "end"],
                contradicted: "identified before treatment"),
    ]

    @Test(arguments: examples) func theOutcomeDoesNotClaimWhatTheLogContradicts(_ example: Example) throws {
        let report = try FeedbackFromTheLogTests.report(example.id, example.lines)
        #expect(!report.outcome.contains(example.contradicted), "\(report.outcome)")
    }
}
