import Testing
@testable import SpineSimCore

@Suite struct SessionTests {
    @Test func actionsCostTheirMinutes() throws {
        let s = try Fixtures.session(["ask onset bladder", "examine rectal slr", "order esr"])
        #expect(s.now == 2 + 3 + 2 + 1)
        #expect(s.actions.map(\.t) == [0, 0, 2, 2, 7])
    }

    @Test func rejectedLinesCostNothing() throws {
        var s = try Fixtures.session([])
        let r = s.handle("ordr esr", lineNumber: 4)
        #expect(!r.accepted)
        #expect(s.now == 0)
        #expect(s.log.last?.rejection?.contains("did you mean 'order'") == true)
        #expect(s.actions.isEmpty)
    }

    @Test func resultsArriveAfterTurnaround() throws {
        var s = try Fixtures.session(["order esr"])
        #expect(s.received.isEmpty)
        let wait = s.handle("wait 23h")
        #expect(!wait.text.contains("Result"))
        let later = s.handle("wait 2h")
        #expect(later.text.contains("Result: ESR"))
        #expect(s.received.first?.arrivedAt == 1440)
    }

    @Test func urgentIsSooner() throws {
        var s = try Fixtures.session(["order mri-lumbar urgent"])
        let r = s.handle("wait 2h")
        #expect(r.text.contains("Central L4/5 disc prolapse"))
    }

    @Test func stagedResultsReportTwice() throws {
        var s = try Fixtures.session(["order blood-culture"])
        _ = s.handle("wait 3d")
        #expect(s.received.map(\.stage) == ["growth", "identification"])
        #expect(s.received.map(\.final) == [false, true])
    }

    @Test func untreatedPatientDeteriorates() throws {
        var s = try Fixtures.session(["ask bladder"])
        let r = s.handle("wait 1d")
        #expect(r.text.contains("He can no longer pass urine"))
        #expect(s.firedEvents.map(\.id) == ["retention"])
        let answer = s.handle("ask bladder")
        #expect(answer.text.contains("I can't go at all"))
    }

    @Test func resultsReflectThePatientWhenOrdered() throws {
        var s = try Fixtures.session(["order bladder-scan", "wait 30m"])
        #expect(s.received.first?.spec.value == "150")
        _ = s.handle("wait 1d")
        _ = s.handle("order bladder-scan")
        _ = s.handle("wait 30m")
        #expect(s.received.last?.spec.value == "900")
    }

    @Test func treatmentPreventsDeteriorationAndTriggersRecovery() throws {
        var s = try Fixtures.session(["perform decompression"])
        let r = s.handle("wait 2d")
        #expect(!r.text.contains("no longer pass urine"))
        #expect(r.text.contains("Sensation is returning"))
    }

    @Test func projectionRunsTheCourseOnAfterEnd() throws {
        let s = try Fixtures.session(["ask bladder", "end"])
        #expect(s.firedEvents.isEmpty)
        let projected = s.projected()
        #expect(projected.firedEvents.map(\.id) == ["retention"])
        #expect(projected.firedEvents.first?.projected == true)
    }

    @Test func dosesAboveMaximumAndDuplicatesAreRecorded() throws {
        let s = try Fixtures.session(["give paracetamol 2g qds", "give naproxen", "give ibuprofen"])
        #expect(s.safetyEvents.map(\.kind) == [.doseAboveMaximum, .duplicateClass])
    }

    @Test func prnIsJudgedAtTheUsualFrequency() throws {
        let s = try Fixtures.session(["give paracetamol 1g prn"])
        #expect(s.safetyEvents.isEmpty)
    }

    @Test func examModeWithholdsDoseWarnings() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        var practice = Session(scenario: scenario, catalogue: catalogue)
        var exam = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(exam: true))
        #expect(practice.handle("give paracetamol 2g qds").text.contains("Warning"))
        #expect(!exam.handle("give paracetamol 2g qds").text.contains("Warning"))
        #expect(exam.safetyEvents.count == 1)
    }

    @Test func seedPicksPhrasingDeterministically() throws {
        let a = try Fixtures.session(["ask saddle-numbness"], seed: 1).log[0].response
        let b = try Fixtures.session(["ask saddle-numbness"], seed: 1).log[0].response
        #expect(a == b)
        let phrasings = Set((0..<20).compactMap { try? Fixtures.session(["ask saddle-numbness"], seed: UInt64($0)).log[0].response[0].text })
        #expect(phrasings.count == 2)
    }

    @Test func nothingAfterEnd() throws {
        var s = try Fixtures.session(["end"])
        #expect(!s.handle("ask onset").accepted)
    }

    @Test func chartShowsOnlyWhatWasElicited() throws {
        var s = try Fixtures.session(["examine rectal"])
        let chart = s.handle("chart").text
        #expect(chart.contains("Reduced anal tone"))
        #expect(!chart.contains("cauda"))
        #expect(chart.contains("not yet measured"))
    }

    @Test func transcriptMetadataAndLines() {
        let t = Transcript.parse("# scenario: test-ces\n# seed: 7\n# other: ignored\n\nask onset\n# comment\n  examine rectal  \n")
        #expect(t.metadata == ["scenario": "test-ces", "seed": "7"])
        #expect(t.lines == [.init(number: 5, text: "ask onset"), .init(number: 7, text: "examine rectal")])
        #expect(t.seed == 7)
    }
}
