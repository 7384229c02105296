import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the terminal and the per-user state directory, and process-wide signals.
public enum Terminal {
    /// Whether file descriptor `fd` (0 standard input, 1 standard output) is a terminal.
    public static func isInteractive(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// Whether to print colour: standard output is a terminal, `--no-color` was not
    /// given, `NO_COLOR` is unset or empty, and `TERM` is not `dumb`.
    public static func colorEnabled(noColorFlag: Bool) -> Bool {
        colorEnabled(noColorFlag: noColorFlag, environment: currentEnvironment(), outputIsTerminal: isInteractive(1))
    }

    /// The decision behind ``colorEnabled(noColorFlag:)``, with its inputs given.
    public static func colorEnabled(noColorFlag: Bool, environment: [String: String], outputIsTerminal: Bool) -> Bool {
        guard outputIsTerminal, !noColorFlag else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return !isDumb(environment)
    }

    /// Whether `TERM` names a terminal that cannot edit a line: `dumb`, or empty.
    /// (An unset `TERM` is not dumb: libedit then assumes a usual terminal.)
    public static func isDumb(_ environment: [String: String]) -> Bool {
        guard let term = environment["TERM"] else { return false }
        return term.isEmpty || term == "dumb"
    }

    /// The directory for SpineSim's state (history, default transcripts):
    /// `$XDG_STATE_HOME/spinesim`, or `~/.local/state/spinesim`. A relative
    /// `XDG_STATE_HOME` is ignored, as the XDG Base Directory specification asks.
    public static func stateDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return joined(state, "spinesim")
        }
        return joined(homeDirectory(environment: environment), ".local/state/spinesim")
    }

    /// The command-history file: `history` in ``stateDirectory(environment:)``.
    public static func historyFilePath(environment: [String: String]) -> String {
        joined(stateDirectory(environment: environment), "history")
    }

    /// `$HOME`, else the home directory in the user database, else `/`.
    public static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir {
            let home = String(cString: directory)
            if !home.isEmpty { return home }
        }
        return "/"
    }

    /// Makes SIGTERM and SIGHUP end the session cleanly instead of killing the process:
    /// a ``LineEditor`` waiting for a line returns `.endOfInput` with
    /// ``LineEditor/terminationRequested`` set, so the caller can close its files and
    /// the terminal gets its settings back. ``LineEditor`` calls this itself; calling it
    /// again does no harm. A signal that arrives while no line is being read is kept
    /// for the next ``LineEditor/readLine(prompt:)`` and for ``terminationSignal``.
    public static func installTerminationSignals() {
        _ = SignalFlags.install(SIGTERM)
        _ = SignalFlags.install(SIGHUP)
    }

    /// The SIGTERM or SIGHUP received since ``installTerminationSignals()``, if any.
    /// Exit with status `128 + signal` after closing up, as shells expect.
    public static var terminationSignal: Int32? {
        let number = SignalFlags.peek(SignalFlags.termination)
        return number == 0 ? nil : number
    }

    /// The terminal width in columns: TIOCGWINSZ on standard output, then on standard
    /// input, then `$COLUMNS`, then 80.
    public static func columns(environment: [String: String] = [:]) -> Int {
        if let width = measuredColumns() { return width }
        if let text = environment["COLUMNS"], let width = Int(text), width > 0 { return width }
        return 80
    }

    /// The width the kernel reports for standard output or input (TIOCGWINSZ), if any.
    static func measuredColumns() -> Int? {
        for fd: Int32 in [1, 0] {
            let width = Int(spinesim_terminal_columns(fd))
            if width > 0 { return width }
        }
        return nil
    }

    static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["NO_COLOR", "TERM", "HOME", "XDG_STATE_HOME", "COLUMNS"] {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }

    private static func joined(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
