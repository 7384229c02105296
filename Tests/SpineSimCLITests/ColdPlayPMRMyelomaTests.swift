import Foundation
import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Feedback wording a clinician-examiner found contradicting the log in the polymyalgia and
/// myeloma cases (issue 12 cold play), replayed. Each failed on the build before the fix.
@Suite struct ColdPlayPMRMyelomaTests {
    static let myelomaWorkUp = [
        "ask onset night-pain cancer-history weight-loss fatigue urinary-symptoms bowel recent-infection",
        "examine vitals general palpation spinal-percussion",
        "order fbc calcium esr renal lft urgent",
        "wait 1h",
        "admit medicine",
        "give sodium-chloride-0-9 1000ml q6h iv",
        "order spep free-light-chains urgent",
    ]

    static func lines(_ report: GradeReport) -> [String] { FeedbackFromTheLogTests.feedback(report) }

    /// "Done well: Asked about osteoporosis and previous fractures" after only `ask steroid-use`.
    @Test func previousSteroidsAloneIsNotPraisedAsAnOsteoporosisHistory() throws {
        let r = try FeedbackFromTheLogTests.report("polymyalgia-rheumatica", ["ask steroid-use", "end"])
        let lines = Self.lines(r)
        #expect(!lines.contains { $0.hasPrefix("Done well") && $0.contains("osteoporosis") }, "\(lines)")
        let asked = try FeedbackFromTheLogTests.report("polymyalgia-rheumatica", ["ask osteoporosis", "end"])
        #expect(Self.lines(asked).contains { $0.hasPrefix("Done well") && $0.contains("osteoporosis") }, "\(Self.lines(asked))")
    }

    /// Whole-body MRI was "not indicated" while a Missed line said it was "not in this catalogue".
    @Test func wholeBodyMRIIsTheNG35ImagingNotAnUnnecessaryTest() throws {
        let r = try FeedbackFromTheLogTests.report("multiple-myeloma", Self.myelomaWorkUp + ["order mri-whole-body urgent", "wait 1d", "end"])
        let lines = Self.lines(r)
        #expect(!lines.contains { $0.contains("not in this catalogue") || $0.contains("in this catalogue)") }, "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("Unnecessary") && $0.lowercased().contains("whole-body") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Done well") && $0.contains("whole-body MRI") }, "\(lines)")
    }

    /// IV saline was described as "not a catalogue item; admission implies it".
    @Test func ivFluidsAreCreditedNotCalledUncatalogued() throws {
        let r = try FeedbackFromTheLogTests.report("multiple-myeloma", Self.myelomaWorkUp + ["wait 1d", "end"])
        let lines = Self.lines(r)
        #expect(!lines.contains { $0.contains("not a catalogue item") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Done well") && $0.contains("intravenous fluid") }, "\(lines)")
    }

    /// After pamidronate the outcome said a bisphosphonate "would have" brought the calcium down.
    @Test func pamidronateIsAnIVBisphosphonateInTheOutcome() throws {
        let r = try FeedbackFromTheLogTests.report("multiple-myeloma", Self.myelomaWorkUp + [
            "wait 1d", "refer haematology urgent", "give pamidronate 60mg once iv", "wait 3d", "end"])
        #expect(!r.outcome.contains("would have"), "\(r.outcome)")
        #expect(r.outcome.contains("intravenous bisphosphonate"), "\(r.outcome)")
        #expect(!Self.lines(r).contains { $0.hasPrefix("Missed") && $0.contains("bisphosphonate") }, "\(Self.lines(r))")
    }

    /// A referral on day 0, before the paraprotein came back, read "Referred … once the paraprotein was found".
    @Test func anEarlyReferralIsNotSaidToFollowTheParaprotein() throws {
        let r = try FeedbackFromTheLogTests.report("multiple-myeloma", Self.myelomaWorkUp + ["refer haematology urgent", "wait 3d", "end"])
        let lines = Self.lines(r)
        #expect(!lines.contains { $0.contains("once the paraprotein was found") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Not credited: refer haematology urgent at day 0") }, "\(lines)")
    }
}
