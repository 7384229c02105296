/// Runs a scenario's own self-test transcripts and says which hold.
public enum SelfTestRunner {
    public struct Outcome: Sendable {
        public var test: SelfTest
        public var report: GradeReport
        /// Why the test does not hold; empty when it does.
        public var problems: [String]

        public var holds: Bool { problems.isEmpty }
    }

    public static func run(_ scenario: Scenario, catalogue: Catalogue) -> [Outcome] {
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
            for r in report.rejected {
                problems.append("transcript line \(r.line) '\(r.text)' was rejected: \(r.reason)")
            }
            return Outcome(test: test, report: report, problems: problems)
        }
    }
}
