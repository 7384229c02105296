import Testing
@testable import SpineSimCore

@Suite struct ScorerTests {
    /// The fixture's weights: history, examination, investigations 15 each, ladder 20,
    /// timeliness 15, safety 10, diagnosis 10 (100 in all); pass mark 70.
    let rubric: Rubric

    init() throws {
        rubric = try Fixtures.scenario().0.rubric
    }

    func score(_ findings: [Finding]) -> Scorer.Score { Scorer.fold(findings, rubric: rubric) }

    let findings = [
        Finding(criterion: .history, earned: 2, available: 4, note: "half the history"),
        Finding(criterion: .timeliness, deadline: .init(points: 5, met: 2.5)),
        Finding(criterion: .timeliness, deadline: .init(points: 5, met: 5)),
        Finding(criterion: .safety, penalty: 3),
        Finding(criterion: .investigations, penalty: 20, note: "too many"),
    ]

    @Test func criteriaScoreTheirShareLessPenaltiesWithinTheirWeight() throws {
        let s = score(findings)
        #expect(s.criteria.map(\.criterion) == Criterion.allCases)
        // history 15·2/4, examination 15, investigations 15−20 → 0, ladder 20,
        // timeliness 15·7.5/10, safety 10−3, diagnosis 10.
        #expect(s.criteria.map(\.score) == [7.5, 15, 0, 20, 11.25, 7, 10])
        #expect(s.total == 70.75)
        #expect(s.passed)
    }

    @Test func criteriaWithNothingNotedSaySo() throws {
        let feedback = score(findings).criteria.map(\.feedback)
        #expect(feedback == [["half the history"], ["Nothing to note."], ["too many"], ["Nothing to note."], ["Nothing to note."],
                             ["No harmful acts, dose errors or critical errors."], ["Nothing to note."]])
    }

    @Test func aCriticalErrorOrAFailReasonFails() throws {
        let critical = score(findings + [Finding(criterion: .safety, criticalError: "bad")])
        #expect(!critical.passed && critical.criticalErrors == ["bad"] && critical.total == 70.75)
        let reason = score(findings + [Finding(criterion: .safety, failReason: "why")])
        #expect(!reason.passed && reason.failReasons == ["why"])
        // Exactly the pass mark passes; a point less does not.
        let atMark = [Finding(criterion: .safety, penalty: 10), Finding(criterion: .ladder, penalty: 20)]
        #expect(score(atMark).total == 70 && score(atMark).passed)
        #expect(!score(atMark + [Finding(criterion: .history, penalty: 1)]).passed)
    }

    @Test func itemResultsKeepTheirOrder() throws {
        let items = ["a", "b", "c"].map { GradeReport.ItemResult(id: $0, tier: .required, criterion: .history, met: true, points: 1, tMin: 0, onTime: nil) }
        let s = score([Finding(criterion: .history, item: items[0]), Finding(criterion: .safety),
                       Finding(criterion: .ladder, item: items[1]), Finding(criterion: .history, item: items[2])])
        #expect(s.items.map(\.id) == ["a", "b", "c"])
    }
}
