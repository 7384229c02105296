import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Timing that cannot be gamed (issue 12): feedback about timing comes from the log, and a
/// late or premature act is never praised beside the error about it.
@Suite struct TimingRulesTests {
    static func report(_ id: String, _ lines: [String]) throws -> GradeReport { try Repo.graded(id, lines) }

    static let cesWorkup = [
        "ask onset radiation severity",
        "ask bladder bowel saddle-numbness sexual-function bilateral-symptoms leg-weakness leg-numbness",
        "examine lower-limb-power lower-limb-reflexes lower-limb-sensation plantar-response straight-leg-raise",
        "examine saddle-sensation rectal",
        "order mri-lumbar urgent",
        "refer neurosurgery urgent",
        "admit neurosurgery",
        "diagnose cauda-equina-syndrome",
    ]

    /// Decompression after painless retention: the debrief never says "done well" about it
    /// beside the critical error "reached CES-R before decompression".
    @Test func lateDecompressionIsNotDoneWell() throws {
        let report = try Self.report("cauda-equina", Self.cesWorkup + ["wait 1d", "perform decompression", "end"])
        #expect(report.criticalErrors.contains { $0.contains("retention") })
        let lines = report.criteria.flatMap(\.feedback)
        #expect(!lines.contains { $0.hasPrefix("Done well") && $0.lowercased().contains("decompress") }, "\(lines)")
    }

    /// Decompression before the MRI result: a critical error that gives the act's time and
    /// the result's due time, and the rubric says "not credited", never "never decompressed".
    @Test func decompressionBeforeTheResultGivesTheTimes() throws {
        let report = try Self.report("cauda-equina", Self.cesWorkup + ["perform decompression", "wait 1d", "end"])
        let error = try #require(report.criticalErrors.first { $0.hasPrefix("Acted before the result") })
        #expect(error.contains("perform surgical decompression at day 0"))
        #expect(error.contains("(due day 0"))
        let lines = report.criteria.flatMap(\.feedback)
        #expect(!lines.contains { $0.contains("never decompressed") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Not credited") })
    }

    /// A premature escalation is never praised as coming "once conservative care had failed".
    @Test func prematureEscalationIsNotPraised() throws {
        let report = try Self.report("lumbar-spinal-stenosis", [
            "ask onset aggravating", "diagnose lumbar-spinal-stenosis", "advise exercise safety-netting",
            "refer physiotherapy", "order mri-lumbar", "refer spinal-surgery", "discharge", "wait 2w", "end",
        ])
        let lines = report.criteria.flatMap(\.feedback)
        #expect(!lines.contains { $0.contains("once conservative care had failed") }, "\(lines)")
        #expect(report.criticalErrors.contains { $0.contains("before the trial of care had failed") })
    }
}
