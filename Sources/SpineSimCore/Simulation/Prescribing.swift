/// Prescribing checks, against the catalogue's data and this patient: the route; the dose
/// per dose, per day and per period (a week, a loading course); the frequencies allowed;
/// weight-based doses; renal bands and contraindications by condition; two medicines of one
/// exclusive class; and the combination rules of `interactions.yaml`.
///
/// One act is judged once per concern: of several limits on the same quantity (the BNF's
/// daily maximum and a lower renal one) only the one binding for this patient is reported.
enum Prescribing {
    /// What the checks need to know besides the prescription.
    struct Context {
        var patient: PrescribingPatient
        /// Medicines the patient is on: those given in the session and not stopped, and the
        /// case's current medicines not stopped.
        var coMedicines: [(code: String, classes: Set<String>, current: Bool)]
        /// Every action so far, in order (earlier prescriptions, `unless_done`).
        var actions: [PerformedAction]
    }

    /// What is wrong with giving `item` by `regimen` at `t`.
    static func problems(giving item: CatalogueItem, _ regimen: Regimen, context: Context,
                         catalogue: Catalogue, at t: Minutes, line: Int) -> [SafetyEvent] {
        var problems: [SafetyEvent] = []
        func problem(_ kind: SafetyEvent.Kind, _ message: String, source: String? = nil, critical: Bool = false,
                     patientSpecific: Bool = false) {
            problems.append(SafetyEvent(kind: kind, t: t, line: line, message: message, source: source, critical: critical,
                                        patientSpecific: patientSpecific))
        }
        if let route = regimen.route, !item.routes.contains(route) {
            let allowed = item.routes.map(\.rawValue).joined(separator: ", ")
            problem(.routeNotAllowed, "\(item.name) by the \(route.rawValue) route (allowed: \(allowed))")
        }
        let judged = DoseJudge(item: item, regimen: regimen, patient: context.patient, actions: context.actions, at: t,
                               policy: catalogue.doseErrorPolicy)
        for finding in judged.findings() {
            problem(finding.kind, finding.message, source: finding.source, critical: finding.critical,
                    patientSpecific: finding.patientSpecific)
        }
        for other in context.coMedicines where other.code != item.code {
            let shared = other.classes.intersection(item.classes).intersection(catalogue.exclusiveClasses)
            if let cls = shared.sorted().first {
                let otherName = catalogue.item(.medicine, other.code)?.name ?? other.code
                let while_ = other.current ? "while the patient already takes \(otherName)" : "while \(otherName) is still active"
                problem(.duplicateClass, "\(item.name) given \(while_): two drugs of class '\(cls)' at once",
                        source: "BNF (one drug of a class at a time)", patientSpecific: other.current)
            }
        }
        for rule in catalogue.interactions where !rule.onStop {
            if let message = interaction(rule, giving: item, regimen, context: context, catalogue: catalogue, at: t) {
                problem(.interaction, message, source: rule.source, critical: rule.critical, patientSpecific: true)
            }
        }
        return problems
    }

    /// The message when `rule` applies to this prescription, else nil.
    static func interaction(_ rule: InteractionRule, giving item: CatalogueItem, _ regimen: Regimen, context: Context,
                            catalogue: Catalogue, at t: Minutes) -> String? {
        guard let mine = rule.drugs.firstIndex(where: { InteractionRule.entry($0, matches: item.code, classes: item.classes) }),
              let why = rule.when.holds(for: context.patient, dose: regimen.dose) else { return nil }
        var partners: [String] = []
        for (i, entry) in rule.drugs.enumerated() where i != mine {
            guard let other = context.coMedicines.first(where: {
                $0.code != item.code && InteractionRule.entry(entry, matches: $0.code, classes: $0.classes)
            }) else { return nil }
            let name = catalogue.item(.medicine, other.code)?.name ?? other.code
            partners.append(other.current ? "\(name) (already taken)" : name)
        }
        let protected = context.coMedicines.contains { co in
            rule.unless.contains { InteractionRule.entry($0, matches: co.code, classes: co.classes) }
        }
        if protected { return nil }
        let done = context.actions.contains { action in
            action.t <= t - rule.unlessDoneAtLeast && rule.unlessDone.contains { $0.matches(action) }
        }
        if done { return nil }
        let with = partners.isEmpty ? "" : " with \(partners.joined(separator: " and "))"
        let who = why.isEmpty ? "" : " (\(why))"
        return "\(item.name) \(regimen)\(with)\(who): \(rule.message)"
    }

    /// What is wrong with stopping `item`, one of the patient's own (long-term) medicines, at
    /// `t`: the `on: stop` rules of `interactions.yaml` that name it (a corticosteroid taken for
    /// more than 3 weeks is withdrawn gradually).
    static func withdrawalProblems(stopping item: CatalogueItem, context: Context, catalogue: Catalogue,
                                   at t: Minutes, line: Int) -> [SafetyEvent] {
        catalogue.interactions.compactMap { rule in
            guard rule.onStop, rule.drugs.contains(where: { InteractionRule.entry($0, matches: item.code, classes: item.classes) }),
                  let why = rule.when.holds(for: context.patient, dose: nil) else { return nil }
            let others = context.coMedicines.filter { $0.code != item.code }
            if others.contains(where: { co in rule.unless.contains { InteractionRule.entry($0, matches: co.code, classes: co.classes) } }) { return nil }
            if context.actions.contains(where: { a in a.t <= t - rule.unlessDoneAtLeast && rule.unlessDone.contains { $0.matches(a) } }) { return nil }
            let who = why.isEmpty ? "" : ", \(why)"
            return SafetyEvent(kind: .withdrawal, t: t, line: line, message: "stop \(item.name) (the patient's own medicine\(who)): \(rule.message)",
                               source: rule.source, critical: rule.critical, patientSpecific: true)
        }
    }

    /// The dose in 24 hours; `prn` is judged at the usual frequency.
    static func dailyDose(_ regimen: Regimen, usual: Regimen?) -> Quantity? {
        guard let dose = regimen.dose, let perDay = dosesPerDay(regimen, usual: usual) else { return nil }
        return dose.scaled(by: max(1, perDay))
    }

    /// Doses in 24 hours, `prn` at the usual frequency (or qds), a single dose as one.
    static func dosesPerDay(_ regimen: Regimen, usual: Regimen?) -> Double? {
        effectiveFrequency(regimen, usual: usual).dosesPerDay
    }

    static func effectiveFrequency(_ regimen: Regimen, usual: Regimen?) -> Frequency {
        var frequency = regimen.frequency ?? usual?.frequency
        if frequency == nil || frequency == .prn { frequency = usual?.frequency }
        if frequency == nil || frequency == .prn { frequency = .qds }
        return frequency ?? .qds
    }
}

extension Session {
    /// The patient and co-medicines a prescription made now is judged against. A case whose
    /// state has a variable `egfr` is judged on its value now, else on `patient.egfr`.
    var prescribingContext: Prescribing.Context {
        let facts = scenario.patient.facts
        let patient = PrescribingPatient(age: scenario.patient.age, weightKg: facts.weightKg,
                                         egfr: stateValue("egfr") ?? facts.egfr,
                                         creatinineClearance: facts.creatinineClearance, dialysis: facts.dialysis,
                                         pregnant: facts.pregnant, conditions: facts.conditions)
        var co: [(code: String, classes: Set<String>, current: Bool)] = activeMedicines.map { ($0.code, $0.classes, false) }
        for code in facts.currentMedicines where !stoppedCurrentMedicines.contains(code) && !co.contains(where: { $0.code == code }) {
            co.append((code, catalogue.item(.medicine, code)?.classes ?? [], true))
        }
        return Prescribing.Context(patient: patient, coMedicines: co, actions: actions)
    }
}
