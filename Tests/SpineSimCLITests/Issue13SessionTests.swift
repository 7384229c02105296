import Testing
import SpineSimCore
@testable import SpineSimCLI

/// The session half of issue 13 with the bundled catalogue and cases: what panels and
/// one-off doses say, rejected lines kept in the transcript, and the chart's care section.
@Suite struct Issue13SessionTests {
    func session(_ lines: [String], case name: String = "mechanical-strain") throws -> Session {
        let lib = try Repo.lib()
        let scenario = try #require(try lib.scenario(named: name) as Scenario?)
        let text = "# seed: 1\n" + lines.joined(separator: "\n") + "\n"
        return Session.replaying(Transcript.parse(text), scenario: scenario, catalogue: lib.catalogue, options: SessionOptions(seed: 1))
    }

    func grade(_ lines: [String]) throws -> GradeReport {
        Grader.grade(try session(lines), context: .init(transcriptPath: "t.txt"))
    }

    @Test func aPanelSaysWhatItExpandedToAndTheTranscriptKeepsTheLine() throws {
        let s = try session(["examine neuro"])
        let entry = try #require(s.log.first)
        #expect(entry.text == "examine neuro")
        #expect(entry.response.first?.text.hasPrefix("(neurological examination of the legs: gait, lower limb power") == true)
        #expect(s.actions.map(\.code) == ["gait", "lower-limb-power", "lower-limb-reflexes", "lower-limb-sensation", "plantar-response"])
    }

    @Test func aLactateComesBackWithinTheHourInHospital() throws {
        // It was a routine blood (a day; four hours in hospital): a lactate is analysed at once.
        let s = try session(["order lactate", "wait 1h"], case: "spinal-epidural-abscess")
        let arrived = s.log.flatMap(\.response).map(\.text).contains { $0.contains("Result: lactate") }
        #expect(arrived, "\(s.log.flatMap(\.response).map(\.text))")
    }

    @Test func aOneOffDoseSaysSo() throws {
        let s = try session(["give diclofenac 75mg im"])
        let lines = try #require(s.log.first).response.map(\.text)
        #expect(lines.contains("Taken as a single dose; add a frequency for regular dosing."))
        #expect(s.actions.first?.regimen?.frequency == .once)
    }

    @Test func rejectedLinesAreKeptAsCommentsAndListed() throws {
        let text = "# seed: 1\nask onset\n#! rejected: ordr esr\nexamine palpation\n"
        let transcript = Transcript.parse(text)
        #expect(transcript.lines.map(\.text) == ["ask onset", "examine palpation"])
        #expect(transcript.rejected.map(\.number) == [3])
        #expect(transcript.rejected.map(\.text) == ["ordr esr"])
        let report = try grade(["ask onset", "#! rejected: ordr esr", "examine palpation"])
        #expect(report.rejected.map(\.line) == [3])
        #expect(report.rejected.first?.text == "ordr esr")
        #expect(report.rejected.first?.reason.contains("unknown verb 'ordr'") == true)
        // Nothing was done: the grade is that of the same lines without it, bar the list.
        let without = try grade(["ask onset", "# a comment", "examine palpation"])
        #expect(report.score == without.score)
        #expect(without.rejected.isEmpty)
        // Every format mentions it.
        #expect(ReportRenderer.piece(report, format: .csv).hasSuffix(",1"))
        #expect(ReportRenderer.piece(without, format: .csv).hasSuffix(",0"))
        #expect(ReportRenderer.piece(report, format: .junit).contains("rejected_line"))
        #expect(ReportRenderer.piece(report, format: .gradescope).contains("ordr esr"))
        #expect(ReportRenderer.piece(report, format: .json).contains("ordr esr"))
        #expect(ReportRenderer.piece(report, format: .text).contains("line 3: ordr esr"))
    }

    @Test func theChartListsReferralsAdmissionsAndProcedures() throws {
        var s = try session(["refer physiotherapy", "wait 1h", "refer to vascular surgery urgent"])
        let chart = s.handle("chart").lines.map(\.text)
        let start = try #require(chart.firstIndex(of: "Referrals, admissions and procedures:"))
        #expect(chart[start + 1].hasSuffix("— referral to physiotherapy"))
        #expect(chart[start + 2].hasSuffix("— urgent referral to vascular surgery"))
        #expect(chart[start + 1].hasPrefix("  day 0 08:40"))
        let empty = try session(["ask onset"])
        var copy = empty
        #expect(!copy.handle("chart").lines.contains { $0.text.hasPrefix("Referrals") })
    }

    /// Routine bloods: a day from general practice, hours in hospital or once admitted.
    @Test func routineBloodsComeBackInHospitalTime() throws {
        func due(_ lines: [String], case name: String) throws -> Minutes? {
            let s = try session(lines, case: name)
            return s.pendingOrders.first { $0.name == "full blood count" }.map { $0.due - s.now }
        }
        #expect(try due(["order fbc"], case: "mechanical-strain") == 1440 - 1)
        #expect(try due(["order fbc"], case: "pyelonephritis") == 240 - 1)
        #expect(try due(["order fbc urgent"], case: "pyelonephritis") == 60 - 1)
        #expect(try due(["admit", "order fbc"], case: "mechanical-strain") == 240 - 1)
        let ordered = try #require(try session(["order fbc"], case: "pyelonephritis").log.first).response.map(\.text)
        #expect(ordered.contains("Ordered full blood count: result expected in about 4 hours."))
    }
}
