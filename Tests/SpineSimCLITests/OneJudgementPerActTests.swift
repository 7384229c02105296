import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// One act, one judgement per concern: over every bundled case's self-tests and variants of
/// them (each with one command left out, with every `wait` doubled, and all of it a visit
/// later), no act (verb, code, time, line) is both credited and penalised (by the findings'
/// polarity) in one report, no act's penalty is counted twice, and no credit says "at the
/// first visit" of an act done later.
@Suite struct OneJudgementPerActTests {
    /// Each self-test's commands, the same with each command left out in turn, and with every
    /// `wait` doubled (acts move to later visits).
    static func variants(_ commands: [String]) -> [[String]] {
        var all = [commands] + commands.indices.map { i in commands.enumerated().filter { $0.offset != i }.map(\.element) }
        if commands.contains(where: { $0.hasPrefix("wait ") }) {
            all.append(commands.flatMap { $0.hasPrefix("wait ") ? [$0, $0] : [$0] })
        }
        // Everything a visit later: what the first visit owed is now late.
        all.append(["wait 2d"] + commands)
        return all
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
        var blamed: [Finding.Act: [String]] = [:]
        for (rule, f) in findings {
            if f.polarity == .credit { praised.formUnion(f.acts) }
            if f.polarity == .penalty { for a in f.acts { blamed[a, default: []].append(f.note ?? "(no note)") } }
            if f.penalty > 0 { for a in f.acts { penalties[a, default: []].append((rule, f.fault ?? "(none)", f.note ?? "(no note)")) } }
        }
        for (act, notes) in blamed.sorted(by: { ($0.key.t, $0.key.line) < ($1.key.t, $1.key.line) }) where praised.contains(act) {
            problems.append("\(act.verb.rawValue) \(act.code) at \(act.t) is both credited and penalised: \(notes)")
        }
        for (act, found) in penalties.sorted(by: { ($0.key.t, $0.key.code) < ($1.key.t, $1.key.code) }) {
            let name = "\(act.verb.rawValue) \(act.code) at \(act.t)"
            let notes = found.map(\.note)
            let faults = found.map { "\($0.rule)/\($0.fault)" }
            if Set(faults).count < faults.count { problems.append("\(name) is penalised twice for one fault: \(notes)") }
            // A dose, route or duplicate-class error is its own concern beside the rubric's.
            let rules = Set(found.map(\.rule)).subtracting(["PrescribingSafetyRule"])
            if rules.count > 1 { problems.append("\(name) is penalised by \(rules.sorted()): \(notes)") }
        }
        return problems
    }

    /// Claims a credit makes about time that the log contradicts: a credit whose line says
    /// "at the first visit" (or "the same visit") for an act done after the first visit (which
    /// ends at the first `wait` of 12 hours or more).
    static func timingProblems(_ findings: [Finding], session: Session) -> [String] {
        let entries = session.log.filter { $0.command != nil }
        let firstVisitEnds = zip(entries, entries.dropFirst().map(\.t) + [session.now]).first { entry, next in
            entry.text.hasPrefix("wait ") && next - entry.t >= 12 * 60
        }?.0.t ?? Minutes.max
        return findings.filter { f in
            f.polarity == .credit && (f.note.map { $0.contains("at the first visit") || $0.contains("the same visit") } ?? false)
                && f.acts.contains { $0.t >= firstVisitEnds }
        }.map { "credited as at the first visit, but done later: \($0.note ?? "")" }
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
                let byRule = Self.findingsByRule(GradingContext(session: session, plan: plan))
                let found = Self.problems(byRule) + Self.timingProblems(byRule.map(\.finding), session: session)
                #expect(found.isEmpty, "\(id) / \(test.name) (\(commands.count) of \(test.commands.count) commands): \(found.joined(separator: "; "))")
                graded += 1
            }
        }
        #expect(graded > scenario.selfTests.count)
    }

    /// The check itself can fail: an act both praised and penalised, or penalised twice, is caught.
    @Test func theCheckCatchesDoubleJudgements() {
        let action = PerformedAction(t: 5, verb: .refer, code: "spinal-surgery", classes: [], urgent: false, regimen: nil, line: 1)
        var praise = Finding(criterion: .ladder, note: "Done well: climbed", polarity: .credit)
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
        // A late act (no points deducted under its criterion) credited elsewhere is caught too.
        var late = Finding(criterion: .timeliness, note: "Late: MRI", polarity: .penalty)
        late.acts = [Finding.Act(action)]
        #expect(Self.problems([("Rubric", praise), ("Rubric", late)]).count == 1)
    }
}
