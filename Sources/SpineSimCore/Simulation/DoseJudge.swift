/// Judges one prescription's dose against the limits that apply to this patient: the
/// catalogue's `max_daily` and its `dosing:` limits whose `when` holds. Each concern (per
/// dose, per day, per period, frequency, reduction, contraindication) is reported at most
/// once, against the limit that binds for this patient.
struct DoseJudge {
    struct Found {
        var kind: SafetyEvent.Kind
        var message: String
        var source: String
        var critical: Bool
        /// Whether the limit depends on the patient (kidneys, weight, conditions).
        var patientSpecific = true
    }

    /// A dose more than this many times the patient's maximum is a critical error
    /// (Docs/design.md, "Prescribing": a teaching policy, not a clinical fact).
    static let grossMultiple = 2.0

    let item: CatalogueItem
    let regimen: Regimen
    let patient: PrescribingPatient
    let actions: [PerformedAction]
    let t: Minutes
    /// The catalogue's probable-dose-error policy, for medicines with no fixed maximum.
    let policy: DoseErrorPolicy?

    init(item: CatalogueItem, regimen: Regimen, patient: PrescribingPatient, actions: [PerformedAction], at t: Minutes,
         policy: DoseErrorPolicy? = nil) {
        self.item = item
        self.regimen = regimen
        self.patient = patient
        self.actions = actions
        self.t = t
        self.policy = policy
    }

    /// The limits that apply, each with why ("eGFR 8, on dialysis"; empty for everyone).
    var applicable: [(limit: DoseLimit, why: String)] {
        item.dosing.compactMap { limit in limit.when.holds(for: patient, dose: regimen.dose).map { (limit, $0) } }
    }

    func findings() -> [Found] {
        let limits = applicable
        if let (limit, why) = limits.first(where: { $0.limit.avoid }) {
            let reason = limit.reason.map { ": \($0)" } ?? ""
            return [Found(kind: .contraindicated,
                          message: "\(prescribed): \(forPatient(why))contraindicated\(reason)",
                          source: limit.source, critical: true)]
        }
        var out: [Found] = []
        let overDose = perDose(limits) ?? probableError(limits)
        if let f = overDose { out.append(f) }
        // One dose a day: the dose and the day's dose are one quantity, judged once.
        let oneDoseADay = (Prescribing.dosesPerDay(regimen, usual: item.usual) ?? 2) <= 1
        if !(oneDoseADay && overDose != nil), let f = perDay(limits) { out.append(f) }
        // A period's total made of this dose alone is the dose itself, judged once above.
        if let f = perPeriod(limits, doseJudged: overDose != nil) { out.append(f) }
        if let f = frequency(limits) { out.append(f) }
        if let f = reduction(limits) { out.append(f) }
        return out
    }

    /// "flucloxacillin 3g q6h iv"
    var prescribed: String { "\(item.name) \(regimen)" }

    func forPatient(_ why: String) -> String { why.isEmpty ? "" : "for this patient (\(why)): " }

    /// The message part saying what the limit is for and where it comes from.
    func because(_ limit: DoseLimit) -> String { limit.reason.map { " — \($0)" } ?? "" }

    func exceeded(_ given: Quantity, _ max: Quantity) -> (over: Bool, critical: Bool)? {
        guard let over = given.isGreater(than: max) else { return nil }
        return (over, given.isGreater(than: max.scaled(by: Self.grossMultiple)) == true)
    }

    private func perDose(_ limits: [(limit: DoseLimit, why: String)]) -> Found? {
        guard let dose = regimen.dose else { return nil }
        let candidates = limits.compactMap { l in l.limit.maxDose.map { (max: $0, limit: l.limit, why: l.why) } }
        guard let binding = candidates.min(by: { $0.max.isGreater(than: $1.max) == false }),
              let (over, critical) = exceeded(dose, binding.max), over else { return nil }
        return Found(kind: .doseAboveMaximum,
                     message: "\(prescribed): \(Self.pretty(dose)) in one dose; \(forPatient(binding.why))at most \(Self.pretty(binding.max)) a dose\(because(binding.limit))",
                     source: binding.limit.source, critical: critical, patientSpecific: !binding.why.isEmpty)
    }

    /// The teaching policy for a medicine with no fixed maximum for this patient (opioids
    /// titrated to effect): one dose more than `policy.multiple` times the usual dose by this
    /// route is a probable tenfold-type error, judged as a maximum dose of that many times.
    private func probableError(_ limits: [(limit: DoseLimit, why: String)]) -> Found? {
        guard let policy, let dose = regimen.dose, item.maxDaily == nil,
              !limits.contains(where: { l in l.limit.maxDose != nil || l.limit.maxDaily != nil || l.limit.maxTotal != nil || !l.limit.perKg.isEmpty }),
              let (route, usual) = usualDose() else { return nil }
        let max = usual.scaled(by: policy.multiple)
        guard let (over, critical) = exceeded(dose, max), over else { return nil }
        let times = JSONValue.format(policy.multiple)
        return Found(kind: .doseAboveMaximum,
                     message: "\(prescribed): \(Self.pretty(dose)) in one dose; at most \(Self.pretty(max)) a dose (\(times) × the usual \(Self.pretty(usual)) \(route.rawValue) dose) — \(policy.reason)",
                     source: policy.source, critical: critical, patientSpecific: false)
    }

    /// The usual single dose by the prescription's route: `usual`'s for its route, else the
    /// medicine's `route_doses` entry; nil when the catalogue gives none for the route.
    func usualDose() -> (route: Route, dose: Quantity)? {
        guard let usual = item.usual, let route = regimen.route ?? usual.route else { return nil }
        if let dose = item.routeDoses[route] { return (route, dose) }
        if usual.route == nil || usual.route == route, let dose = usual.dose { return (route, dose) }
        return nil
    }

    private func perDay(_ limits: [(limit: DoseLimit, why: String)]) -> Found? {
        guard let daily = Prescribing.dailyDose(regimen, usual: item.usual) else { return nil }
        var candidates: [(max: Quantity, why: String, detail: String, source: String)] = []
        if let max = item.maxDaily { candidates.append((max, "", "", "BNF \(item.name)")) }
        for (limit, why) in limits {
            if let max = limit.maxDaily { candidates.append((max, why, because(limit), limit.source)) }
            if !limit.perKg.isEmpty, let weight = patient.weightKg, let sum = Self.perKgTotal(limit.perKg, weightKg: weight) {
                let parts = limit.perKg.map { part in
                    let cap = part.cap.map { ", max \(Self.pretty($0))" } ?? ""
                    return "\(part.name) \(Self.pretty(part.perKg))/kg\(cap) = \(Self.pretty(part.dose(weightKg: weight)))"
                }
                let who = [why, "\(JSONValue.format(weight)) kg"].filter { !$0.isEmpty }.joined(separator: ", ")
                candidates.append((sum, who, " (\(parts.joined(separator: "; ")))\(because(limit))", limit.source))
            }
        }
        guard let binding = candidates.filter({ daily.isGreater(than: $0.max) != nil })
                .min(by: { $0.max.isGreater(than: $1.max) == false }),
              let (over, critical) = exceeded(daily, binding.max), over else { return nil }
        return Found(kind: .doseAboveMaximum,
                     message: "\(prescribed) is \(Self.pretty(daily)) a day; \(forPatient(binding.why))at most \(Self.pretty(binding.max)) a day\(binding.detail)",
                     source: binding.source, critical: critical, patientSpecific: !binding.why.isEmpty)
    }

    private func perPeriod(_ limits: [(limit: DoseLimit, why: String)], doseJudged: Bool) -> Found? {
        var worst: (found: Found, ratio: Double)?
        for (limit, why) in limits {
            guard let max = limit.maxTotal, let within = limit.within,
                  let (total, earlier) = DoseCourse.largestTotal(of: item, regimen, actions: actions, at: t, within: within, unit: max),
                  earlier || !doseJudged,
                  let (over, critical) = exceeded(total, max), over else { continue }
            let ratio = (total.milligrams ?? total.amount) / (max.milligrams ?? max.amount)
            let period = DurationText.describe(within)
            // "6 weeks" -> "6-week period"
            let span = (period.hasSuffix("s") ? String(period.dropLast()) : period).split(separator: " ").joined(separator: "-") + " period"
            let found = Found(kind: .cumulativeDose,
                              message: "\(prescribed) gives \(Self.pretty(total)) within \(period)\(earlier ? " (with its earlier doses in this consultation)" : ""); \(forPatient(why))at most \(Self.pretty(max)) in any \(span)\(because(limit))",
                              source: limit.source, critical: critical, patientSpecific: !why.isEmpty)
            if worst == nil || ratio > worst?.ratio ?? 0 { worst = (found, ratio) }
        }
        return worst?.found
    }

    private func frequency(_ limits: [(limit: DoseLimit, why: String)]) -> Found? {
        let given = regimen.frequency ?? item.usual?.frequency ?? .prn
        guard let (limit, why) = limits.first(where: { !$0.limit.frequencies.isEmpty && !$0.limit.frequencies.contains(given) })
        else { return nil }
        let allowed = limit.frequencies.map(\.description).joined(separator: " or ")
        return Found(kind: .frequencyNotAllowed,
                     message: "\(prescribed): \(forPatient(why))\(allowed) only, not \(given)\(because(limit))",
                     source: limit.source, critical: false, patientSpecific: !why.isEmpty)
    }

    private func reduction(_ limits: [(limit: DoseLimit, why: String)]) -> Found? {
        guard let (limit, why) = limits.first(where: { $0.limit.reduce }),
              let daily = Prescribing.dailyDose(regimen, usual: item.usual),
              let usual = item.usual, let usualDaily = Prescribing.dailyDose(usual, usual: usual) else { return nil }
        let notReduced = usualDaily.isGreater(than: daily) == false
        let interval = DoseCourse.interval(Prescribing.effectiveFrequency(regimen, usual: usual))
        let usualInterval = DoseCourse.interval(Prescribing.effectiveFrequency(usual, usual: usual))
        let notLengthened = limit.lengthenInterval && (interval ?? 0) <= (usualInterval ?? 0) && interval != nil
        guard notReduced || notLengthened else { return nil }
        var asks = ["less than the usual \(Self.pretty(usualDaily)) a day"]
        if limit.lengthenInterval, let usualInterval { asks.append("doses further apart than every \(DurationText.describe(usualInterval))") }
        return Found(kind: .doseNotReduced,
                     message: "\(prescribed) is \(Self.pretty(daily)) a day; \(forPatient(why))reduce: \(asks.joined(separator: ", with "))\(because(limit))",
                     source: limit.source, critical: false)
    }

    /// The sum of a weight-based combination's daily doses, in mg.
    static func perKgTotal(_ parts: [PerKgDose], weightKg: Double) -> Quantity? {
        var mg = 0.0
        for part in parts {
            guard let m = part.dose(weightKg: weightKg).milligrams else { return nil }
            mg += m
        }
        return Quantity(amount: mg, unit: .mg)
    }

    /// An amount as a prescriber writes it: 12000 mg as 12 g, 50000 units with a separator.
    static func pretty(_ q: Quantity) -> String {
        if let mg = q.milligrams, q.unit != .mcg {
            if mg >= 1000 { return Quantity(amount: (mg / 10).rounded() / 100, unit: .g).description }
            return Quantity(amount: (mg * 100).rounded() / 100, unit: .mg).description
        }
        if q.unit == .units, q.amount >= 10_000, q.amount == q.amount.rounded() {
            let n = Int(q.amount)
            var digits = String(n)
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return digits + grouped + " units"
        }
        return q.description
    }
}

/// The doses of one medicine over time, from the consultation's prescriptions.
enum DoseCourse {
    /// Minutes between doses; nil for a single dose.
    static func interval(_ frequency: Frequency) -> Minutes? {
        switch frequency {
        case .once, .stat: return nil
        case .weekly: return 7 * 24 * 60
        case .everyHours(let n): return n * 60
        case .prn: return nil
        default:
            guard let perDay = frequency.dosesPerDay, perDay > 0 else { return nil }
            return Minutes((24.0 * 60 / perDay).rounded())
        }
    }

    /// The largest amount given in any period of `within`, counting the earlier
    /// prescriptions of the medicine (each until stopped or replaced) and this one from `t`
    /// for `within`; in the unit kind of `unit` (nil when the doses cannot be compared).
    static func largestTotal(of item: CatalogueItem, _ regimen: Regimen, actions: [PerformedAction], at t: Minutes,
                             within: Minutes, unit: Quantity) -> (total: Quantity, earlier: Bool)? {
        func amount(_ q: Quantity?) -> Double? {
            guard let q else { return nil }
            if unit.milligrams != nil { return q.milligrams }
            return q.unit == unit.unit ? q.amount : nil
        }
        var doses: [(t: Minutes, amount: Double)] = []
        func add(_ r: Regimen, from start: Minutes, until end: Minutes) {
            guard let a = amount(r.dose) else { return }
            guard let step = interval(Prescribing.effectiveFrequency(r, usual: item.usual)) else {
                if start >= t - within { doses.append((start, a)) }
                return
            }
            var time = start
            while time < end, doses.count < 20_000 {
                if time >= t - within { doses.append((time, a)) }
                time += step
            }
        }
        let gives = actions.enumerated().filter { $0.element.code == item.code && $0.element.verb == .give }
        for (i, give) in gives {
            let end = actions[(i + 1)...].first { $0.code == item.code && ($0.verb == .give || $0.verb == .stop) }?.t ?? t
            if let r = give.regimen { add(r, from: give.t, until: min(end, t)) }
        }
        let earlier = !doses.isEmpty
        add(regimen, from: t, until: t + within)
        doses.sort { $0.t < $1.t }
        var best = 0.0, sum = 0.0, first = 0
        for dose in doses {
            sum += dose.amount
            while doses[first].t <= dose.t - within {
                sum -= doses[first].amount
                first += 1
            }
            best = max(best, sum)
        }
        guard !doses.isEmpty else { return nil }
        return (Quantity(amount: best, unit: unit.milligrams != nil ? .mg : unit.unit), earlier)
    }
}
