import Foundation
import Testing
import SpineSimCore
@testable import SpineSimCLI

/// Results consistent with the case (issue 12), with the bundled catalogue and cases: a test
/// that does not apply to the patient says so; a study that contains another shows the case's
/// findings there; and no bundled case leaves a default that contradicts its own findings.
@Suite struct ResultConsistencyTests {
    func session(_ lines: [String], case name: String) throws -> Session {
        let lib = try Repo.lib()
        let scenario = try #require(try lib.scenario(named: name) as Scenario?)
        let text = "# seed: 1\n" + lines.joined(separator: "\n") + "\n"
        return Session.replaying(Transcript.parse(text), scenario: scenario, catalogue: lib.catalogue, options: SessionOptions(seed: 1))
    }

    /// The text of the (first) result received for `code`.
    func result(_ code: String, _ lines: [String], case name: String) throws -> (text: String, abnormal: Bool) {
        let s = try session(lines, case: name)
        let r = try #require(s.received.first { $0.code == code }, "no \(code) result in \(name)")
        return (ResultText.body(r.spec).map(\.text).joined(separator: "\n"), r.spec.isAbnormal)
    }

    /// PSA was "normal" for three women: it now says it does not apply, with no value.
    @Test(arguments: ["lumbar-disc-herniation", "osteomalacia", "primary-hyperparathyroidism", "pyelonephritis", "fibromyalgia", "polymyalgia-rheumatica"])
    func aPSAInAWomanSaysItDoesNotApply(name: String) throws {
        let r = try result("psa", ["order psa", "wait 4d"], case: name)
        #expect(r.text.hasPrefix("Not applicable: prostate-specific antigen (PSA) applies to men; the patient is a"), "\(r.text)")
        #expect(!r.text.contains("ng/mL") && !r.abnormal)
    }

    /// A pregnancy test in a man, or in a woman past 55, does not apply; in a woman of 34 it does.
    @Test func aPregnancyTestAppliesToWomenOfChildBearingAge() throws {
        #expect(try result("pregnancy-test", ["order pregnancy-test", "wait 1h"], case: "mechanical-strain").text.hasPrefix("Not applicable"))
        #expect(try result("pregnancy-test", ["order pregnancy-test", "wait 1h"], case: "osteoporotic-fracture").text.hasPrefix("Not applicable"))
        #expect(try result("pregnancy-test", ["order pregnancy-test", "wait 1h"], case: "osteomalacia").text.hasPrefix("Negative"))
    }

    /// A whole-spine MRI read normal beside the lumbar MRI's severe stenosis, or its pars
    /// defect with slip: it now reports the case's lumbar findings, abnormal.
    @Test(arguments: [("lumbar-spinal-stenosis", "Severe central canal stenosis at L4/5"), ("spondylolisthesis", "pars")])
    func aWholeSpineMRIShowsTheLumbarFindings(name: String, finding: String) throws {
        let r = try result("mri-whole-spine", ["order mri-whole-spine urgent", "wait 3h"], case: name)
        #expect(r.text.contains(finding) && r.abnormal, "\(r.text)")
        #expect(r.text.contains("MRI of the cervical spine  Normal alignment"), "the cervical region keeps its normal default: \(r.text)")
        #expect(!r.text.contains("cauda equina normal"), "no default line contradicts the lumbar findings: \(r.text)")
    }

    /// PTH "normal" beside a calcium of 3.05 in myeloma: PTH is suppressed in hypercalcaemia of malignancy.
    @Test func myelomaHasASuppressedPTH() throws {
        let s = try session(["order pth urgent", "wait 2d"], case: "multiple-myeloma")
        let pth = try #require(s.received.first { $0.code == "pth" })
        #expect(pth.spec.flag == .low, "\(ResultText.body(pth.spec).map(\.text))")
    }

    /// A biopsy of a malignant deposit no longer reports "no malignancy".
    @Test(arguments: ["spinal-metastasis", "malignancy", "multiple-myeloma"])
    func aBiopsyOfAMalignantDepositShowsIt(name: String) throws {
        let r = try result("ct-guided-biopsy", ["order ct-guided-biopsy", "wait 4d"], case: name)
        #expect(!r.text.contains("no inflammation, granulomas or malignancy") && r.abnormal, "\(r.text)")
    }

    /// Schober's test is not normal where lumbar movement is severely restricted.
    @Test(arguments: ["vertebral-osteomyelitis", "cauda-equina", "spinal-tb", "osteoporotic-fracture"])
    func schoberIsNotNormalWhereMovementIsSeverelyRestricted(name: String) throws {
        let s = try session(["examine schober"], case: name)
        let text = try #require(s.log.first).response.map(\.text).joined(separator: " ")
        #expect(!text.contains("Schober's test normal"), "\(text)")
    }

    /// Where the course makes movement markedly reduced (a week of bed rest), so is Schober's test.
    @Test func schoberFollowsTheCourse() throws {
        let s = try session(["advise bed-rest", "wait 1w", "examine schober"], case: "mechanical-strain")
        let text = try #require(s.log.last).response.map(\.text).joined(separator: " ")
        #expect(text.contains("Schober's test") && !text.contains("Schober's test normal"), "\(text)")
    }

    /// Every bundled case validates without a warning: no default it would return contradicts
    /// its own findings (the catalogue's `default_contradictions`, and regional imaging).
    @Test func noBundledCaseContradictsItsDefaults() throws {
        let lib = try Repo.lib()
        #expect(lib.catalogue.contradictionRules.count >= 5, "the bundled catalogue's default_contradictions are read")
        var found: [String] = []
        for scenario in lib.scenarios {
            let text = try String(contentsOfFile: scenario.sourcePath, encoding: .utf8)
            found += DefaultContradictions.warnings(scenario, catalogue: lib.catalogue, text: text, path: scenario.id).map(\.message)
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
