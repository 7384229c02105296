/// How much a needless test's burden adds to its penalty, from the catalogue's `burden`
/// data and `burden_policy` (see Docs/grading-policy.md): radiation (effective dose × points
/// per mSv × the patient's age factor × the pregnancy factor), invasiveness and cost, up to
/// a cap per test. The rubric item or `unlisted` rule that finds the test needless keeps its
/// own points; the burden is added to that same finding, so the act is judged once.
struct InvestigationBurden: Equatable {
    /// One test's share: its points and the words that explain them.
    struct Part: Equatable {
        var code: String
        var points: Double
        var why: String
    }

    var parts: [Part] = []

    var points: Double { JSONValue.round2(parts.reduce(0) { $0 + $1.points }) }

    /// The burden of needless `codes` (each counted once) for this case's patient.
    init(codes: [String], catalogue: Catalogue, patient: Patient) {
        let policy = catalogue.burdenPolicy
        var seen = Set<String>()
        for code in codes where seen.insert(code).inserted {
            guard let item = catalogue.item(.test, code), let burden = item.profile.burden,
                  let part = Self.part(item, burden, policy: policy, patient: patient) else { continue }
            parts.append(part)
        }
    }

    static func part(_ item: CatalogueItem, _ burden: Burden, policy: BurdenPolicy, patient: Patient) -> Part? {
        var points = 0.0
        var reasons: [String] = []
        if let dose = burden.doseMSv, dose > 0, policy.pointsPerMSv > 0 {
            let factor = policy.radiationFactor(age: patient.age, sex: patient.sex)
            points += dose * policy.pointsPerMSv * factor.age * factor.pregnancy
            var text = "about \(JSONValue.format(dose)) mSv effective dose"
            if factor.age != 1 { text += " (×\(JSONValue.format(factor.age)) at age \(patient.age): the younger the patient, the greater the lifetime cancer risk per mSv)" }
            if factor.pregnancy != 1 { text += " (×\(JSONValue.format(factor.pregnancy)): a woman of \(patient.age), pregnancy possible)" }
            reasons.append(text)
        }
        if let extra = policy.invasiveness[burden.invasiveness], extra > 0 {
            points += extra
            reasons.append("\(burden.invasiveness.rawValue) invasive procedure")
        }
        if let band = burden.cost, let extra = policy.cost[band], extra > 0 {
            points += extra
            reasons.append("\(band.rawValue) cost")
        }
        if policy.maxPerTest > 0 { points = min(points, policy.maxPerTest) }
        points = JSONValue.round2(points)
        guard points > 0 else { return nil }
        return Part(code: item.code, points: points, why: "\(item.name): \(reasons.joined(separator: "; "))")
    }

    /// "Burden of the tests (−8.5): CT of the chest, abdomen and pelvis: about 10 mSv ...".
    var note: String? {
        guard !parts.isEmpty else { return nil }
        let what = parts.count == 1 ? "the test" : "the tests"
        return "Burden of \(what) (−\(JSONValue.format(points))): \(parts.map(\.why).joined(separator: ". "))."
    }

    /// Adds the burden of the needless `tests` to the finding among `findings` that carries
    /// the penalty (the last with one), and its explanation to that finding's note.
    static func add(tests: [String], to findings: inout [Finding], catalogue: Catalogue, patient: Patient) {
        guard !tests.isEmpty, let index = findings.lastIndex(where: { $0.penalty > 0 }) else { return }
        let burden = InvestigationBurden(codes: tests, catalogue: catalogue, patient: patient)
        guard let note = burden.note else { return }
        findings[index].penalty += burden.points
        let base = findings[index].note.map { $0.hasSuffix(".") ? $0 : $0 + "." } ?? ""
        findings[index].note = base.isEmpty ? note : base + " " + note
    }
}
