/// How rubric items and course events name a trainee's action: `order mri-lumbar urgent`,
/// `give class:nsaid`, `give ceftriaxone iv`, `admit`, `diagnose cauda-equina-syndrome`.
///
/// A class: patterns are made once when a case loads and then read for every action of every
/// transcript, so sharing one immutable object keeps copies to one reference count.
public final class ActionPattern: Sendable, Equatable, CustomStringConvertible {
    public enum Target: Sendable, Equatable {
        case anyItem
        case code(String)
        case itemClass(String)
    }

    public enum Urgency: Sendable, Equatable { case either, urgent, routine }

    public let verb: Verb
    public let target: Target
    public let urgency: Urgency
    public let text: String
    /// For `give`: the route the medicine must be given by (`give ciprofloxacin iv`); any
    /// route when nil. A regimen written without a route takes the drug's usual one.
    public let route: Route?

    /// For `give`: the dose or dose band the prescription must fall in (`give prednisolone
    /// 12.5mg-25mg`); any dose when nil. A prescription written without a dose matches no band.
    public let dose: DoseBand?
    /// For `give`: the frequency the prescription must have (`give prednisolone daily`).
    public let frequency: Frequency?

    public init(verb: Verb, target: Target, urgency: Urgency, text: String, route: Route? = nil,
                dose: DoseBand? = nil, frequency: Frequency? = nil) {
        self.verb = verb
        self.target = target
        self.urgency = urgency
        self.text = text
        self.route = route
        self.dose = dose
        self.frequency = frequency
    }

    public static func == (lhs: ActionPattern, rhs: ActionPattern) -> Bool {
        lhs.verb == rhs.verb && lhs.target == rhs.target && lhs.urgency == rhs.urgency && lhs.text == rhs.text && lhs.route == rhs.route
            && lhs.dose == rhs.dose && lhs.frequency == rhs.frequency
    }

    public var description: String { text }

    /// Parses a pattern, resolving aliases to codes; returns a message when it is not valid.
    public static func parse(_ text: String, catalogue: Catalogue) -> Result<ActionPattern, PatternError> {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else { return .failure(PatternError(message: "empty action")) }
        guard let verb = Verb(rawValue: first), verb.isClinicalAction else {
            let hint = Suggestions.phrase(Suggestions.closest(to: first, among: Verb.allCases.filter(\.isClinicalAction).map(\.rawValue)))
            return .failure(PatternError(message: "'\(first)' is not a clinical verb\(hint)"))
        }
        var rest = Array(words.dropFirst())
        var urgency = Urgency.either
        if let last = rest.last, last == "urgent" || last == "routine" {
            guard verb == .order || verb == .refer else {
                return .failure(PatternError(message: "'\(last)' only qualifies order and refer"))
            }
            urgency = last == "urgent" ? .urgent : .routine
            rest.removeLast()
        }
        var route: Route?
        var dose: DoseBand?
        var frequency: Frequency?
        // After a medicine's code, in any order: a route, a dose or dose band, a frequency.
        while verb == .give, rest.count > 1, let last = rest.last {
            if route == nil, let r = Route.parse(last) {
                route = r
            } else if frequency == nil, let f = Frequency.parse(last) {
                frequency = f
            } else if dose == nil, let d = DoseBand.parse(last) {
                dose = d
            } else {
                break
            }
            rest.removeLast()
        }
        if rest.count > 1 {
            return .failure(PatternError(message: "'\(text)' names more than one item; use any: or all: for several"))
        }
        guard let word = rest.first else {
            if verb == .admit || verb == .discharge {
                return .success(ActionPattern(verb: verb, target: .anyItem, urgency: urgency, text: text))
            }
            return .failure(PatternError(message: "'\(text)' needs a code after '\(verb.rawValue)'"))
        }
        if verb == .discharge { return .failure(PatternError(message: "discharge takes no code")) }
        if word.hasPrefix("class:") {
            let name = String(word.dropFirst("class:".count))
            guard let kind = verb.itemKind else {
                return .failure(PatternError(message: "\(verb.rawValue) has no classes"))
            }
            guard catalogue.classExists(name, in: kind) else {
                return .failure(PatternError(message: "no \(kind.listKey) entry has class '\(name)'"))
            }
            return .success(ActionPattern(verb: verb, target: .itemClass(name), urgency: urgency, text: text, route: route,
                                          dose: dose, frequency: frequency))
        }
        if verb == .diagnose || verb == .differential {
            guard let entry = catalogue.diagnosis(matching: word) else {
                let hint = Suggestions.phrase(Suggestions.closest(to: word, among: catalogue.diagnoses.map(\.code)))
                return .failure(PatternError(message: "'\(word)' is not in the diagnosis list\(hint)"))
            }
            return .success(ActionPattern(verb: verb, target: .code(entry.code), urgency: urgency, text: text))
        }
        guard let kind = verb.itemKind else {
            return .failure(PatternError(message: "\(verb.rawValue) takes no code"))
        }
        guard let item = catalogue.item(kind, word) else {
            var hint = Suggestions.phrase(Suggestions.closest(to: word, among: catalogue.words(kind)))
            if hint.isEmpty {
                hint = "; to add a code the catalogue lacks, put it in the case folder's catalogue/catalogue.yaml (Docs/catalogue-format.md, 'Overlays')"
            }
            return .failure(PatternError(message: "unknown \(verb.rawValue) code '\(word)'\(hint)"))
        }
        if let route, !item.routes.contains(route) {
            return .failure(PatternError(message: "\(item.code) is not given by the \(route.rawValue) route (the catalogue allows \(item.routes.map(\.rawValue).joined(separator: ", ")))"))
        }
        return .success(ActionPattern(verb: verb, target: .code(item.code), urgency: urgency, text: text, route: route,
                                      dose: dose, frequency: frequency))
    }

    /// Whether a performed action matches.
    public func matches(_ action: PerformedAction) -> Bool {
        let verbMatches = action.verb == verb || (verb == .diagnose && action.verb == .diagnose)
        guard verbMatches else { return false }
        switch urgency {
        case .either: break
        case .urgent: if !action.urgent { return false }
        case .routine: if action.urgent { return false }
        }
        if let route, action.regimen?.route != route { return false }
        if let dose, !(action.regimen?.dose.map(dose.contains) ?? false) { return false }
        if let frequency, action.regimen?.frequency != frequency { return false }
        switch target {
        case .anyItem: return true
        case .code(let code): return action.code == code
        case .itemClass(let name): return action.classes.contains(name)
        }
    }
}

/// A dose or a band of doses a `give` pattern accepts: `15mg`, `12.5mg-25mg`, `12.5-25mg`,
/// `1g-2g`; bounds included, compared across units of one kind (mg with g and mcg).
public struct DoseBand: Sendable, Equatable {
    public var low: Quantity
    public var high: Quantity

    public static func parse(_ text: String) -> DoseBand? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { return Quantity.parse(text).map { DoseBand(low: $0, high: $0) } }
        guard parts.count == 2, let high = Quantity.parse(parts[1]) else { return nil }
        // "12.5-25mg": the lower bound takes the upper bound's unit.
        guard let low = Quantity.parse(parts[0]) ?? Quantity.parse(parts[0] + high.unit.rawValue) else { return nil }
        guard low.isGreater(than: high) == false else { return nil }
        return DoseBand(low: low, high: high)
    }

    /// Whether a dose lies in the band (false when the units cannot be compared).
    public func contains(_ dose: Quantity) -> Bool {
        dose.isGreater(than: high) == false && low.isGreater(than: dose) == false
    }
}

public struct PatternError: Error, Sendable, Equatable {
    public var message: String
}
