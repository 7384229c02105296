/// Runs a scenario's own self-test transcripts and says which hold.
public enum SelfTestRunner {
    public struct Outcome: Sendable {
        public var test: SelfTest
        public var report: GradeReport
        /// Why the test does not hold; empty when it does.
        public var problems: [String]

        public var holds: Bool { problems.isEmpty }
        /// What happened when, for `check --trace`: filled only when asked for.
        public var timeline: [TraceEntry] = []
    }

    /// One moment of a self-test's timeline.
    public struct TraceEntry: Sendable, Equatable {
        public enum Kind: String, Sendable { case command, result, event, item }
        public var t: Minutes
        public var kind: Kind
        public var text: String
    }

    /// - Parameter trace: also record each test's timeline (`Outcome.timeline`).
    public static func run(_ scenario: Scenario, catalogue: Catalogue, trace: Bool = false) -> [Outcome] {
        let plan = GradingPlan(scenario: scenario, catalogue: catalogue)
        return scenario.selfTests.map { test in
            let transcript = Transcript.parse(test.transcript)
            let session = Grader.replay(transcript, scenario: scenario, catalogue: catalogue)
            let report = Grader.grade(session, plan: plan, context: .init(transcriptPath: "\(scenario.sourcePath)#\(test.name)"))
            var problems: [String] = []
            let percent = report.maxScore > 0 ? report.score / report.maxScore * 100 : 0
            if (test.expect == .pass) != report.passed {
                var why = "expected to \(test.expect.rawValue) but it \(report.passed ? "passed" : "failed")"
                if !report.passed {
                    let reasons = report.criticalErrors + report.failReasons
                    why += reasons.isEmpty ? " (score \(JSONValue.format(percent)) below the pass mark)" : " (\(reasons.joined(separator: "; ")))"
                }
                problems.append(why)
            }
            if !test.band.contains(percent) {
                problems.append("score \(JSONValue.format(percent)) is outside [\(JSONValue.format(test.band.lowerBound)), \(JSONValue.format(test.band.upperBound))]")
            }
            for expected in test.criticalErrors where !report.criticalErrors.contains(where: { $0.lowercased().contains(expected.lowercased()) }) {
                problems.append("no critical error mentions '\(expected)' (got: \(report.criticalErrors.isEmpty ? "none" : report.criticalErrors.joined(separator: "; ")))")
            }
            if let expected = test.outcome, !report.outcome.lowercased().contains(expected.lowercased()) {
                problems.append("the outcome does not mention '\(expected)' (got: \(report.outcome))")
            }
            for r in report.rejected {
                problems.append("transcript line \(r.line) '\(r.text)' was rejected: \(r.reason)")
            }
            var outcome = Outcome(test: test, report: report, problems: problems)
            if trace { outcome.timeline = timeline(session, report: report) }
            return outcome
        }
    }

    /// Commands, results, course events (also those after `end`, in the projection that
    /// judges the outcome) and rubric items met, in time order; at one time, in that order.
    static func timeline(_ session: Session, report: GradeReport) -> [TraceEntry] {
        var entries: [TraceEntry] = []
        for entry in session.log {
            let text = entry.rejection.map { "> \(entry.text)   (rejected: \($0))" } ?? "> \(entry.text)"
            entries.append(TraceEntry(t: entry.t, kind: .command, text: text))
        }
        let projected = session.projected()
        for result in projected.received {
            let stage = result.stageName.map { " (\($0))" } ?? ""
            let after = result.arrivedAt > session.now ? ", after the end" : ""
            entries.append(TraceEntry(t: result.arrivedAt, kind: .result,
                                      text: "result: \(result.name)\(stage), ordered at +\(result.orderedAt)m\(after)"))
        }
        for event in projected.firedEvents {
            entries.append(TraceEntry(t: event.t, kind: .event,
                                      text: "course event '\(event.id)' fired\(event.projected ? " (after the end: judges the outcome)" : "")"))
        }
        for item in report.items where item.met {
            guard let t = item.tMin else { continue }
            let timing = item.onTime.map { $0 ? ", on time" : ", late" } ?? ""
            entries.append(TraceEntry(t: t, kind: .item,
                                      text: "rubric item '\(item.id)' (\(item.tier.rawValue)) met: \(JSONValue.format(item.points)) points\(timing)"))
        }
        let order: [TraceEntry.Kind: Int] = [.command: 0, .result: 1, .event: 2, .item: 3]
        let sorted = entries.enumerated().sorted { a, b in
            (a.element.t, order[a.element.kind] ?? 0, a.offset) < (b.element.t, order[b.element.kind] ?? 0, b.offset)
        }.map(\.element)
        let unmet = report.items.filter { !$0.met && $0.tier.isPositive }.map { "\($0.id) (\($0.tier.rawValue))" }
        return sorted + (unmet.isEmpty ? [] : [TraceEntry(t: session.now, kind: .item, text: "never met: \(unmet.joined(separator: ", "))")])
    }
}
