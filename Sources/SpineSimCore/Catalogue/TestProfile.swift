/// What the catalogue says about a test beyond its result: to whom it applies, which other
/// studies it contains, and its burden to the patient. Every part is optional data
/// (`applies_to`, `contains`, `burden` in `catalogue.yaml`); an entry without them behaves
/// as before.
public struct TestProfile: Sendable, Equatable {
    /// Who the test applies to; nil: everyone.
    public var appliesTo: Applicability?
    /// Codes of the studies this one contains (a whole-spine MRI contains the lumbar and
    /// cervical MRI): when a case scripts a contained study but not this one, this one
    /// reports the case's findings for it.
    public var contains: [String] = []
    /// What such a composed report says of the rest of its field, which no contained study
    /// covers (the thoracic spine in a whole-spine MRI); nil: nothing.
    public var elsewhere: String?
    /// Words by which a report names this study's region ("lumbar", "conus", and levels such
    /// as "L4", matched as words of their own): `validate` asks a case whose containing study
    /// names the region to write this study too.
    public var regionWords: [String] = []
    /// Radiation, invasiveness and cost, for weighing a needless order.
    public var burden: Burden?

    public init(appliesTo: Applicability? = nil, contains: [String] = [], burden: Burden? = nil) {
        self.appliesTo = appliesTo
        self.contains = contains
        self.burden = burden
    }

    public static let none = TestProfile()
}

/// The patients a test applies to, by sex and age (PSA: men; a pregnancy test: women of
/// child-bearing age).
public struct Applicability: Sendable, Equatable {
    public var sex: Patient.Sex?
    public var minAge: Int?
    public var maxAge: Int?

    public init(sex: Patient.Sex? = nil, minAge: Int? = nil, maxAge: Int? = nil) {
        self.sex = sex
        self.minAge = minAge
        self.maxAge = maxAge
    }

    /// Whether the test applies to a patient of this sex and age.
    public func applies(sex patientSex: Patient.Sex, age: Int) -> Bool {
        if let sex, sex != patientSex { return false }
        if let minAge, age < minAge { return false }
        if let maxAge, age > maxAge { return false }
        return true
    }

    /// "men", "women aged 12-55", "patients aged 18 or over": who the test is for.
    public var who: String {
        let people: String
        switch sex {
        case .male: people = "men"
        case .female: people = "women"
        case nil: people = "patients"
        }
        switch (minAge, maxAge) {
        case let (lo?, hi?): return "\(people) aged \(lo)-\(hi)"
        case let (lo?, nil): return "\(people) aged \(lo) or over"
        case let (nil, hi?): return "\(people) aged \(hi) or under"
        case (nil, nil): return people
        }
    }
}

/// A test's burden to the patient: effective dose, invasiveness and cost band.
public struct Burden: Sendable, Equatable {
    public enum Invasiveness: String, CaseIterable, Sendable { case none, minor, moderate, major }
    public enum Cost: String, CaseIterable, Sendable { case low, medium, high }

    /// Typical effective dose in millisieverts (ionising tests); nil when unknown or none.
    public var doseMSv: Double?
    public var invasiveness: Invasiveness
    public var cost: Cost?

    public init(doseMSv: Double? = nil, invasiveness: Invasiveness = .none, cost: Cost? = nil) {
        self.doseMSv = doseMSv
        self.invasiveness = invasiveness
        self.cost = cost
    }
}

/// How a needless test's burden adds to its penalty (`burden_policy` in `catalogue.yaml`):
/// points per millisievert, times an age factor and a factor where pregnancy is possible,
/// plus points for invasiveness and cost, up to a cap per test. Without the key every
/// weight is zero and a needless test costs only its rubric or `unlisted` points.
public struct BurdenPolicy: Sendable, Equatable {
    /// An age band: a patient younger than `under` years has radiation weighed × `factor`.
    public struct AgeFactor: Sendable, Equatable {
        public var under: Int
        public var factor: Double
    }

    public var pointsPerMSv: Double = 0
    /// Bands checked youngest first; the first whose `under` exceeds the age applies.
    public var ageFactors: [AgeFactor] = []
    /// Radiation factor for a woman of child-bearing age (`pregnancyAges`).
    public var pregnancyFactor: Double = 1
    public var pregnancyAges: ClosedRange<Int> = 12...55
    public var invasiveness: [Burden.Invasiveness: Double] = [:]
    public var cost: [Burden.Cost: Double] = [:]
    /// The most one test's burden may add.
    public var maxPerTest: Double = 0

    public init() {}

    /// The radiation factor for a patient: the age band's, times the pregnancy factor
    /// where pregnancy is possible.
    public func radiationFactor(age: Int, sex: Patient.Sex) -> (age: Double, pregnancy: Double) {
        let ageFactor = ageFactors.sorted { $0.under < $1.under }.first { age < $0.under }?.factor ?? 1
        let pregnancy = sex == .female && pregnancyAges.contains(age) ? pregnancyFactor : 1
        return (ageFactor, pregnancy)
    }
}
