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

    static func fold(_ findings: [Finding], rubric: Rubric, clock: ClockFace = ClockFace()) -> Score {
        var tallies: [Criterion: Tally] = [:]
        var deadlinePoints = 0.0, deadlineMet = 0.0
        for finding in findings {
            tallies[finding.criterion, default: Tally()].add(finding)
            if let deadline = finding.deadline {
                deadlinePoints += deadline.points
                deadlineMet += deadline.met
            }
        }
        let judgedOrders = judgedOrdersNote(findings, clock: clock)
        let criteria = Criterion.allCases.map { c in
            result(c, tallies[c] ?? Tally(), weight: rubric.weights[c] ?? 0, deadlines: (deadlineMet, deadlinePoints),
                   empty: c == .investigations ? judgedOrders : nil)
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
    static func result(_ c: Criterion, _ tally: Tally, weight: Double, deadlines: (met: Double, points: Double),
                       empty: String? = nil) -> GradeReport.CriterionResult {
        var score: Double
        switch c {
        case .timeliness: score = deadlines.points > 0 ? weight * deadlines.met / deadlines.points : weight
        case .safety: score = weight
        default: score = tally.available > 0 ? weight * tally.earned / tally.available : weight
        }
        score = JSONValue.round2(min(max(score - tally.penalty, 0), weight))
        return GradeReport.CriterionResult(criterion: c, score: score, maxScore: weight,
                                           feedback: tally.lines.isEmpty ? [empty ?? emptyLine(c)] : tally.lines, references: tally.sources)
    }

    /// What a criterion with nothing to note says.
    static func emptyLine(_ c: Criterion) -> String {
        switch c {
        case .safety: return "No harmful acts, dose errors or critical errors."
        case .investigations: return "No investigations were needed, and none unnecessary were ordered."
        default: return "Nothing to note."
        }
    }

    /// What an investigations criterion with nothing to note says when tests were ordered
    /// that another criterion penalises (a premature MRI judged under Management): it cannot
    /// claim "none unnecessary were ordered", so it names each act and where it is judged.
    /// Nil when no order was penalised.
    static func judgedOrdersNote(_ findings: [Finding], clock: ClockFace) -> String? {
        var seen = Set<Finding.Act>()
        var parts: [String] = []
        for finding in findings where finding.polarity == .penalty && finding.criterion != .investigations {
            for act in finding.acts where act.verb == .order && !seen.contains(act) {
                seen.insert(act)
                let title = finding.criterion == .ladder ? "Management" : finding.criterion.title
                let why = reason(finding.note).map { " (\($0))" } ?? ""
                parts.append("\(act.text) at \(clock.label(act.t)) is judged under \(title)\(why)")
            }
        }
        guard !parts.isEmpty else { return nil }
        return "No investigations were needed here; " + parts.joined(separator: "; ") + "."
    }

    /// The kind of penalty a note opens with ("Premature escalation: …", "Unnecessary — …"),
    /// lower-cased, for naming it beside an act.
    static func reason(_ note: String?) -> String? {
        guard let note else { return nil }
        let prefix = note.prefix { $0 != ":" && $0 != "—" }
        guard prefix.count < note.count else { return nil }
        var head = String(prefix)
        while head.last == " " { head.removeLast() }
        guard !head.isEmpty, head.count <= 40 else { return nil }
        return head.lowercased()
    }
}
