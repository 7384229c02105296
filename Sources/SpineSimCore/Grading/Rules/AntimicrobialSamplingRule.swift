/// Antimicrobials and samples, one rule for every infection case: the catalogue's
/// `samples_before_treatment`. In a case whose `infection:` context is stable (normal
/// neurology, no sepsis), the first medicine of a treatment class given before any sample of
/// its kind (blood cultures or tissue for antibiotics, tissue for anti-TB therapy) is a
/// critical error. After a sample, in an unstable patient, or once an `unstable_after` event
/// has fired, treatment at once is right and this rule says nothing.
struct AntimicrobialSamplingRule: GradingRule {
    func findings(in context: GradingContext, earlier: [Finding]) -> [Finding] {
        let session = context.session
        return Self.violations(context).map { rule, given in
            let drug = session.catalogue.item(.medicine, given.code)?.name ?? given.code
            let samples = Self.sampleNames(rule, catalogue: session.catalogue)
            let text = "\(drug) (\(rule.treatment)) started at \(session.clock.label(given.t)) before any sample (\(samples)) "
                + "in a stable patient with normal neurology"
            var finding = Finding(criterion: .safety,
                                  note: "Critical: \(text). \(Self.advice(rule, catalogue: session.catalogue))",
                                  sources: context.plan.sources(rule.reference), criticalError: text, polarity: .penalty)
            finding.acts = [Finding.Act(given)]
            finding.fault = "samples-before-\(rule.treatment)"
            return finding
        }
    }

    /// Each sampling rule broken: the first medicine of its class given before any sample, in
    /// a stable patient. The rubric does not also praise these acts.
    static func violations(_ context: GradingContext) -> [(rule: SamplingRule, given: PerformedAction)] {
        guard let infection = context.scenario.infection, infection.context == .stable else { return [] }
        let session = context.session
        let unstableFrom = session.firedEvents.filter { !$0.projected && infection.unstableAfter.contains($0.id) }.map(\.t).min()
        var found: [(rule: SamplingRule, given: PerformedAction)] = []
        for rule in session.catalogue.samplingRules {
            guard let index = session.actions.firstIndex(where: { $0.verb == .give && $0.classes.contains(rule.treatment) }) else { continue }
            let given = session.actions[index]
            if let unstableFrom, given.t >= unstableFrom { continue }
            let sampled = session.actions[..<index].contains { a in
                (a.verb == .order || a.verb == .perform) && !a.classes.isDisjoint(with: rule.samples)
            }
            if !sampled { found.append((rule, given)) }
        }
        return found
    }

    /// The names of the tests and procedures that take a rule's samples, for feedback.
    static func sampleNames(_ rule: SamplingRule, catalogue: Catalogue) -> String {
        let items = [ItemKind.test, .procedure].flatMap { catalogue.items[$0] ?? [] }
        let names = items.filter { !$0.classes.isDisjoint(with: rule.samples) }.map(\.name)
        return names.joined(separator: " or ")
    }

    /// What to do instead, worded from the samples the rule lists: blood cultures take minutes
    /// and do not delay treatment; tissue (a biopsy, drained pus) is not minutes' work, but in a
    /// stable patient it is arranged before treatment starts.
    static func advice(_ rule: SamplingRule, catalogue: Catalogue) -> String {
        let culture = names(["culture-sample"], in: rule, catalogue: catalogue)
        let tissue = names(["tissue-sample"], in: rule, catalogue: catalogue)
        var parts: [String] = []
        if !culture.isEmpty { parts.append("\(culture) take minutes and do not delay treatment") }
        if !tissue.isEmpty { parts.append("tissue sampling is arranged before treatment in a stable patient") }
        let other = names(rule.samples.filter { $0 != "culture-sample" && $0 != "tissue-sample" }, in: rule, catalogue: catalogue)
        if !other.isEmpty { parts.append("\(other) comes before treatment in a stable patient") }
        guard !parts.isEmpty else { return "Take the sample first." }
        return "Take the sample first: " + parts.joined(separator: "; ") + "."
    }

    /// The names of the tests and procedures of the given sample classes the rule lists.
    static func names(_ classes: [String], in rule: SamplingRule, catalogue: Catalogue) -> String {
        let wanted = Set(classes).intersection(rule.samples)
        guard !wanted.isEmpty else { return "" }
        let items = [ItemKind.test, .procedure].flatMap { catalogue.items[$0] ?? [] }
        return items.filter { !$0.classes.isDisjoint(with: wanted) }.map(\.name).joined(separator: " or ")
    }
}
