import Foundation
import Testing
@testable import SpineSimCore

@Suite struct LadderTests {
    static let ladderYAML = """
    id: test-ladder
    name: Test ladder
    references: [NICE NG59]
    rungs:
      - {level: 1, id: self, name: self-management, reference: NG59 self-management, actions: [advise stay-active, give class:nsaid]}
      - {level: 2, id: structured, name: structured care, reference: NG59 exercise, actions: [refer physiotherapy]}
      - {level: 3, id: specialist, name: specialist care, reference: NG59 specialist, actions: [refer neurosurgery]}
      - {level: 4, id: surgery, name: surgery, reference: NG59 surgery, actions: [perform class:surgery]}
    red_flags:
      - {id: cauda-equina, name: suspected CES, expect: [order mri-lumbar urgent], within: 4h, feedback: Urgent MRI., reference: GIRFT 2023}
    errors:
      - {id: bed-rest, action: advise bed-rest, tier: harmful, points: 3, feedback: Bed rest is outdated., reference: Cochrane CD007612}
    penalties: {skip: 4, too_fast: 3, never_climbed: 4, red_flag_ignored: 6}
    """

    static let caseYAML = """
    id: test-strain
    title: Back pain, 30-year-old man — general practice
    setting: primary-care
    difficulty: introductory
    tags: [test]
    summary: Ladder tests.
    references: [NICE NG59]
    patient: {age: 30, sex: male, complaint: Sore back.}
    diagnosis: {accepted: [mechanical-low-back-pain]}
    course:
      horizon: 8w
      events:
        - {id: self-failed, at: 4w, message: Still no better after four weeks.}
    ladder:
      id: test-ladder
      failures: {1: self-failed}
    outcomes:
      - text: Recovers.
    rubric:
      pass_mark: 70
      weights: {history: 15, examination: 15, investigations: 15, ladder: 20, timeliness: 15, safety: 10, diagnosis: 10}
      items:
        - {id: active, tier: required, action: advise stay-active, points: 2, feedback: {missed: Advise staying active.}, reference: NICE NG59}
    self_tests:
      - {name: ok, expect: pass, score: [0, 100], transcript: "advise stay-active\\ndiagnose mechanical-low-back-pain\\nend\\n"}
      - {name: bad, expect: fail, score: [0, 100], transcript: "end\\n"}
    """

    /// The test case, with `redFlags` present when given (written into its `ladder:` block).
    func setUp(redFlags: [String] = []) throws -> (Scenario, Catalogue) {
        let catalogue = try CatalogueLoader.load(catalogueText: Fixtures.catalogueYAML, cataloguePath: "c.yaml",
                                                 diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "d.yaml",
                                                 ladders: [(Self.ladderYAML, "ladder.yaml")])
        var text = Self.caseYAML
        if !redFlags.isEmpty {
            text = text.replacingOccurrences(of: "  id: test-ladder\n", with: "  id: test-ladder\n  red_flags: [\(redFlags.joined(separator: ", "))]\n")
        }
        let scenario = try ScenarioLoader.loadOrThrow(text: text, path: "test-strain.yaml", catalogue: catalogue)
        #expect(scenario.ladder?.redFlags == redFlags)
        return (scenario, catalogue)
    }

    func ladderFeedback(_ lines: [String], redFlags: [String] = []) throws -> [String] {
        let (scenario, catalogue) = try setUp(redFlags: redFlags)
        var session = Session(scenario: scenario, catalogue: catalogue)
        for l in lines { _ = session.handle(l) }
        let report = Grader.grade(session, context: .init(transcriptPath: "t"))
        return report.criteria.first { $0.criterion == .ladder }?.feedback ?? []
    }

    /// An act on several rungs belongs to the highest; on a tie, to the one listed first,
    /// whether the rungs name it by code or by class.
    @Test func anActOnSeveralRungsBelongsToTheHighestListedFirst() {
        func pattern(_ verb: Verb, _ target: ActionPattern.Target) -> ActionPattern {
            ActionPattern(verb: verb, target: target, urgency: .either, text: "\(verb) \(target)")
        }
        let rungs = [
            Ladder.Rung(level: 1, id: "a", name: "a", actions: [pattern(.give, .itemClass("nsaid"))], reference: "r"),
            Ladder.Rung(level: 3, id: "b", name: "b", actions: [pattern(.give, .itemClass("nsaid"))], reference: "r"),
            Ladder.Rung(level: 3, id: "c", name: "c", actions: [pattern(.give, .code("naproxen"))], reference: "r"),
            Ladder.Rung(level: 2, id: "d", name: "d", actions: [pattern(.refer, .code("physiotherapy")), pattern(.give, .code("naproxen"))], reference: "r"),
        ]
        let ladder = Ladder(id: "l", name: "l", references: [], rungs: rungs, errors: [], redFlags: [],
                            skipPoints: 1, tooFastPoints: 1, neverClimbedPoints: 1, redFlagPoints: 1)
        func act(_ verb: Verb, _ code: String, _ classes: Set<String> = []) -> PerformedAction {
            PerformedAction(t: 0, verb: verb, code: code, classes: classes, urgent: false, regimen: nil, line: 1)
        }
        #expect(ladder.rungIndex(of: act(.give, "naproxen", ["nsaid"])) == 1)
        #expect(ladder.rungIndex(of: act(.give, "naproxen")) == 2)
        #expect(ladder.rungIndex(of: act(.give, "ibuprofen", ["nsaid"])) == 1)
        #expect(ladder.rungIndex(of: act(.refer, "physiotherapy")) == 3)
        #expect(ladder.rungLevel(of: act(.refer, "physiotherapy")) == 2)
        #expect(ladder.rungIndex(of: act(.refer, "neurosurgery")) == nil)
        #expect(ladder.rungIndex(of: act(.advise, "naproxen")) == nil)
    }

    @Test func climbingAfterFailureIsRight() throws {
        let f = try ladderFeedback(["advise stay-active", "give naproxen", "wait 5w", "refer physiotherapy", "diagnose mechanical-low-back-pain", "end"])
        #expect(f.contains { $0.hasPrefix("Done well: climbed to structured care") })
        #expect(!f.contains { $0.hasPrefix("Climbed too fast") || $0.hasPrefix("Skipped") })
    }

    @Test func climbingBeforeFailureIsTooFast() throws {
        let f = try ladderFeedback(["advise stay-active", "refer physiotherapy", "end"])
        #expect(f.contains { $0.hasPrefix("Climbed too fast: refer physiotherapy") })
    }

    @Test func jumpingTwoRungsIsASkip() throws {
        let f = try ladderFeedback(["advise stay-active", "perform decompression", "end"])
        #expect(f.contains { $0.hasPrefix("Skipped the ladder: perform decompression") && $0.contains("structured care") })
    }

    @Test func notClimbingAfterFailureIsFlagged() throws {
        let f = try ladderFeedback(["advise stay-active", "wait 6w", "end"])
        #expect(f.contains { $0.hasPrefix("Never climbed: self-management") })
    }

    @Test func ladderErrorsApplyUnlessTheCaseJudgesThem() throws {
        let f = try ladderFeedback(["advise bed-rest", "end"])
        #expect(f.contains { $0.hasPrefix("Harmful — advise bed-rest at ") && $0.contains(": Bed rest is outdated.") })
    }

    @Test func redFlagsBypassTheLadder() throws {
        let ignored = try ladderFeedback(["advise stay-active", "perform decompression", "end"], redFlags: ["cauda-equina"])
        #expect(ignored.contains { $0.hasPrefix("Red flag ignored: suspected CES") })
        #expect(!ignored.contains { $0.hasPrefix("Skipped") })
        let followed = try ladderFeedback(["order mri-lumbar urgent", "end"], redFlags: ["cauda-equina"])
        #expect(followed.contains { $0.hasPrefix("Done well: the red flag") })
    }

    @Test func unknownLadderIsAnError() throws {
        let catalogue = try Fixtures.catalogue()
        let loaded = ScenarioLoader.load(text: Self.caseYAML, path: "x.yaml", catalogue: catalogue)
        #expect(loaded.scenario == nil)
        #expect(loaded.diagnostics.contains { $0.message.contains("ladder 'test-ladder' is not a ladder of the catalogue") })
    }
}
