#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reader for standard input that is not a terminal (a piped file, a test harness) or
/// a terminal that cannot edit (`TERM=dumb`): it reads with the standard library's
/// `readLine()`, writes the prompt only when asked to, and never writes escape codes
/// of its own. Lines keep everything but their line ending (`\n` or `\r\n`).
public final class PlainLineReader: LineReader {
    /// Whether ``readLine(prompt:)`` writes its prompt to standard output.
    public let echoPrompt: Bool
    /// Lines passed to ``addHistory(_:)``; kept in memory only, never written to disk.
    public private(set) var history: [String] = []

    /// Creates a reader. Pass `echoPrompt: true` for a person typing on a dumb terminal,
    /// `false` (the default) for piped input, where a prompt would only clutter the output.
    public init(echoPrompt: Bool = false) {
        self.echoPrompt = echoPrompt
    }

    /// Writes the prompt (if ``echoPrompt``) and reads one line; `.endOfInput` at end of file.
    public func readLine(prompt: String) -> LineInput {
        if echoPrompt, !prompt.isEmpty {
            print(prompt, terminator: "")
            fflush(nil)
        }
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    /// Remembers the line in ``history`` (no file, no recall).
    public func addHistory(_ line: String) {
        history = HistoryLog.adding(line, to: history, limit: 1000)
    }
}
