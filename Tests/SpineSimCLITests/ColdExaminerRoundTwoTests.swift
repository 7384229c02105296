import Foundation
import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// What two clinician-examiners playing blind found in issue 10's closing round: answers that
/// contradict the case, feedback that claims what the log does not show, and sensible acts
/// penalised. Each test replays the examiner's own lines and failed before its fix.
@Suite struct ColdExaminerRoundTwoTests {
    static func feedback(_ id: String, _ lines: [String]) throws -> (lines: [String], outcome: String) {
        try ColdExaminerFeedbackTests.feedback(id, lines)
    }

    /// The answer a question gets at the start of a case.
    static func answer(_ id: String, _ line: String) throws -> String {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        var session = Session(scenario: scenario, catalogue: lib.catalogue)
        return session.handle(line, lineNumber: 1).text
    }

    /// Spinal cord tumour: her arm answer says her fingers are clumsy with buttons and writing;
    /// asked about clumsy hands, she said "No, my hands work as well as ever".
    @Test func theCordTumourPatientDoesNotDenyTheClumsinessSheDescribes() throws {
        let answer = try Self.answer("spinal-cord-tumour", "ask hand-clumsiness")
        #expect(!answer.contains("work as well as ever"), "\(answer)")
        #expect(answer.lowercased().contains("clumsy") || answer.lowercased().contains("button"), "\(answer)")
    }

    /// Asking about visual symptoms (the neurological question) was answered, then marked missed:
    /// only `eye-symptoms` (the uveitis question) counted.
    @Test func askingAboutVisualSymptomsCounts() throws {
        let r = try Self.feedback("spinal-cord-tumour", ["ask night-pain arm-symptoms leg-weakness bladder visual-symptoms", "end"])
        #expect(!r.lines.contains { $0.hasPrefix("Missed") && $0.contains("visual symptoms") }, "\(r.lines)")
        #expect(r.lines.contains { $0.hasPrefix("Done well") && $0.contains("No visual symptoms") }, "\(r.lines)")
    }

    /// Safety-netting alone was credited as "Explained why she needs the scan urgently" with no
    /// scan ordered.
    @Test func safetyNettingIsNotCreditedAsExplainingAScanNeverOrdered() throws {
        let r = try Self.feedback("spinal-cord-tumour", ["ask night-pain arm-symptoms", "refer neurology urgent", "advise safety-netting", "end"])
        #expect(!r.lines.contains { $0.hasPrefix("Done") && $0.contains("scan") }, "\(r.lines)")
    }

    /// Thoracolumbar fracture: spinal precautions (log-roll, flat bed rest) after a four-metre
    /// fall were "not indicated here (−2)"; NICE NG41 keeps a suspected spinal injury immobilised.
    @Test func spinalPrecautionsAfterAFallFromHeightAreNotPenalised() throws {
        let r = try Self.feedback("thoracolumbar-fracture", ["ask trauma", "perform log-roll", "order ct-spine urgent", "end"])
        #expect(!r.lines.contains { $0.contains("spinal precautions") && ($0.hasPrefix("Unnecessary") || $0.hasPrefix("Harmful")) }, "\(r.lines)")
    }

    /// An urgent MRI showed the L1 burst fracture, yet the outcome read "his spinal injury had
    /// not been imaged".
    @Test func anMRIIsImaging() throws {
        let r = try Self.feedback("thoracolumbar-fracture", ["ask trauma", "order mri-lumbar urgent", "wait 2h", "end"])
        #expect(!r.outcome.contains("not been imaged"), "\(r.outcome)")
        #expect(r.outcome.contains("MRI"), "\(r.outcome)")
    }

    /// Polymyalgia rheumatica: with only the shoulders examined, the credit named hip rotation
    /// and the small joints.
    @Test func aShoulderExaminationIsNotCreditedWithHipsAndHands() throws {
        let r = try Self.feedback("polymyalgia-rheumatica", ["ask onset location stiffness", "examine shoulders", "end"])
        #expect(!r.lines.contains { $0.hasPrefix("Done") && ($0.contains("hip rotation") || $0.contains("synovitis")) }, "\(r.lines)")
    }

    /// Two 4 mg doses of zoledronic acid a minute apart (8 mg) passed with full safety marks;
    /// retreatment for tumour hypercalcaemia waits at least seven days (Zometa SmPC 4.2).
    @Test func aRepeatedZoledronicAcidDoseIsAnError() throws {
        let r = try Self.feedback("multiple-myeloma", [
            "order calcium renal urgent", "give sodium-chloride-0-9 1000ml q6h iv", "admit medicine", "wait 1d",
            "give zoledronic-acid 4mg once iv", "give zoledronic-acid 4mg once iv", "end",
        ])
        #expect(r.lines.contains { $0.contains("zoledronic acid") && $0.contains("8 mg") }, "\(r.lines)")
    }

    /// Myeloma: zoledronic acid given after hours of saline but before the case's rehydration
    /// had run was "Missed: After rehydration, an intravenous bisphosphonate…", though given.
    @Test func aBisphosphonateGivenTooEarlyIsNotCalledMissed() throws {
        let r = try Self.feedback("multiple-myeloma", [
            "order calcium renal fbc urgent", "give sodium-chloride-0-9 1000ml q6h iv", "admit medicine", "wait 6h",
            "give zoledronic-acid 4mg once iv", "wait 1d", "end",
        ])
        #expect(!r.lines.contains { $0.hasPrefix("Missed:") && $0.contains("bisphosphonate") }, "\(r.lines)")
        #expect(r.lines.contains { $0.hasPrefix("Not credited: give zoledronic-acid") && $0.contains("too early") }, "\(r.lines)")
    }

    /// Ankylosed spine: spinal precautions (log-roll, flat bed rest) cost marks with no reason
    /// given; lying a fixed, flexed neck flat is the harm, and the feedback now says so.
    @Test func flatSpinalPrecautionsInAnAnkylosedSpineSayWhy() throws {
        let r = try Self.feedback("ankylosed-spine-fracture", ["ask trauma", "perform log-roll", "order ct-spine urgent", "end"])
        let line = r.lines.first { $0.contains("spinal precautions") || $0.contains("log-roll") }
        #expect(line?.contains("pre-injury") == true, "\(r.lines)")
    }

    /// A `give` line that could not be read was answered with another drug's regimen as the
    /// example: "give co-codamol 250mg q8h oral", "give sodium-chloride-0-9 250mg q8h oral".
    /// The example is now the medicine's own usual regimen.
    @Test func aRejectedGiveLineShowsTheMedicinesOwnRegimen() throws {
        let parser = CommandParser(catalogue: try Repo.lib().catalogue)
        func message(_ line: String) throws -> String {
            guard case .rejected(let rejection) = parser.parse(line) else { Issue.record("'\(line)' was accepted"); return "" }
            return rejection.message
        }
        let cocodamol = try message("give co-codamol 30/500 2 tablets qds")
        #expect(!cocodamol.contains("250mg"), "\(cocodamol)")
        let saline = try message("give sodium-chloride-0-9 1000ml over 4 hours iv")
        #expect(!saline.contains("mg") && !saline.contains("oral"), "\(saline)")
        #expect(saline.contains("give sodium-chloride-0-9 "), "\(saline)")
    }

    /// Thoracolumbar fracture: one discharge was two critical errors, the rubric's ("Discharged
    /// after a fall from height…") and its consequence's ("Discharged with an unimaged spinal
    /// fracture…"), besides its penalty. The act is judged once.
    @Test func oneDischargeIsOneCriticalError() throws {
        let r = try FeedbackFromTheLogTests.report("thoracolumbar-fracture", ["ask trauma", "examine palpation", "discharge", "wait 2d", "end"])
        let discharges = r.criticalErrors.filter { $0.contains("Discharged") }
        #expect(discharges.count == 1, "\(r.criticalErrors)")
        #expect(!r.passed)
    }
}
