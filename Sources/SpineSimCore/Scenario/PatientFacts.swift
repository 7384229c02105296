/// The facts about a patient that prescribing is judged against: weight, kidney function,
/// pregnancy, conditions and the medicines already taken. Every part is optional; a case
/// that says nothing is judged on the catalogue's limits for every adult.
public struct PatientFacts: Sendable, Equatable {
    public var weightKg: Double?
    /// eGFR in ml/min/1.73 m² at presentation. A case whose `state` has a variable `egfr`
    /// is judged on that variable's value at the time of the prescription instead.
    public var egfr: Double?
    /// Creatinine clearance in ml/min, where the case gives one (limits set on creatinine
    /// clearance fall back on the eGFR when it does not).
    public var creatinineClearance: Double?
    public var dialysis = false
    public var pregnant = false
    /// Condition codes (`aki`, `ckd-4`, `peptic-ulcer`, `vitamin-d-deficiency`...).
    public var conditions: [String] = []
    /// Catalogue medicine codes the patient already takes when the case opens.
    public var currentMedicines: [String] = []

    public init(weightKg: Double? = nil, egfr: Double? = nil, creatinineClearance: Double? = nil, dialysis: Bool = false,
                pregnant: Bool = false, conditions: [String] = [], currentMedicines: [String] = []) {
        self.weightKg = weightKg
        self.egfr = egfr
        self.creatinineClearance = creatinineClearance
        self.dialysis = dialysis
        self.pregnant = pregnant
        self.conditions = conditions
        self.currentMedicines = currentMedicines
    }

    /// The condition codes a case may name (documented in Docs/scenario-format.md).
    public static let knownConditions: [String] = [
        "aki", "ckd-3", "ckd-4", "ckd-5", "hypercalcaemia", "dehydration", "peptic-ulcer", "gi-bleed",
        "heart-failure", "liver-failure", "vitamin-d-deficiency", "hypocalcaemia", "asthma", "epilepsy",
        "giant-cell-arteritis", "polymyalgia-rheumatica", "diabetes", "frailty",
    ]
}
