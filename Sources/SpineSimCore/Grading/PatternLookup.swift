/// Patterns by verb, to ask "does any of them match this action?" (a pattern only matches
/// actions of its own verb, so only those are tried).
struct PatternLookup: Sendable {
    private let byVerb: [Verb: [ActionPattern]]

    init(_ patterns: [ActionPattern]) {
        byVerb = Dictionary(grouping: patterns, by: \.verb)
    }

    /// Whether any of the patterns matches the action.
    func anyMatches(_ action: PerformedAction) -> Bool {
        byVerb[action.verb]?.contains { $0.matches(action) } ?? false
    }
}
