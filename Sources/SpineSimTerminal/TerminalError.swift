/// Why the line editor could not start or could not keep its history.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal; use ``PlainLineReader`` instead.
    case notATerminal
    /// `TERM` is `dumb` (or empty): the terminal cannot move the cursor.
    case dumbTerminal
    /// libedit could not be initialised (`el_init` or `history_init` failed).
    case editorUnavailable(String)
    /// The history file could not be read or written.
    case historyFile(path: String, reason: String)

    /// One line a user can act on.
    public var description: String {
        switch self {
        case .notATerminal:
            return "line editing needs a terminal: standard input or output is redirected"
        case .dumbTerminal:
            return "line editing is off because TERM is 'dumb'"
        case .editorUnavailable(let reason):
            return "line editing is unavailable: \(reason)"
        case .historyFile(let path, let reason):
            return "\(path): cannot save command history: \(reason)"
        }
    }
}
