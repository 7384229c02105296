import Foundation
import Testing
@testable import SpineSimCore

/// The session's shortcuts checked against the plain definitions they replace.
@Suite struct SessionFastPathTests {
    /// The definition of an event's trigger time: `at` as written, `after` from the first matching action.
    static func slowTriggerTime(_ trigger: CourseEvent.Trigger, actions: [PerformedAction]) -> Minutes? {
        switch trigger {
        case .at(let t): return t
        case .after(let pattern, let delay):
            return actions.first { pattern.matches($0) }.map { $0.t + delay }
        }
    }

    @Test(arguments: [
        ["wait 2d"],
        ["ask bladder", "perform decompression", "wait 3h", "perform decompression", "wait 2d"],
        ["order esr urgent", "wait 30m", "perform decompression", "chart", "end"],
        ["examine rectal", "order bladder-scan", "wait 1d", "perform decompression", "wait 1d"],
    ])
    func cachedTriggerTimesMatchTheirDefinition(lines: [String]) throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        var session = Session(scenario: scenario, catalogue: catalogue)
        #expect(scenario.course.events.contains { if case .after = $0.trigger { true } else { false } })
        for (i, line) in lines.enumerated() {
            _ = session.handle(line, lineNumber: i + 1)
            let expected = scenario.course.events.map { Self.slowTriggerTime($0.trigger, actions: session.actions) }
            #expect(session.triggerTimes == expected, "after line \(i + 1): \(line)")
        }
        let projected = session.projected()
        #expect(projected.triggerTimes == scenario.course.events.map { Self.slowTriggerTime($0.trigger, actions: projected.actions) })
    }

    @Test func pickHashesThePrefixAndCodeAsOneKey() {
        let variants = ["a", "b", "c", "d", "e", "f", "g"]
        for seed: UInt64 in [0, 1, 42, 0xdead_beef, .max] {
            for code in ["onset", "bladder", "saddle-numbness", "sciatica-é", ""] {
                for prefix in ["ask:", "examine:"] {
                    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
                    for byte in (prefix + code).utf8 {
                        hash ^= UInt64(byte)
                        hash = hash &* 0x0000_0100_0000_01b3
                    }
                    let expected = variants[Int(hash % UInt64(variants.count))]
                    #expect(Session.pick(variants, seed: seed, key: prefix, code) == expected)
                }
            }
        }
        #expect(Session.pick(nil, seed: 0, key: "ask:", "x") == nil)
        #expect(Session.pick([], seed: 0, key: "ask:", "x") == nil)
        #expect(Session.pick(["only"], seed: 7, key: "ask:", "x") == "only")
    }

    @Test(arguments: [
        ("", 0), ("CRP", 3), ("CRP", 8), ("Haemoglobin", 11), ("Na", 12),
        ("Vitamin D (25-OH)", 20), ("β-hCG", 9), ("café", 4), ("cafe\u{301}", 4), ("cafe\u{301}", 9),
        ("IgG 🧪", 6), ("IgG 🧪", 10), ("🧪🧪", 2),
    ])
    func paddingMatchesFoundation(name: String, width: Int) {
        #expect(ResultText.padded(name, toLength: width) == name.padding(toLength: width, withPad: " ", startingAt: 0))
    }

    @Test(arguments: [
        "", "a", "A", "onset", "Onset", "1st dose", "saddle numbness", "\r\nx", "e\u{301}clair",
        "éclair", "ßtraße", "ǆemal", "ﬁne", "a\u{301}b", "z", "{brace", "`tick", "@at", "ıi", "🧪 test",
    ])
    func capitalisedMatchesUnicodeCaseMapping(text: String) {
        #expect(capitalised(text) == slowCapitalised(text))
        var roomy = capitalised(text, reservingCapacity: 40)
        #expect(roomy == slowCapitalised(text))
        roomy += ": seen"
        #expect(roomy == slowCapitalised(text) + ": seen")
        for (a, b, c) in [(": “", "It started on Tuesday.", "”"), (": ", "Normal.", ""), ("", "", ""), (": “", "Ça va 🧪", "”")] {
            #expect(capitalisedLine(text, a, b, c) == slowCapitalised(text) + a + b + c)
        }
        #expect(capitalisedLine(text, ": ", "Power 5/5") == slowCapitalised(text) + ": Power 5/5")
    }

    /// ask, examine and perform add up their items' minutes while carrying them out
    /// instead of asking timeCost(_:); the clock must move exactly as timeCost says.
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

    /// The session skips actions of another verb before matching a pattern (course triggers
    /// and `unless`/`if` conditions); that is only right while a pattern matches nothing else.
    @Test func aPatternMatchesOnlyActionsOfItsOwnVerb() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        var patterns = scenario.rubric.items.flatMap(\.patterns)
        for event in scenario.course.events {
            if case .after(let p, _) = event.trigger { patterns.append(p) }
            patterns += event.unless + event.ifDone
        }
        for text in ["give class:nsaid", "give ibuprofen oral", "order esr urgent", "order esr routine", "admit",
                     "discharge", "diagnose cauda-equina-syndrome", "differential cauda-equina-syndrome"] {
            if case .success(let p) = ActionPattern.parse(text, catalogue: catalogue) { patterns.append(p) }
        }
        #expect(patterns.count > 8)
        for pattern in patterns {
            let code: String
            var classes: Set<String> = []
            switch pattern.target {
            case .anyItem: code = "x"
            case .code(let c): code = c
            case .itemClass(let c): code = "x"; classes = [c]
            }
            for verb in Verb.allCases {
                for urgent in [false, true] {
                    for route in [nil] + Route.allCases.map(Optional.some) {
                        let action = PerformedAction(t: 0, verb: verb, code: code, classes: classes, urgent: urgent,
                                                     regimen: Regimen(route: route), line: 1)
                        #expect(!pattern.matches(action) || action.verb == pattern.verb, "\(pattern) matched \(verb)")
                    }
                }
            }
        }
    }

    @Test(arguments: [0, 1, 9 * 60, 23 * 60 + 59, 1439])
    func byteWrittenClockLabelsMatchInterpolatedOnes(arrival: Int) {
        let clock = ClockFace(arrival: arrival)
        for t in stride(from: -3000, through: 16 * 1440, by: 1) {
            #expect(clock.label(t) == clock.interpolatedLabel(t))
        }
        for t in stride(from: 16 * 1440, through: 1002 * 1440, by: 97) {
            #expect(clock.label(t) == clock.interpolatedLabel(t))
        }
    }

    /// Results of every shape, with and without units, ranges and flags, and wide or non-ASCII names.
    static let resultShapes: [ResultSpec] = [
        ResultSpec(value: "52", unit: "mm/h", range: "0-20", flag: .high, interpretation: "Raised."),
        ResultSpec(value: "7", unit: "", range: nil, flag: .normal),
        ResultSpec(value: "0.4", unit: "mmol/L", range: "", flag: .critical),
        ResultSpec(interpretation: "No abnormality."),
        ResultSpec(flag: .abnormal, interpretation: "Cauda equina compression at L4/5."),
        ResultSpec(value: "x", flag: .low, interpretation: "Flag shown on the value line only."),
        ResultSpec(flag: .abnormal, interpretation: "Anaemia.", components: [
            ResultComponent(name: "Hb", value: "98", unit: "g/L", range: "130-180", flag: .low),
            ResultComponent(name: "White cells", value: "14.2", unit: nil, range: "4-11", flag: .high),
            ResultComponent(name: "Plättchen", value: "250", unit: "×10⁹/L", range: nil, flag: nil),
        ]),
        ResultSpec(),
    ]

    @Test func announcedBodyIsTheBodyIndented() {
        for spec in Self.resultShapes {
            #expect(spec.announcedBody == ResultText.body(spec).map { "  " + $0 })
        }
    }

    @Test func announcingUsesTheResultBody() {
        let clock = ClockFace(arrival: 9 * 60)
        for spec in Self.resultShapes {
            let result = ReceivedResult(code: "esr", name: "ESR", stage: nil, stageName: nil, orderedAt: 0, arrivedAt: 90,
                                        urgent: false, spec: spec, final: true)
            let lines = ResultText.announce(result, clock: clock)
            #expect(lines.dropFirst().map(\.text) == ResultText.body(spec).map { "  " + $0 })
            #expect(lines.allSatisfy { $0.kind == .result })
        }
    }

    /// The order line as it was interpolated for each order, before it was written once per item.
    static func slowOrderedLine(_ item: CatalogueItem, urgent: Bool) -> String? {
        guard let turnaround = item.turnaround else { return nil }
        let wait = item.stages.first.map { $0.turnaround.time(urgent: urgent) } ?? turnaround.time(urgent: urgent)
        let expected = item.stages.isEmpty ? "result expected in about \(DurationText.describe(wait))"
            : "first report in about \(DurationText.describe(wait)), final in about \(DurationText.describe(item.stages.last?.turnaround.time(urgent: urgent) ?? wait))"
        return "Ordered \(item.name)\(urgent ? " (urgent)" : ""): \(expected)."
    }

    @Test func orderAndPerformLinesMatchTheirInterpolation() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        let tests = catalogue.items[.test] ?? []
        #expect(tests.contains { !$0.stages.isEmpty } && tests.contains { $0.stages.isEmpty })
        for item in tests {
            for urgent in [false, true] {
                var session = Session(scenario: scenario, catalogue: catalogue)
                let response = session.handle("order \(item.code)\(urgent ? " urgent" : "")", lineNumber: 1)
                #expect(response.lines.first?.text == Self.slowOrderedLine(item, urgent: urgent))
            }
        }
        let procedures = catalogue.items[.procedure] ?? []
        #expect(!procedures.isEmpty)
        for item in procedures {
            var session = Session(scenario: scenario, catalogue: catalogue)
            let response = session.handle("perform \(item.code)", lineNumber: 1)
            #expect(response.lines.first?.text == "\(slowCapitalised(item.name)) performed (\(DurationText.describe(item.time))).")
        }
        // Items built directly, staged and not, with names that need Unicode case mapping.
        let stage = TestStage(id: "growth", name: "Growth", turnaround: Turnaround(routine: 1440, urgent: 720))
        let built = [
            CatalogueItem(kind: .test, code: "esr", name: "ESR", aliases: [], classes: [], time: 1,
                          turnaround: Turnaround(routine: 120, urgent: 45)),
            CatalogueItem(kind: .test, code: "culture", name: "blood culture", aliases: [], classes: [], time: 1,
                          turnaround: Turnaround(routine: 2880, urgent: 2880),
                          stages: [stage, TestStage(id: "id", name: "ID", turnaround: Turnaround(routine: 4320, urgent: 2000))]),
            CatalogueItem(kind: .test, code: "one", name: "one-stage", aliases: [], classes: [], time: 1,
                          turnaround: Turnaround(routine: 5, urgent: 0), stages: [stage]),
        ]
        for item in built {
            #expect(item.orderedLines?.routine == Self.slowOrderedLine(item, urgent: false))
            #expect(item.orderedLines?.urgent == Self.slowOrderedLine(item, urgent: true))
        }
        let untimed = CatalogueItem(kind: .test, code: "x", name: "x", aliases: [], classes: [], time: 1)
        #expect(untimed.orderedLines == nil)
        let procedure = CatalogueItem(kind: .procedure, code: "ß", name: "ßtraße decompression", aliases: [], classes: [], time: 95)
        #expect(procedure.performedLine == "\(slowCapitalised(procedure.name)) performed (\(DurationText.describe(95))).")
    }

    @Test func regimenDescriptionJoinsItsPartsWithSpaces() {
        let doses: [Quantity?] = [nil, Quantity.parse("500mg"), Quantity.parse("1g"), Quantity.parse("0.5mg"), Quantity.parse("10units")]
        let frequencies: [Frequency?] = [nil, .once, .qds, .everyHours(8), .prn]
        let routes: [Route?] = [nil, .oral, .iv, .topical]
        #expect(doses.compactMap { $0 }.count == doses.count - 1)
        for dose in doses {
            for frequency in frequencies {
                for route in routes {
                    let regimen = Regimen(dose: dose, frequency: frequency, route: route)
                    let joined = [dose?.description, frequency?.description, route?.description].compactMap { $0 }.joined(separator: " ")
                    #expect(regimen.description == joined)
                }
            }
        }
    }

    /// Each question's answer line is its capitalised name, then the answer in curly quotes.
    @Test func askLinesQuoteTheAnswerAfterTheCapitalisedName() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        let questions = catalogue.items[.question] ?? []
        #expect(questions.contains { scenario.history[$0.code] != nil } && questions.contains { scenario.history[$0.code] == nil })
        for item in questions {
            var session = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: 3))
            let line = try #require(session.handle("ask \(item.code)", lineNumber: 1).lines.first)
            let answers = (scenario.history[item.code] ?? []) + [item.defaultText ?? "I'm not sure."]
            #expect(line.kind == .patient)
            #expect(answers.contains { line.text == slowCapitalised(item.name) + ": “" + $0 + "”" }, "\(line.text)")
            #expect(item.answerPrefix == slowCapitalised(item.name) + ": “")
        }
    }

    @Test(arguments: ["ask onset", "  examine slr  ", "\tgive ibuprofen 400mg tds oral\n", "", "   ", "# note", "  wait 2d",
                      "Order ESR urgent ", "frobnicate", "\u{00A0}ask onset\u{2003}", "diagnose  Cauda equina "])
    func parsingATrimmedLineIsParsingTheLine(line: String) throws {
        let (_, catalogue) = try Fixtures.scenario()
        let parser = CommandParser(catalogue: catalogue)
        #expect(parser.parse(trimmed: line.trimmingWhitespace) == parser.parse(line))
    }
}
