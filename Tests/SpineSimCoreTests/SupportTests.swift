import Testing
@testable import SpineSimCore

@Suite struct SupportTests {
    @Test(arguments: [("30m", 30), ("6h", 360), ("2d", 2880), ("3w", 30240), ("1h30m", 90), ("0m", 0)])
    func durationsParse(text: String, minutes: Int) {
        #expect(DurationText.parse(text) == minutes)
    }

    @Test(arguments: ["", "5", "h", "5x", "-3h", "1.5h", "abc"])
    func badDurationsAreRefused(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func durationsFormatShortestExact() {
        #expect(DurationText.format(90) == "1h30m")
        #expect(DurationText.format(2880) == "2d")
        #expect(DurationText.describe(120) == "2 hours")
        #expect(DurationText.describe(1) == "1 minute")
    }

    @Test func clockLabels() {
        let clock = ClockFace(arrival: 9 * 60)
        #expect(clock.label(0) == "day 0 09:00")
        #expect(clock.label(14) == "day 0 09:14")
        #expect(clock.label(24 * 60 + 75) == "day 1 10:15")
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func jsonNumbersAndEscapes() {
        #expect(JSONValue.format(82.5) == "82.5")
        #expect(JSONValue.format(100) == "100")
        #expect(JSONValue.format(33.333) == "33.33")
        #expect(JSONValue.format(0.05) == "0.05")
        let v = JSONValue.object([("b", .integer(1)), ("a", .string("x\"y\n"))])
        #expect(v.rendered(pretty: false) == "{\"b\":1,\"a\":\"x\\\"y\\n\"}")
    }

    /// The run-copying escaper against a plain per-character one, on text with every kind of
    /// byte at the start, middle and end: quotes, backslashes, controls, non-ASCII.
    @Test(arguments: ["", "plain text", "\"", "\\", "a\u{01}b", "\u{1f}", "line\nbreak\r\ttab\u{0}", "café ☕ \"quoted\" \\ end",
                      "\"starts", "ends\\", "über\n", String(repeating: "ab\"", count: 50)])
    func jsonEscapingMatchesTheRules(text: String) {
        var expected = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": expected += "\\\""
            case "\\": expected += "\\\\"
            case "\n": expected += "\\n"
            case "\r": expected += "\\r"
            case "\t": expected += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                expected += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: expected.unicodeScalars.append(scalar)
            }
        }
        expected += "\""
        #expect(JSONValue.string(text).rendered(pretty: false) == expected)
    }

    /// Feedback notes gather each criterion's sources once, in the order first cited, whether
    /// the plan split the reference beforehand or not.
    @Test func notesGatherSourcesOnceInOrder() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        let plan = GradingPlan(scenario: scenario, catalogue: catalogue)
        let noted = ["GIRFT 2023; NICE NG59", "Unlisted 2020; BNF", "NICE NG59; Cochrane CD007612", "Unlisted 2020"]
        var findings = noted.map { Finding(criterion: .ladder, note: "line", sources: plan.sources($0)) }
        findings.append(Finding(criterion: .ladder, note: "no reference", sources: plan.sources(nil)))
        let score = Scorer.fold(findings, rubric: scenario.rubric)
        let ladder = try #require(score.criteria.first { $0.criterion == .ladder })
        let safety = try #require(score.criteria.first { $0.criterion == .safety })
        #expect(ladder.references == ["GIRFT 2023", "NICE NG59", "Unlisted 2020", "BNF", "Cochrane CD007612"])
        #expect(ladder.feedback.count == noted.count + 1)
        #expect(safety.references.isEmpty)
    }

    @Test func suggestionsFindTypos() {
        #expect(Suggestions.closest(to: "ordr", among: ["order", "ask", "examine"]) == ["order"])
        #expect(Suggestions.closest(to: "bladdr", among: ["bladder", "bowel"]).first == "bladder")
        #expect(Suggestions.closest(to: "zzzzzz", among: ["bladder", "bowel"]).isEmpty)
    }

    @Test func foldingIsTheSameForASCIIAndUnicode() {
        #expect("Cauda-Equina  Syndrome".folded == "cauda equina syndrome")
        #expect("Pott's disease".folded == "potts disease")
        #expect("Pott’s disease".folded == "potts disease")
        #expect("  L4/5 disc ".folded == "l4 5 disc")
        #expect("Ménière".folded == "ménière")
        #expect("".folded == "")
    }

    @Test(arguments: [
        "", " ", "'", "a", "A", "Cauda Equina", "  L4/5 disc ", "Pott's disease", "x-", "-x", "a--b__c",
        "CES!!", "12 mm", "\t\nTab\r\n", "abcdefghijklmnop qrstuvwxyz ABCDEFGHIJKLMNOP", "''", "a ' b", "~`@[]{}",
    ])
    func asciiFoldingMatchesUnicodeFolding(text: String) {
        #expect(text.folded == text.unicodeFolded)
        #expect(Substring(text).folded == text.unicodeFolded)
    }

    @Test func citationsSplitAndDeduplicate() {
        #expect(Citations.split(["NICE NG59; Cochrane CD007612 ", "NICE NG59", " ; GIRFT 2023;"]) ==
                ["NICE NG59", "Cochrane CD007612", "GIRFT 2023"])
        #expect(Citations.split(["Ménière; Pott’s"]) == ["Ménière", "Pott’s"])
        // A journal's volume after ";" and a ";" inside brackets stay in their citation.
        #expect(Citations.split(["Katz & Harris, N Engl J Med 2008; 358:818; NICE NG59"]) ==
                ["Katz & Harris, N Engl J Med 2008; 358:818", "NICE NG59"])
        #expect(Citations.split(["NICE NG59 (exercise; psychological therapy); BNF"]) ==
                ["NICE NG59 (exercise; psychological therapy)", "BNF"])
    }
}

@Suite struct EnumPositionTests {
    @Test func everyCaseHasItsOwnPosition() {
        #expect(Verb.allCases.map(\.position) == Array(0..<Verb.allCases.count))
        #expect(Criterion.allCases.map(\.position) == Array(0..<Criterion.allCases.count))
    }
}
