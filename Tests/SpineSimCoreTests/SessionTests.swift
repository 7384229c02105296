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
        #expect(s.log.last?.rejection == Rejection(.unknownVerb, word: "ordr", position: 0, suggestions: ["order"]).message)
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

    /// ask, examine and perform add up their items' minutes while carrying them out; the
    /// clock must move exactly as `timeCost` says.
    @Test func itemMinutesMatchTimeCost() throws {
        let lines = ["ask onset bladder", "examine rectal slr vitals", "ask start", "perform decompression",
                     "examine dre", "ask onset night-pain saddle-numbness", "examine vitals"]
        let session = try Fixtures.session(lines)
        let entries = session.log.filter { [.ask, .examine, .perform].contains($0.command?.verb) }
        #expect(entries.count == lines.count)
        for (entry, next) in zip(entries, entries.dropFirst().map(\.t) + [session.now]) {
            let command = try #require(entry.command)
            #expect(session.timeCost(command) > 0)
            #expect(next - entry.t == session.timeCost(command), "\(entry.text)")
        }
    }

    /// Trigger times are kept as actions are recorded; they must equal their definition:
    /// `at` as written, `after` from the first matching action.
    @Test func triggerTimesFollowTheirDefinition() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        var session = Session(scenario: scenario, catalogue: catalogue)
        #expect(scenario.course.events.contains { if case .after = $0.trigger { true } else { false } })
        for (i, line) in ["ask bladder", "perform decompression", "wait 3h", "perform decompression", "wait 2d"].enumerated() {
            _ = session.handle(line, lineNumber: i + 1)
            let expected = scenario.course.events.map { event -> Minutes? in
                switch event.trigger {
                case .at(let t): return t
                case .after(let pattern, let delay): return session.actions.first { pattern.matches($0) }.map { $0.t + delay }
                }
            }
            #expect(session.course.triggerTimes == expected, "after \(line)")
        }
    }

    /// `handle` is `parse` then `apply`: both give the same responses and the same log.
    @Test func handleIsParseThenApply() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        let lines = ["ask onset bladder", "ordr esr", "order esr urgent", "", "give naproxen 250mg q8h oral", "wait 1d", "chart", "end", "ask onset"]
        var handled = Session(scenario: scenario, catalogue: catalogue)
        var applied = Session(scenario: scenario, catalogue: catalogue)
        for (i, line) in lines.enumerated() {
            let viaHandle = handled.handle(line, lineNumber: i + 1)
            let viaApply: Response
            switch applied.commandParser.parse(line) {
            case .command(let command): viaApply = applied.apply(command, line: line, lineNumber: i + 1)
            case .nothing, .rejected: viaApply = applied.handle(line, lineNumber: i + 1)
            }
            #expect(viaHandle == viaApply, "\(line)")
        }
        #expect(handled.log == applied.log)
        #expect(handled.log.last?.rejection == "the case has ended; nothing more can be done")
    }

    /// The one replay path gives the session the lines would give one by one, and shows each line.
    @Test func replayingATranscriptHandlesEveryLine() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        let transcript = Transcript.parse("# seed: 5\nask onset\n\nordr esr\norder esr\nwait 2d\nend\n")
        var seen: [(Int, Minutes, Bool)] = []
        let replayed = Session.replaying(transcript, scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: 5)) {
            seen.append(($0.number, $1, $2.accepted))
        }
        let direct = try Fixtures.session(["ask onset", "", "ordr esr", "order esr", "wait 2d", "end"], seed: 5)
        #expect(replayed.log.map(\.text) == direct.log.map(\.text))
        #expect(replayed.log.map(\.response) == direct.log.map(\.response))
        #expect(seen.map(\.0) == [2, 4, 5, 6, 7])
        #expect(seen.map(\.2) == [true, false, true, true, true])
        #expect(seen[4].1 == replayed.log[4].t)
    }

    /// Result lines that show an abnormal flag are marked, so that shells need not read the text.
    @Test func abnormalResultLinesAreFlagged() {
        let panel = ResultSpec(flag: .abnormal, interpretation: "Anaemia.", components: [
            ResultComponent(name: "Hb", value: "98", unit: "g/L", range: "130-180", flag: .low),
            ResultComponent(name: "White cells", value: "7", unit: nil, range: "4-11", flag: .normal),
        ])
        #expect(ResultText.body(panel).map(\.flagged) == [true, false, false])
        #expect(ResultText.body(panel).first?.text == "Hb           98 g/L  (ref 130-180)  LOW")
        let report = ResultSpec(flag: .abnormal, interpretation: "Compression at L4/5.")
        #expect(ResultText.body(report).map(\.text) == ["Compression at L4/5. [ABNORMAL]"])
        #expect(ResultText.body(report).map(\.flagged) == [true])
        #expect(ResultText.body(ResultSpec(value: "LOW RISK", interpretation: "HIGH quality.")).allSatisfy { !$0.flagged })
    }

    /// Thousands of results outstanding arrive in due order (of equals, in the order placed),
    /// each exactly once.
    @Test func manyPendingResultsArriveInDueOrder() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        var session = Session(scenario: scenario, catalogue: catalogue)
        for i in 0..<3000 { _ = session.handle(i % 3 == 0 ? "order mri-lumbar urgent" : "order esr blood-culture", lineNumber: i + 1) }
        // 1000 MRIs, and 2000 each of an ESR and a two-stage culture: 7000 results in all.
        #expect(session.received.count + session.pendingOrders.count == 7000)
        #expect(session.pendingOrders.count > 4000)
        _ = session.handle("wait 52w", lineNumber: 3001)
        #expect(session.received.count == 7000)
        #expect(session.pendingOrders.isEmpty)
        #expect(zip(session.received, session.received.dropFirst()).allSatisfy { $0.arrivedAt <= $1.arrivedAt })
        let ties = zip(session.received, session.received.dropFirst()).filter { $0.arrivedAt == $1.arrivedAt }
        #expect(ties.allSatisfy { $0.orderedAt <= $1.orderedAt })
    }
}

@Suite struct PendingResultsTests {
    @Test func theSoonestDueComesFirstAndEqualsInTheOrderAdded() {
        var queue = PendingResults<String>()
        for (name, due) in [("c", 30), ("a", 10), ("b1", 20), ("b2", 20), ("d", 40), ("b3", 20)] { queue.add(name, due: due) }
        #expect(queue.nextDue == 10)
        #expect(queue.inDueOrder == ["a", "b1", "b2", "b3", "c", "d"])
        #expect(queue.popFirst(dueBy: 5) == nil)
        var popped: [String] = []
        while let next = queue.popFirst(dueBy: 30) { popped.append(next.element) }
        #expect(popped == ["a", "b1", "b2", "b3", "c"])
        #expect(queue.count == 1)
        #expect(queue.nextDue == 40)
    }

    /// Against a sorted list under random adds and removals: the heap must give the same order.
    @Test func agreesWithASortedList() {
        var generator = SystemRandomNumberGenerator()
        var queue = PendingResults<Int>()
        var reference: [(due: Int, id: Int)] = []
        for id in 0..<2000 {
            let due = Int.random(in: 0..<200, using: &generator)
            queue.add(id, due: due)
            reference.append((due, id))
            if id % 3 == 0 {
                let bound = Int.random(in: 0..<200, using: &generator)
                reference.sort { $0.due != $1.due ? $0.due < $1.due : $0.id < $1.id }
                let expected = reference.prefix { $0.due <= bound }.map(\.id)
                reference.removeFirst(expected.count)
                var got: [Int] = []
                while let next = queue.popFirst(dueBy: bound) { got.append(next.element) }
                #expect(got == expected)
            }
        }
        #expect(queue.inDueOrder == reference.sorted { $0.due != $1.due ? $0.due < $1.due : $0.id < $1.id }.map(\.id))
    }
}
