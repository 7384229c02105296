/// One entry of the catalogue: a question, examination, test, medicine, advice, service or
/// procedure, with what the engine needs to carry it out.
///
/// An immutable class: the session looks items up on every command, and a shared object
/// costs one reference count to copy, not one per part (it has fifteen).
public final class CatalogueItem: Sendable, Equatable {
    public let kind: ItemKind
    public let code: String
    public let name: String
    public let aliases: [String]
    public let classes: Set<String>
    /// Minutes the action takes.
    public let time: Minutes
    /// A healthy adult's answer or finding (questions and examinations).
    public let defaultText: String?
    // Tests
    public let testKind: String?
    public let turnaround: Turnaround?
    public let stages: [TestStage]
    public let defaultResult: ResultSpec?
    // Medicines
    public let routes: [Route]
    public let usual: Regimen?
    public let maxDaily: Quantity?
    /// Routes in which this medicine is usually given once (`one_off_routes`): a `give` line
    /// in one of them with no frequency is taken as a single dose.
    public let oneOffRoutes: [Route]
    /// Limits beyond `max_daily` (`dosing:`): per dose, per period, allowed frequencies,
    /// weight-based, renal and by condition, each with its source.
    public let dosing: [DoseLimit]
    /// The usual single dose by routes other than `usual`'s (`route_doses`: morphine 5 mg
    /// IV against 10 mg by mouth), for the probable-dose-error policy.
    public let routeDoses: [Route: Quantity]
    /// A test's applicability, contained studies and burden (`TestProfile.none` for others).
    public let profile: TestProfile

    public init(kind: ItemKind, code: String, name: String, aliases: [String], classes: Set<String>, time: Minutes,
                defaultText: String? = nil, testKind: String? = nil, turnaround: Turnaround? = nil,
                stages: [TestStage] = [], defaultResult: ResultSpec? = nil,
                routes: [Route] = [], usual: Regimen? = nil, maxDaily: Quantity? = nil, oneOffRoutes: [Route] = [],
                dosing: [DoseLimit] = [], routeDoses: [Route: Quantity] = [:], profile: TestProfile = .none) {
        self.kind = kind
        self.code = code
        self.name = name
        self.aliases = aliases
        self.classes = classes
        self.time = time
        self.defaultText = defaultText
        self.testKind = testKind
        self.turnaround = turnaround
        self.stages = stages
        self.defaultResult = defaultResult
        self.routes = routes
        self.usual = usual
        self.maxDaily = maxDaily
        self.oneOffRoutes = oneOffRoutes
        self.dosing = dosing
        self.routeDoses = routeDoses
        self.profile = profile
    }

    /// Equal when every part is (items are compared by content, never by identity).
    public static func == (lhs: CatalogueItem, rhs: CatalogueItem) -> Bool {
        lhs.kind == rhs.kind && lhs.code == rhs.code && lhs.name == rhs.name && lhs.aliases == rhs.aliases
            && lhs.classes == rhs.classes && lhs.time == rhs.time && lhs.defaultText == rhs.defaultText
            && lhs.testKind == rhs.testKind && lhs.turnaround == rhs.turnaround && lhs.stages == rhs.stages
            && lhs.defaultResult == rhs.defaultResult && lhs.routes == rhs.routes && lhs.usual == rhs.usual
            && lhs.maxDaily == rhs.maxDaily && lhs.oneOffRoutes == rhs.oneOffRoutes && lhs.dosing == rhs.dosing
            && lhs.routeDoses == rhs.routeDoses && lhs.profile == rhs.profile
    }
}

/// When a test reports, routinely and when ordered urgently, and (when set) routinely in a
/// hospital (see `Catalogue.hospitalSettings`).
public struct Turnaround: Sendable, Equatable {
    public var routine: Minutes
    public var urgent: Minutes
    /// A routine order's turnaround in a hospital setting or once admitted; nil: `routine`.
    public var hospital: Minutes?

    public init(routine: Minutes, urgent: Minutes, hospital: Minutes? = nil) {
        self.routine = routine
        self.urgent = urgent
        self.hospital = hospital
    }

    public func time(urgent isUrgent: Bool) -> Minutes { isUrgent ? urgent : routine }

    /// The turnaround of an order, urgent or routine, in hospital or not (an urgent order is
    /// never slower than its hospital time, nor a hospital one than routine).
    public func time(urgent isUrgent: Bool, inHospital: Bool) -> Minutes {
        if isUrgent { return inHospital ? min(urgent, hospital ?? urgent) : urgent }
        guard inHospital, let hospital else { return routine }
        return min(hospital, routine)
    }
}

/// One stage of a test that reports more than once (culture: growth, then identification).
public struct TestStage: Sendable, Equatable {
    public var id: String
    public var name: String
    public var turnaround: Turnaround
}

/// What one word means in one catalogue list.
struct WordMeaning: Sendable {
    /// The item the word is a code or alias of.
    var item: CatalogueItem?
    /// The panel the word is a code or alias of (never both an item and a panel).
    var panel: CataloguePanel?
    /// Whether the word is a leading hyphen-part run of a longer code or alias.
    var mayContinue = false
}

/// A diagnosis `diagnose` knows and completes.
public struct DiagnosisEntry: Sendable, Equatable {
    public var code: String
    public var name: String
    public var aliases: [String]
}

/// One file a catalogue was read from, for report provenance.
public struct CatalogueFile: Sendable, Equatable {
    /// "bundled" for the bundled catalogue (its files hashed together), else the file's path.
    public var name: String
    public var sha256: String

    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }
}

/// What grading does with an action no rubric item names.
public struct UnlistedRule: Sendable, Equatable {
    public var tier: Tier
    public var points: Double

    public init(tier: Tier, points: Double = 0) {
        self.tier = tier
        self.points = points
    }
}

/// The whole vocabulary: every code a trainee can use, with aliases, costs, turnaround,
/// defaults and classes, plus the diagnosis list. Loaded from data files.
public struct Catalogue: Sendable {
    public private(set) var items: [ItemKind: [CatalogueItem]] = [:]
    public private(set) var diagnoses: [DiagnosisEntry] = []
    public var defaultTimes: [Verb: Minutes] = [:]
    public var exclusiveClasses: [String] = []
    /// Settings (`Setting` raw values) where tests report in their `hospital` turnaround.
    public var hospitalSettings: Set<String> = []
    public var unlisted: [Verb: UnlistedRule] = [:]
    /// How a needless test's burden adds to its penalty (all zero when the file has none).
    public var burdenPolicy = BurdenPolicy()
    /// Defaults a case's own findings may contradict (`default_contradictions`), for `validate`.
    public var contradictionRules: [ContradictionRule] = []
    /// SHA-256 of the catalogue and diagnosis files, for report provenance.
    public var sha256: String = ""
    /// The files the catalogue was read from, each with its hash: empty for the bundled
    /// catalogue alone (its hash is `sha256`); with a folder's overlay, "bundled" first.
    public var files: [CatalogueFile] = []
    /// Guideline ladders by id.
    public var ladders: [String: Ladder] = [:]
    /// Which samples a class of treatment waits for in a stable patient (antibiotics for
    /// cultures or tissue, anti-TB therapy for tissue): the shared antimicrobial rule.
    public var samplingRules: [SamplingRule] = []
    /// The teaching policy for doses far above the usual one of a medicine with no fixed
    /// maximum (`probable_dose_error`); nil when the catalogue sets none.
    public var doseErrorPolicy: DoseErrorPolicy?
    /// Acts that count only once a result has been returned (`result_dependencies:`).
    public var resultDependencies: [ResultDependency] = []
    /// Combination rules (`interactions.yaml`), in file order.
    public var interactions: [InteractionRule] = []

    /// Per list, what each code, alias and leading part of one means: one lookup answers
    /// both `item(_:_:)` and whether the parser may join the next word on.
    private var words: [ItemKind: [String: WordMeaning]] = [:]
    private var diagnosisLookup: [String: Int] = [:]

    public init() {}

    mutating func add(_ item: CatalogueItem) {
        items[item.kind, default: []].append(item)
        // Changed in place: a copy of the table taken out and put back would copy every entry
        // each time an item is added.
        Self.register(item, in: &words[item.kind, default: [:]])
    }

    private static func register(_ item: CatalogueItem, in table: inout [String: WordMeaning]) {
        // The code always names its item; an alias only when no earlier item claimed it.
        table[item.code, default: WordMeaning()].item = item
        for alias in item.aliases where table[alias]?.item == nil {
            table[alias, default: WordMeaning()].item = item
        }
        // Every leading hyphen-part run of a longer code or alias ("straight", "straight-leg"
        // for straight-leg-raise): the parser tries to join typed words only after one of these.
        for key in [item.code] + item.aliases {
            let lower = key.lowercased()
            for index in lower.utf8.indices where lower.utf8[index] == UInt8(ascii: "-") {
                table[String(lower[..<index]), default: WordMeaning()].mayContinue = true
            }
        }
    }

    /// `# @group:` groups by list (see `groups(_:)`).
    var groupsByKind: [ItemKind: [CatalogueGroup]] = [:]

    /// Panels by list, in catalogue order (`examine neuro`, `order sepsis-screen`).
    public private(set) var panels: [ItemKind: [CataloguePanel]] = [:]

    /// Adds panels already checked by the loader: their codes and aliases become words of
    /// their list that stand for several codes.
    mutating func add(panels list: [CataloguePanel]) {
        for panel in list {
            panels[panel.kind, default: []].append(panel)
            var table = words[panel.kind] ?? [:]
            for key in [panel.code] + panel.aliases {
                if table[key]?.item == nil { table[key, default: WordMeaning()].panel = panel }
                let parts = key.split(separator: "-", omittingEmptySubsequences: false)
                for n in stride(from: 1, to: parts.count, by: 1) {
                    table[parts[..<n].joined(separator: "-"), default: WordMeaning()].mayContinue = true
                }
            }
            words[panel.kind] = table
        }
    }

    /// The panel a word names in a list (case-insensitive).
    public func panel(_ kind: ItemKind, _ word: String) -> CataloguePanel? {
        words[kind]?[word]?.panel ?? words[kind]?[word.lowercased()]?.panel
    }

    mutating func addDiagnosis(_ entry: DiagnosisEntry) {
        let index = diagnoses.count
        diagnoses.append(entry)
        for key in [entry.code, entry.name] + entry.aliases {
            let folded = key.folded
            if diagnosisLookup[folded] == nil { diagnosisLookup[folded] = index }
        }
    }

    /// The item a code or alias names in a list (case-insensitive), and whether some longer
    /// code or alias starts with the word followed by a hyphen, so that the word and the
    /// words after it may together name one item.
    func meaning(_ kind: ItemKind, _ word: String) -> (item: CatalogueItem?, mayContinue: Bool) {
        let meaning = words[kind]?[word]
        let item = meaning?.item ?? words[kind]?[word.lowercased()]?.item
        return (item, meaning?.mayContinue ?? false)
    }

    /// `meaning(_:_:)` with the panel the word names, if any.
    func wordMeaning(_ kind: ItemKind, _ word: String) -> WordMeaning {
        words[kind]?[word] ?? words[kind]?[word.lowercased()] ?? WordMeaning()
    }

    /// The item a code or alias names in a list (case-insensitive).
    public func item(_ kind: ItemKind, _ codeOrAlias: String) -> CatalogueItem? {
        meaning(kind, codeOrAlias).item
    }

    /// The code of the item a code or alias names (case-insensitive).
    public func code(_ kind: ItemKind, _ codeOrAlias: String) -> String? {
        item(kind, codeOrAlias)?.code
    }

    /// Every code of a list, in catalogue order.
    public func codes(_ kind: ItemKind) -> [String] { (items[kind] ?? []).map(\.code) }

    /// Every code and alias of a list (for suggestions and completion).
    public func words(_ kind: ItemKind) -> [String] {
        (items[kind] ?? []).flatMap { [$0.code] + $0.aliases }
    }

    /// A medicine's broad class as words ("NSAID", "antibiotic"): of its classes, the one
    /// most medicines share (ties alphabetical); nil when it has none.
    public func family(of item: CatalogueItem) -> String? {
        let all = items[item.kind] ?? []
        var best: (name: String, count: Int)?
        for name in item.classes.sorted() {
            let count = all.filter { $0.classes.contains(name) }.count
            if best == nil || count > best?.count ?? 0 { best = (name, count) }
        }
        return best.map { Catalogue.className($0.name) }
    }

    /// "nsaid" -> "NSAID", "simple-analgesic" -> "simple analgesic".
    static func className(_ name: String) -> String {
        let acronyms: Set<String> = ["nsaid", "ppi", "snri", "ssri", "lmwh", "dmard", "tnf", "il", "gnrh", "cox"]
        return name.split(separator: "-").map { acronyms.contains(String($0)) ? $0.uppercased() : String($0) }
            .joined(separator: " ")
    }

    /// Whether a class name is used by any item of a list.
    public func classExists(_ name: String, in kind: ItemKind) -> Bool {
        (items[kind] ?? []).contains { $0.classes.contains(name) }
    }

    /// The diagnosis that free text names, by code, name or alias.
    public func diagnosis(matching text: String) -> DiagnosisEntry? {
        diagnosisLookup[text.folded].map { diagnoses[$0] }
    }

    /// Minutes an action of this verb takes, for one item.
    public func time(for verb: Verb, item: CatalogueItem?) -> Minutes {
        if let item, item.kind == .examination || item.kind == .procedure || item.kind == .question {
            return item.time
        }
        return defaultTimes[verb] ?? 1
    }
}

/// A shared rule from the catalogue's `samples_before_treatment`: in a stable patient with
/// normal neurology, a medicine of class `treatment` waits until a test or procedure of one of
/// the `samples` classes has been done; after that, or in an unstable patient, it is no error.
public struct SamplingRule: Sendable, Equatable {
    /// A medicine class (`antibiotic`, `antituberculous`).
    public var treatment: String
    /// Classes of tests and procedures that take the sample (`culture-sample`, `tissue-sample`).
    public var samples: [String]
    public var reference: String

    public init(treatment: String, samples: [String], reference: String) {
        self.treatment = treatment
        self.samples = samples
        self.reference = reference
    }
}
