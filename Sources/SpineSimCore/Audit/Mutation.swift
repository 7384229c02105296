/// One kind of change the rubric mutation audit makes to a case's expert path. The raw value
/// starts every mutation id (`drop: ask onset`).
public enum MutationKind: String, CaseIterable, Sendable {
    /// Leave out one act the rubric rewards.
    case drop
    /// Do a timed act an hour past its deadline (the rest of the path unchanged).
    case late
    /// Do a timed act at the next visit instead (after the next `wait`).
    case nextVisit = "next-visit"
    /// Do an act the rubric owes only after a course event before that event.
    case early
    /// Do an act right after ordering the test whose result it follows, before the result.
    case beforeResult = "before-result"
    /// Give ten times the dose.
    case doseTimesTen = "dose-x10"
    /// Give a weekly medicine daily.
    case weeklyToDaily = "weekly-to-daily"
    /// Give a second medicine of an exclusive class beside the first.
    case sameClass = "same-class"
    /// Order an ionising test the case does not indicate.
    case addTest = "add-test"

    /// What the variant does, for reports.
    public var summary: String {
        switch self {
        case .drop: return "an act left out"
        case .late: return "a timed act done past its deadline"
        case .nextVisit: return "a timed act put off to the next visit"
        case .early: return "an act done before the event that makes it due"
        case .beforeResult: return "an act done before the result it depends on"
        case .doseTimesTen: return "ten times the dose"
        case .weeklyToDaily: return "a weekly medicine given daily"
        case .sameClass: return "a second medicine of one class at once"
        case .addTest: return "a needless ionising test"
        }
    }

    /// The kind a mutation id starts with (`"drop: ask onset"` -> `.drop`), nil when none does.
    public static func of(id: String) -> MutationKind? {
        guard let colon = id.firstIndex(of: ":") else { return nil }
        let act = id[id.index(after: colon)...].trimmingWhitespace
        guard !act.isEmpty else { return nil }
        return MutationKind(rawValue: String(id[..<colon]).trimmingWhitespace)
    }
}

/// One variant of a case's expert path: a transcript with one thing changed.
public struct Mutation: Sendable, Equatable {
    /// Stable and readable: the kind, then the act as verb and catalogue code, with `#2`,
    /// `#3` for a later occurrence of the same act in the expert path (`drop: advise
    /// safety-netting #2`, `same-class: give ibuprofen beside naproxen`).
    public var id: String
    public var kind: MutationKind
    /// What was changed, in words (`ordered at +12m; now at +3h12m, past the 2h deadline`).
    public var detail: String
    /// The variant's command lines.
    public var commands: [String]
    /// The rubric items (and `diagnosis`, `event <id>`) the changed act bears on.
    public var touches: [String]
    /// Of those, the critical ones: a critical rubric item, a harmful item marked critical, an
    /// item or course event with a `critical_error`.
    public var critical: [String]

    public init(id: String, kind: MutationKind, detail: String, commands: [String], touches: [String], critical: [String]) {
        self.id = id
        self.kind = kind
        self.detail = detail
        self.commands = commands
        self.touches = touches
        self.critical = critical
    }
}

/// A survivor a case accepts, with the author's reason (`mutation_audit: accept:`).
public struct AcceptedMutation: Sendable, Equatable {
    public var mutation: String
    public var reason: String
    public var line: Int
    public var column: Int

    public init(mutation: String, reason: String, line: Int, column: Int) {
        self.mutation = mutation
        self.reason = reason
        self.line = line
        self.column = column
    }
}
