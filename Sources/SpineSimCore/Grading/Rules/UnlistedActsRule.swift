/// Clinical acts neither the rubric nor the ladder names: penalised once each (by verb, code
/// and urgency) when the rubric's `unlisted` rule for the verb makes them unnecessary or harmful
/// (never a test of a panel the rubric credits, the case's recommended work-up);
/// a needless test's penalty grows with its burden (`InvestigationBurden`).
struct UnlistedActsRule: GradingRule {
    private struct Key: Hashable {
        var verb: Verb, code: String, urgent: Bool
    }

    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        var seen = Set<Key>()
        var findings: [Finding] = []
        let workUp = context.plan.workUpTests
        for action in context.candidates where action.verb.isClinicalAction && action.verb != .diagnose && action.verb != .differential {
            guard !context.plan.listed.anyMatches(action) else { continue }
            if action.verb == .order, workUp.contains(action.code) { continue }
            let key = Key(verb: action.verb, code: action.code, urgent: action.urgent)
            guard seen.insert(key).inserted, let rule = context.rubric.unlisted[action.verb], rule.tier.isPenalty else { continue }
            let name = context.session.catalogue.item(action.verb.itemKind ?? .test, action.code)?.name ?? action.code
            let points = JSONValue.format(rule.points)
            let harmful = rule.tier == .harmful
            let when = context.session.clock.label(action.t)
            let harmfulText = "Harmful: \(action.verb.rawValue) \(name) (at \(when)) had no indication here"
            let note = harmful ? "\(harmfulText) (\(Finding.countedUnderSafety))."
                : "Unnecessary: \(action.verb.rawValue) \(name) (at \(when)) was not indicated here (−\(points))."
            // A harmful act is penalised once, under safety; its own criterion names it.
            var finding = Finding(criterion: Criterion.defaultFor(action.verb), penalty: harmful ? 0 : rule.points, note: note,
                                  unindicatedTests: action.verb == .order ? [action.code] : [])
            finding.acts = [Finding.Act(action)]
            finding.fault = "unlisted"
            finding.polarity = .penalty
            var judged = [finding]
            if harmful {
                var safety = Finding(criterion: .safety, penalty: rule.points, note: "\(harmfulText) (−\(points)).", polarity: .penalty)
                safety.acts = [Finding.Act(action)]
                safety.fault = "unlisted"
                judged.append(safety)
            }
            // A needless test's burden (radiation, invasiveness, cost) adds to the same penalty.
            InvestigationBurden.add(tests: finding.unindicatedTests, to: &judged, catalogue: context.session.catalogue,
                                    patient: context.scenario.patient)
            findings += judged
        }
        return findings
    }
}
