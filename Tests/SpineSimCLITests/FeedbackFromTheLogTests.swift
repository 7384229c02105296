import Foundation
import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Feedback a cold player found contradicting the log, each replayed: what the report says
/// about an act comes from the act (its time, what it was), and case text claims only what
/// its condition guarantees. Each failed on the build before the fix.
@Suite struct FeedbackFromTheLogTests {
    static func report(_ id: String, _ lines: [String]) throws -> GradeReport {
        Grader.grade(try Repo.played(id, lines), context: .init(transcriptPath: "t.txt"))
    }

    static func feedback(_ report: GradeReport) -> [String] { report.criteria.flatMap(\.feedback) }

    /// An MRI on day 35 was "An MRI at the first visit"; the penalty now names the act and its time.
    @Test func anMRIOnDay35IsNotAFirstVisitMRI() throws {
        let r = try Self.report("lumbar-disc-herniation", ["advise stay-active safety-netting", "give naproxen 500mg bd oral", "wait 5w", "order mri-lumbar", "end"])
        let mri = Self.feedback(r).filter { $0.contains("order mri-lumbar") }
        #expect(!mri.isEmpty, "\(Self.feedback(r))")
        #expect(mri.allSatisfy { $0.contains("at day 35") && !$0.contains("first visit") }, "\(mri)")
    }

    /// After five weeks of naproxen, an opioid was penalised because "she had not yet tried" an NSAID.
    @Test func anOpioidAfterWeeksOfNaproxenDoesNotSayTheNSAIDWasUntried() throws {
        let r = try Self.report("lumbar-disc-herniation", ["advise stay-active safety-netting", "give naproxen 500mg bd oral", "wait 5w", "give codeine 30mg qds oral", "end"])
        let lines = Self.feedback(r)
        // After five weeks of naproxen a weak opioid is allowed (NG59): neither "not yet tried" nor harmful.
        #expect(!lines.contains { $0.contains("not yet tried") }, "\(lines)")
        #expect(!lines.contains { $0.contains("Harmful") && $0.contains("codeine") }, "\(lines)")
    }

    /// The outcome credited physiotherapy that was never ordered.
    @Test func cervicalRadiculopathyOutcomeNamesNoPhysiotherapyNotOrdered() throws {
        let without = try Self.report("cervical-radiculopathy", ["advise stay-active safety-netting", "wait 6w", "end"])
        #expect(!without.outcome.lowercased().contains("physiotherapy"), "\(without.outcome)")
        let with = try Self.report("cervical-radiculopathy", ["advise stay-active safety-netting", "refer physiotherapy", "wait 6w", "end"])
        #expect(with.outcome.lowercased().contains("physiotherapy"), "\(with.outcome)")
    }

    /// The neck outcome said "Reassured, kept active ... and simple analgesia" after ergonomic advice alone.
    @Test func neckPainOutcomeClaimsOnlyTheAdviceGiven() throws {
        let alone = try Self.report("mechanical-neck-pain", ["advise ergonomics", "wait 6w", "end"])
        #expect(alone.outcome.contains("better workstation"), "\(alone.outcome)")
        #expect(!alone.outcome.contains("Reassured") && !alone.outcome.contains("kept active") && !alone.outcome.contains("analgesia"), "\(alone.outcome)")
        let all = try Self.report("mechanical-neck-pain", ["advise ergonomics reassurance stay-active", "wait 6w", "end"])
        #expect(all.outcome.hasPrefix("Reassured, kept active"), "\(all.outcome)")
    }

    /// A surgical referral's outcome said "she chose a microdiscectomy", which nobody did.
    @Test func aReferralOutcomeClaimsNoDiscectomy() throws {
        let r = try Self.report("lumbar-disc-herniation", ["advise stay-active safety-netting", "give naproxen 500mg bd oral", "wait 6w",
                                                             "order mri-lumbar", "wait 2w", "refer spinal-surgery", "wait 8w", "end"])
        #expect(r.outcome.contains("Referred"), "\(r.outcome)")
        #expect(!r.outcome.lowercased().contains("discectomy"), "\(r.outcome)")
    }

    /// Escalating at week 17 read "Never escalated".
    @Test func escalationAfterSixteenWeeksIsNotNeverEscalated() throws {
        let late = try Self.report("lumbar-disc-herniation", ["advise stay-active safety-netting", "give naproxen 500mg bd oral", "wait 17w", "refer spinal-surgery", "end"])
        #expect(!late.outcome.contains("Never escalated"), "\(late.outcome)")
        let never = try Self.report("lumbar-disc-herniation", ["advise stay-active safety-netting", "give naproxen 500mg bd oral", "wait 17w", "end"])
        #expect(never.outcome.contains("Never escalated"), "\(never.outcome)")
    }

    /// "chronic non-specific low back pain" was echoed as "mechanical low back pain".
    @Test func theDiagnosisIsEchoedInTheTraineesWords() throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == "chronic-low-back-pain" })
        var session = Session(scenario: scenario, catalogue: lib.catalogue)
        let typed = session.handle("diagnose chronic non-specific low back pain", lineNumber: 1)
        #expect(typed.text.contains("Working diagnosis recorded: chronic non-specific low back pain."), "\(typed.text)")
        let code = session.handle("diagnose mechanical-low-back-pain", lineNumber: 2)
        #expect(code.text.contains("Working diagnosis recorded: mechanical low back pain."), "\(code.text)")
    }

    /// A rubric item done after its deadline is not also "Done well" (its `met` text may claim
    /// the timing it missed: "Safety-netted at the first visit").
    @Test func aLateActIsNotDoneWell() throws {
        let r = try Self.report("lumbar-disc-herniation", ["give naproxen 500mg bd oral", "wait 1d", "advise safety-netting", "end"])
        let lines = Self.feedback(r)
        #expect(!lines.contains { $0.hasPrefix("Done well: Safety-netted") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Done, but late (see Timeliness): advise safety-netting at day 1") }, "\(lines)")
    }

    static let knownClaimsPath = Repo.path("Tests/Data/known-claim-warnings.txt")

    /// `validate`'s claim check over the bundled cases: no warning beyond the checked-in list,
    /// which may only shrink (a listed warning that has gone fails too, so the list stays
    /// true). Re-record with `RECORD_CLAIMS=1`. Lines are "file: message", without line numbers.
    @Test func bundledCaseTextsClaimOnlyWhatTheirConditionsGuarantee() throws {
        let lib = try Repo.lib()
        var found: [String] = []
        for scenario in lib.scenarios {
            let text = try String(contentsOfFile: scenario.sourcePath, encoding: .utf8)
            found += ClaimCheck.warnings(scenario, catalogue: lib.catalogue, text: text, path: scenario.sourcePath)
                .map { "\((scenario.sourcePath as NSString).lastPathComponent): \($0.message)" }
        }
        found = Array(Set(found)).sorted()
        if ProcessInfo.processInfo.environment["RECORD_CLAIMS"] != nil {
            let header = "# validate's claim-check warnings on the bundled cases (FeedbackFromTheLogTests). May only shrink.\n"
            try (header + found.joined(separator: "\n") + "\n").write(toFile: Self.knownClaimsPath, atomically: true, encoding: .utf8)
        }
        let known = try String(contentsOfFile: Self.knownClaimsPath, encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let new = found.filter { !known.contains($0) }
        let gone = known.filter { !found.contains($0) }
        #expect(new.isEmpty, "new claim warnings (condition the text on the act, or leave the claim out):\n\(new.joined(separator: "\n"))")
        #expect(gone.isEmpty, "listed claim warnings that have gone (remove them from known-claim-warnings.txt):\n\(gone.joined(separator: "\n"))")
    }
}
