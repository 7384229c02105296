/// Judges the order of care against a ladder: skipped rungs, climbing before a rung has
/// failed, never climbing after one failed, ignored red flags, and the ladder's own errors.
public enum LadderJudge {
    public struct Finding: Sendable, Equatable {
        public var text: String
        public var reference: String?
        /// Points lost in the ladder criterion.
        public var points: Double
        /// Also lost from safety (harmful acts).
        public var harmful: Bool
    }

    /// - Parameters:
    ///   - covered: patterns the case's own rubric already judges (those take precedence).
    public static func judge(session: Session, ladder: Ladder, use: LadderUse, covered: PatternIndex) -> [Finding] {
        var findings: [Finding] = []
        let actions = session.actions
        let clock = session.clock
        let redFlagsPresent = !use.redFlags.isEmpty

        // A pattern matches only actions of its own verb, so each looks only at those.
        var actionsByVerb = [[PerformedAction]](repeating: [], count: Verb.allCases.count)
        for action in actions { actionsByVerb[action.verb.position].append(action) }

        // The ladder's errors, unless the case judges that act itself.
        for rule in ladder.errors where !use.exclude.contains(rule.id) {
            guard let action = actionsByVerb[rule.pattern.verb.position].first(where: { rule.pattern.matches($0) }) else { continue }
            if covered.anyMatches(action) { continue }
            let harmful = rule.tier == .harmful || !Set(rule.harmfulWith).isDisjoint(with: use.redFlags)
            findings.append(Finding(text: "\(harmful ? "Harmful" : "Unnecessary"): \(rule.feedback) (−\(JSONValue.format(rule.points)))",
                                    reference: rule.reference, points: rule.points, harmful: harmful))
        }

        if redFlagsPresent {
            // Red flags skip the ladder: what matters is the urgent path, on time.
            for id in use.redFlags {
                guard let flag = ladder.redFlags.first(where: { $0.id == id }) else { continue }
                let done = flag.expect.compactMap { p in actionsByVerb[p.verb.position].first { p.matches($0) }?.t }.min()
                if let t = done, flag.within.map({ t <= $0 }) ?? true {
                    findings.append(Finding(text: "Done well: the red flag (\(flag.name)) took the urgent path, not the ladder.",
                                            reference: flag.reference, points: 0, harmful: false))
                } else {
                    let when = flag.within.map { " within \(DurationText.describe($0))" } ?? ""
                    findings.append(Finding(text: "Red flag ignored: \(flag.name) needed \(flag.expect.map(\.text).joined(separator: " or "))\(when). \(flag.feedback) (−\(JSONValue.format(ladder.redFlagPoints)))",
                                            reference: flag.reference, points: ladder.redFlagPoints, harmful: false))
                }
            }
            return findings
        }

        // Order of care.
        let failedAt: [Int: Minutes] = use.failures.compactMapValues { eventID in
            session.firedEvents.first { $0.id == eventID && !$0.projected }?.t
        }
        func allowed(at t: Minutes) -> Int {
            var level = max(1, use.start)
            while let f = failedAt[level], f <= t { level += 1 }
            return level
        }
        var judgedRungs = Set<Int>()
        for action in actions where action.verb.isManagement {
            guard let index = ladder.rungIndex(of: action) else { continue }
            let rung = ladder.rungs[index]
            guard rung.level >= 2, !judgedRungs.contains(rung.level) else { continue }
            let limit = allowed(at: action.t)
            guard rung.level > limit else { continue }
            judgedRungs.insert(rung.level)
            let below = ladder.rungs.first { $0.level == rung.level - 1 }?.name ?? "the rung below"
            if rung.level == limit + 1 {
                findings.append(Finding(
                    text: "Climbed too fast: \(action.verb.rawValue) \(action.code) (\(rung.name)) at \(clock.label(action.t)), before \(below) had been tried and failed (−\(JSONValue.format(ladder.tooFastPoints)))",
                    reference: rung.reference, points: ladder.tooFastPoints, harmful: false))
            } else {
                let skipped = ladder.rungs.filter { $0.level > limit && $0.level < rung.level }.map(\.name)
                findings.append(Finding(
                    text: "Skipped the ladder: \(action.verb.rawValue) \(action.code) (\(rung.name)) at \(clock.label(action.t)) without an indication, passing over \(skipped.joined(separator: ", ")) (−\(JSONValue.format(ladder.skipPoints)))",
                    reference: rung.reference, points: ladder.skipPoints, harmful: false))
            }
        }
        for (level, f) in failedAt.sorted(by: { $0.key < $1.key }) {
            guard let next = ladder.rungs.first(where: { $0.level == level + 1 }) else { continue }
            let climbed = actions.contains { a in a.t >= f && a.verb.isManagement && (ladder.rungLevel(of: a) ?? 0) > level }
            let failedName = ladder.rungs.first { $0.level == level }?.name ?? "rung \(level)"
            if climbed {
                findings.append(Finding(text: "Done well: climbed to \(next.name) after \(failedName) had not worked.",
                                        reference: next.reference, points: 0, harmful: false))
            } else {
                findings.append(Finding(text: "Never climbed: \(failedName) had not worked by \(clock.label(f)), but \(next.name) was not offered (−\(JSONValue.format(ladder.neverClimbedPoints)))",
                                        reference: next.reference, points: ladder.neverClimbedPoints, harmful: false))
            }
        }
        if use.start > 1, let reason = use.startReason,
           actions.contains(where: { ($0.verb.isManagement) && (ladder.rungLevel(of: $0) ?? 0) == use.start }) {
            findings.append(Finding(text: "Stratified care: starting at \(ladder.rungs.first { $0.level == use.start }?.name ?? "rung \(use.start)") was right here (\(reason)).",
                                    reference: ladder.rungs.first { $0.level == use.start }?.reference, points: 0, harmful: false))
        }
        return findings
    }
}
