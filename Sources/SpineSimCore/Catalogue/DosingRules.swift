/// Which patients a dose limit or an interaction applies to (`when:` in the catalogue). All
/// parts given must hold; an empty criterion holds for every patient.
public struct PatientCriterion: Sendable, Equatable {
    /// eGFR below this (ml/min/1.73 m²).
    public var egfrBelow: Double?
    /// Creatinine clearance below this (ml/min); the eGFR stands in when the case gives none.
    public var crclBelow: Double?
    /// On dialysis.
    public var dialysis: Bool?
    /// Any of these conditions.
    public var conditions: [String] = []
    public var ageAtLeast: Int?
    /// Younger than this (children dosed by weight: `age_below: 12`).
    public var ageBelow: Int?
    public var pregnant: Bool?
    /// Only prescriptions whose dose lies in this band (zoledronic acid 5 mg, not 4 mg).
    public var dose: DoseBand?

    public init(egfrBelow: Double? = nil, crclBelow: Double? = nil, dialysis: Bool? = nil, conditions: [String] = [],
                ageAtLeast: Int? = nil, ageBelow: Int? = nil, pregnant: Bool? = nil, dose: DoseBand? = nil) {
        self.egfrBelow = egfrBelow
        self.crclBelow = crclBelow
        self.dialysis = dialysis
        self.conditions = conditions
        self.ageAtLeast = ageAtLeast
        self.ageBelow = ageBelow
        self.pregnant = pregnant
        self.dose = dose
    }

    /// Whether no part is set (the criterion holds for everyone).
    public var isEmpty: Bool { self == PatientCriterion() }

    /// Why the criterion holds for this patient ("eGFR 8, on dialysis"), or nil when it does not.
    func holds(for patient: PrescribingPatient, dose given: Quantity?) -> String? {
        var why: [String] = []
        if let limit = egfrBelow {
            guard let egfr = patient.egfr, egfr < limit else { return nil }
            why.append("eGFR \(JSONValue.format(egfr.rounded()))")
        }
        if let limit = crclBelow {
            if let crcl = patient.creatinineClearance {
                guard crcl < limit else { return nil }
                why.append("creatinine clearance \(JSONValue.format(crcl.rounded())) ml/min")
            } else {
                guard let egfr = patient.egfr, egfr < limit else { return nil }
                why.append("eGFR \(JSONValue.format(egfr.rounded())) (standing in for creatinine clearance)")
            }
        }
        if let dialysis {
            guard patient.dialysis == dialysis else { return nil }
            if dialysis { why.append("on dialysis") }
        }
        if !conditions.isEmpty {
            let present = conditions.filter(patient.conditions.contains)
            guard !present.isEmpty else { return nil }
            why.append(present.map(PatientCriterion.conditionName).joined(separator: ", "))
        }
        if let ageAtLeast {
            guard patient.age >= ageAtLeast else { return nil }
            why.append("aged \(patient.age)")
        }
        if let ageBelow {
            guard patient.age < ageBelow else { return nil }
            why.append("aged \(patient.age)")
        }
        if let pregnant {
            guard patient.pregnant == pregnant else { return nil }
            if pregnant { why.append("pregnant") }
        }
        if let dose {
            guard let given, dose.contains(given) else { return nil }
        }
        return why.joined(separator: ", ")
    }

    /// A condition code in words ("aki" -> "acute kidney injury").
    static func conditionName(_ code: String) -> String {
        switch code {
        case "aki": return "acute kidney injury"
        case "ckd-3": return "CKD stage 3"
        case "ckd-4": return "CKD stage 4"
        case "ckd-5": return "CKD stage 5"
        case "gi-bleed": return "gastrointestinal bleeding"
        case "vitamin-d-deficiency": return "vitamin D deficiency"
        default: return String(code.map { $0 == "-" ? " " : $0 })
        }
    }
}

/// One dose of a weight-based medicine's part: `10mg` per kg, at most `cap` (rifampicin).
public struct PerKgDose: Sendable, Equatable {
    /// The drug's name ("rifampicin"); for a combination, each part is named.
    public var name: String
    public var perKg: Quantity
    public var cap: Quantity?

    /// The dose for a weight, capped.
    public func dose(weightKg: Double) -> Quantity {
        let raw = perKg.scaled(by: weightKg)
        if let cap, raw.isGreater(than: cap) == true { return cap }
        return raw
    }
}

/// One limit on a medicine (`dosing:` in the catalogue), for every patient or, with
/// `when`, for the patients it names. Every limit carries its source.
public struct DoseLimit: Sendable, Equatable {
    public var when = PatientCriterion()
    /// The most in one dose.
    public var maxDose: Quantity?
    /// The most in 24 hours (dose × doses a day).
    public var maxDaily: Quantity?
    /// The most in any period of `within` (a week, a loading course), counting every
    /// prescription of the medicine in the consultation.
    public var maxTotal: Quantity?
    public var within: Minutes?
    /// The frequencies allowed (alendronate weekly; vancomycin on dialysis a single dose).
    public var frequencies: [Frequency] = []
    /// A weight-based daily dose, per part (the case must give `weight_kg`).
    public var perKg: [PerKgDose] = []
    /// Contraindicated for these patients.
    public var avoid = false
    /// Reduce: less a day than the usual regimen gives, and (with `lengthen_interval`)
    /// doses further apart than the usual regimen's.
    public var reduce = false
    public var lengthenInterval = false
    /// Why the limit exists, in a few words for the feedback.
    public var reason: String?
    public var source: String

    public init(source: String) { self.source = source }
}

/// The catalogue's teaching policy for medicines with no fixed maximum
/// (`probable_dose_error`): a single dose more than `multiple` times the medicine's usual dose
/// for the route is taken as a probable tenfold-type prescribing error, judged like a
/// maximum dose of `multiple` × usual (Docs/grading-policy.md, "Probable dose errors").
public struct DoseErrorPolicy: Sendable, Equatable {
    public var multiple: Double
    /// Why, in a few words for the feedback.
    public var reason: String
    public var source: String

    public init(multiple: Double, reason: String, source: String) {
        self.multiple = multiple
        self.reason = reason
        self.source = source
    }
}

/// A combination rule (`interactions.yaml`): giving a medicine that matches one of `drugs`
/// while every other entry is matched by a co-medicine (the patient's current medicines and
/// those given in the session and not stopped), for the patients `when` names, unless a
/// co-medicine matches `unless` or an action of `unless_done` came before.
public struct InteractionRule: Sendable, Equatable {
    public var id: String
    /// Codes or `class:NAME`.
    public var drugs: [String]
    public var when = PatientCriterion()
    public var unless: [String] = []
    /// Action patterns of which one done before the prescription makes it safe.
    public var unlessDone: [ActionPattern] = []
    /// How long before the prescription an `unless_done` action must come (default: any time).
    public var unlessDoneAtLeast: Minutes = 0
    public var critical = false
    /// `on: stop`: the rule judges stopping one of the patient's own (long-term) medicines that
    /// matches `drugs`, not giving one (a corticosteroid stopped abruptly).
    public var onStop = false
    /// What is wrong, in words: "an NSAID with a corticosteroid and no gastroprotection".
    public var message: String
    public var source: String

    public init(id: String, drugs: [String], message: String, source: String) {
        self.id = id
        self.drugs = drugs
        self.message = message
        self.source = source
    }

    /// Whether a code-or-class entry names a medicine.
    static func entry(_ entry: String, matches code: String, classes: Set<String>) -> Bool {
        if entry.hasPrefix("class:") { return classes.contains(String(entry.dropFirst(6))) }
        return entry == code
    }
}

/// The patient as prescribing sees them at the moment of a prescription.
struct PrescribingPatient: Sendable {
    var age: Int
    var weightKg: Double?
    var egfr: Double?
    var creatinineClearance: Double?
    var dialysis: Bool
    var pregnant: Bool
    var conditions: [String]
}
