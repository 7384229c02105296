/// One understood line of the command language.
public struct Command: Sendable, Equatable {
    public var verb: Verb
    /// Catalogue codes (aliases already resolved), in the order typed.
    public var items: [String] = []
    public var urgent: Bool = false
    /// The regimen as written for `give` (parts left out are nil).
    public var regimen: Regimen?
    public var duration: Minutes?
    /// Free text: the diagnosis, a differential entry list, a note, a help topic.
    public var text: String?
    /// Differential entries.
    public var list: [String] = []
    /// Codes of the panels typed (`examine neuro`), whose codes `items` holds expanded.
    public var panels: [String] = []
    /// For `give`: no frequency was written and the medicine is usually given once in this
    /// route, so the regimen was taken as a single dose (the response says so).
    public var takenAsOnce = false

    public init(verb: Verb) { self.verb = verb }
}

/// What the parser made of a line.
public enum ParsedLine: Sendable, Equatable {
    /// Blank or a comment.
    case nothing
    case command(Command)
    /// Not understood: what is wrong, with suggestions (`Rejection.message` words it), and
    /// nothing happens.
    case rejected(Rejection)
}
