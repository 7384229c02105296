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

    /// A test of a catalogue panel the rubric credits is the case's recommended work-up: the
    /// osteoporotic-fracture case credits most of `myeloma-screen`, so urine Bence Jones is not
    /// "not indicated" (it cost −1 as an unlisted test before).
    @Test func anUnlistedTestOfACreditedPanelIsNotPenalised() throws {
        let r = try FeedbackFromTheLogTests.report("osteoporotic-fracture", ["order urine-bence-jones", "end"])
        let lines = Self.lines(r)
        #expect(!lines.contains { $0.hasPrefix("Unnecessary") && $0.contains("Bence Jones") }, "\(lines)")
        // A test in no credited panel still costs its point.
        let other = try FeedbackFromTheLogTests.report("osteoporotic-fracture", ["order hla-b27", "end"])
        #expect(Self.lines(other).contains { $0.hasPrefix("Unnecessary") && $0.contains("HLA-B27") }, "\(Self.lines(other))")
    }

    /// `validate` warns when an unnecessary item penalises a test of a panel the rubric credits,
    /// and the bundled cases have no such item.
    @Test func validateWarnsWhenARubricPenalisesItsOwnWorkUp() throws {
        let lib = try Repo.lib()
        for scenario in lib.scenarios {
            let text = try String(contentsOfFile: scenario.sourcePath, encoding: .utf8)
            let found = PanelIndication.warnings(scenario, catalogue: lib.catalogue, text: text, path: scenario.sourcePath)
            #expect(found.isEmpty, "\(scenario.id): \(found.map(\.message))")
        }
        let path = Repo.path("Scenarios/polymyalgia-rheumatica.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let neutral = "\"order tsh\", \"order ck\", \"order rheumatoid-factor\"]"
        let scans = "any: [\"order bone-scan\", \"order ct-spine\", \"order ct-chest-abdomen-pelvis\"]"
        #expect(text.contains(neutral) && text.contains(scans))
        let edited = text.replacingOccurrences(of: neutral, with: "\"order tsh\", \"order rheumatoid-factor\"]")
            .replacingOccurrences(of: scans, with: "any: [\"order bone-scan\", \"order ct-spine\", \"order ct-chest-abdomen-pelvis\", \"order ck\"]")
        let loaded = ScenarioLoader.load(text: edited, path: path, catalogue: lib.catalogue)
        let scenario = try #require(loaded.scenario, "\(loaded.diagnostics)")
        let found = PanelIndication.warnings(scenario, catalogue: lib.catalogue, text: edited, path: path)
        #expect(found.count == 1 && found.allSatisfy { $0.severity == .warning && $0.message.contains("'order ck'") && $0.message.contains("pre-steroid-bloods") },
                "\(found.map(\.message))")
    }
}
