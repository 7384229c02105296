/// Folds a session's findings, in order, into per-criterion scores, feedback and sources,
/// and whether the consultation passed.
struct Scorer {
    struct Score {
        var criteria: [GradeReport.CriterionResult]
        var total: Double
        var passed: Bool
        var criticalErrors: [String]
        var failReasons: [String]
        var items: [GradeReport.ItemResult]
    }

    /// One criterion's findings added up.
    struct Tally {
        var earned = 0.0
        var available = 0.0
        var penalty = 0.0
        var lines: [String] = []
        /// The sources cited, each once, in the order first cited.
        var sources: [String] = []

        mutating func add(_ finding: Finding) {
            earned += finding.earned
            available += finding.available
            penalty += finding.penalty
            guard let note = finding.note else { return }
            lines.append(note)
            for source in finding.sources where !sources.contains(source) { sources.append(source) }
        }
    }

    static func fold(_ findings: [Finding], rubric: Rubric) -> Score {
        var tallies: [Criterion: Tally] = [:]
        var deadlinePoints = 0.0, deadlineMet = 0.0
        for finding in findings {
            tallies[finding.criterion, default: Tally()].add(finding)
            if let deadline = finding.deadline {
                deadlinePoints += deadline.points
                deadlineMet += deadline.met
            }
        }
        let criteria = Criterion.allCases.map { c in
            result(c, tallies[c] ?? Tally(), weight: rubric.weights[c] ?? 0, deadlines: (deadlineMet, deadlinePoints))
        }
        let total = JSONValue.round2(criteria.reduce(0) { $0 + $1.score })
        let percent = rubric.maxScore > 0 ? total / rubric.maxScore * 100 : 0
        let criticalErrors = findings.compactMap(\.criticalError)
        let failReasons = findings.compactMap(\.failReason)
        return Score(criteria: criteria, total: total,
                     passed: percent >= rubric.passMark && criticalErrors.isEmpty && failReasons.isEmpty,
                     criticalErrors: criticalErrors, failReasons: failReasons, items: findings.compactMap(\.item))
    }

    /// A criterion's score: its weight times the share earned (timeliness: the share of
    /// deadline points met; safety: all of it), less penalties, kept within 0...weight.
    static func result(_ c: Criterion, _ tally: Tally, weight: Double, deadlines: (met: Double, points: Double)) -> GradeReport.CriterionResult {
        var score: Double
        switch c {
        case .timeliness: score = deadlines.points > 0 ? weight * deadlines.met / deadlines.points : weight
        case .safety: score = weight
        default: score = tally.available > 0 ? weight * tally.earned / tally.available : weight
        }
        score = JSONValue.round2(min(max(score - tally.penalty, 0), weight))
        return GradeReport.CriterionResult(criterion: c, score: score, maxScore: weight,
                                           feedback: tally.lines.isEmpty ? [emptyLine(c)] : tally.lines, references: tally.sources)
    }

    /// What a criterion with nothing to note says.
    static func emptyLine(_ c: Criterion) -> String {
        switch c {
        case .safety: return "No harmful acts, dose errors or critical errors."
        case .investigations: return "No investigations were needed, and none unnecessary were ordered."
        default: return "Nothing to note."
        }
    }
}
