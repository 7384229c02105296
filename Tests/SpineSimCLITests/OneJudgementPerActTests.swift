import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// One act, one judgement per concern: over every bundled case's self-tests and variants of
/// them (each with one command left out), no act (verb, code, time) is both praised ("Done
/// well") and penalised in one report, and no act's penalty is counted twice.
@Suite struct OneJudgementPerActTests {
    /// Each self-test's commands, and the same with each command left out in turn.
    static func variants(_ commands: [String]) -> [[String]] {
        [commands] + commands.indices.map { i in commands.enumerated().filter { $0.offset != i }.map(\.element) }
    }

    /// Runs every grading rule, each finding labelled with the rule that made it.
    static func findingsByRule(_ context: GradingContext) -> [(rule: String, finding: Finding)] {
        var all: [(rule: String, finding: Finding)] = []
        for rule in GradingRules.all {
            let found = rule.findings(in: context, earlier: all.map(\.finding))
            all += found.map { (String(describing: type(of: rule)), $0) }
        }
        return all
    }

    /// What is wrong with one graded session's findings, if anything: an act praised and
    /// penalised, penalised twice for one fault (a rubric item, a ladder error), or penalised
    /// by two rules (the ladder re-judging what the rubric judged).
    static func problems(_ findings: [(rule: String, finding: Finding)]) -> [String] {
        var problems: [String] = []
        var penalties: [Finding.Act: [(rule: String, fault: String, note: String)]] = [:]
        var praised = Set<Finding.Act>()
        for (rule, f) in findings {
            if f.note?.hasPrefix("Done well") == true { praised.formUnion(f.acts) }
            if f.penalty > 0 { for a in f.acts { penalties[a, default: []].append((rule, f.fault ?? "(none)", f.note ?? "(no note)")) } }
        }
        for (act, found) in penalties.sorted(by: { ($0.key.t, $0.key.code) < ($1.key.t, $1.key.code) }) {
            let name = "\(act.verb.rawValue) \(act.code) at \(act.t)"
            let notes = found.map(\.note)
            if praised.contains(act) { problems.append("\(name) is both praised and penalised: \(notes)") }
            let faults = found.map { "\($0.rule)/\($0.fault)" }
            if Set(faults).count < faults.count { problems.append("\(name) is penalised twice for one fault: \(notes)") }
            if Set(found.map(\.rule)).count > 1 { problems.append("\(name) is penalised by \(Set(found.map(\.rule)).sorted()): \(notes)") }
        }
        return problems
    }

    @Test(arguments: ScenarioSelfTests.ids)
    func noActJudgedTwice(id: String) throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        let plan = GradingPlan(scenario: scenario, catalogue: lib.catalogue)
        var graded = 0
        for test in scenario.selfTests {
            for commands in Self.variants(test.commands) {
                let transcript = Transcript.parse(commands.joined(separator: "\n") + "\n")
                let session = Grader.replay(transcript, scenario: scenario, catalogue: lib.catalogue)
                let found = Self.problems(Self.findingsByRule(GradingContext(session: session, plan: plan)))
                #expect(found.isEmpty, "\(id) / \(test.name) (\(commands.count) of \(test.commands.count) commands): \(found.joined(separator: "; "))")
                graded += 1
            }
        }
        #expect(graded > scenario.selfTests.count)
    }

    /// The check itself can fail: an act both praised and penalised, or penalised twice, is caught.
    @Test func theCheckCatchesDoubleJudgements() {
        let action = PerformedAction(t: 5, verb: .refer, code: "spinal-surgery", classes: [], urgent: false, regimen: nil, line: 1)
        var praise = Finding(criterion: .ladder, note: "Done well: climbed")
        praise.acts = [Finding.Act(action)]
        var penalty = Finding(criterion: .ladder, penalty: 4, note: "Skipped the ladder")
        penalty.acts = [Finding.Act(action)]
        penalty.fault = "climb"
        #expect(Self.problems([("Rubric", praise), ("Rubric", penalty)]).count == 1)
        #expect(Self.problems([("Rubric", penalty), ("Rubric", penalty)]).count == 1)
        #expect(Self.problems([("Rubric", penalty), ("Ladder", penalty)]).count == 1)
        var other = penalty
        other.fault = "another-item"
        #expect(Self.problems([("Rubric", penalty), ("Rubric", other)]).isEmpty)
        #expect(Self.problems([("Rubric", penalty)]).isEmpty)
    }
}
