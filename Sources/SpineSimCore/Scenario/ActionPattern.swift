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

    public init(verb: Verb, target: Target, urgency: Urgency, text: String, route: Route? = nil) {
        self.verb = verb
        self.target = target
        self.urgency = urgency
        self.text = text
        self.route = route
    }

    public static func == (lhs: ActionPattern, rhs: ActionPattern) -> Bool {
        lhs.verb == rhs.verb && lhs.target == rhs.target && lhs.urgency == rhs.urgency && lhs.text == rhs.text && lhs.route == rhs.route
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
        if verb == .give, rest.count > 1, let last = rest.last, let r = Route.parse(last) {
            route = r
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
            return .success(ActionPattern(verb: verb, target: .itemClass(name), urgency: urgency, text: text, route: route))
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
            let hint = Suggestions.phrase(Suggestions.closest(to: word, among: catalogue.words(kind)))
            return .failure(PatternError(message: "unknown \(verb.rawValue) code '\(word)'\(hint)"))
        }
        if let route, !item.routes.contains(route) {
            return .failure(PatternError(message: "\(item.code) is not given by the \(route.rawValue) route (the catalogue allows \(item.routes.map(\.rawValue).joined(separator: ", ")))"))
        }
        return .success(ActionPattern(verb: verb, target: .code(item.code), urgency: urgency, text: text, route: route))
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
        switch target {
        case .anyItem: return true
        case .code(let code): return action.code == code
        case .itemClass(let name): return action.classes.contains(name)
        }
    }
}

public struct PatternError: Error, Sendable, Equatable {
    public var message: String
}
