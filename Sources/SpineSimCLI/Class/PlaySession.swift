import ArgumentParser
import Foundation
import SpineSimCore
import SpineSimTerminal

extension PlayLoop {
    /// Runs one `play` session for another shell (the class server): the same REPL,
    /// transcript, completion and debrief as `spinesim play`. A new attempt writes
    /// `transcript`; `resume` continues it. `timeUp`, asked before and after each line is
    /// read, ends the case with `end` when it returns a message (an exam's wall clock);
    /// `remaining` is shown before the prompt.
    static func runSession(scenarioID: String?, student: String, transcript: String, resume: Bool, exam: Bool,
                           store: CaseStore, interactive: Bool, colour: Bool,
                           timeUp: (() -> String?)? = nil, remaining: (() -> String?)? = nil) throws(CLIError) -> Int32 {
        var arguments = resume ? ["--resume", transcript] : ["--transcript", transcript]
        if !resume, let scenarioID { arguments.insert(scenarioID, at: 0) }
        arguments += ["--student", student]
        if exam { arguments.append("--exam") }
        let options: PlayCommand
        do { options = try PlayCommand.parse(arguments) } catch { throw .usage("the session could not start: \(error)") }
        var loop = try prepare(options: options, library: store, interactive: interactive, colour: colour)
        if timeUp != nil || remaining != nil {
            loop.reader = DeadlineReader(inner: loop.reader, timeUp: timeUp ?? { nil }, remaining: remaining ?? { nil })
        }
        return loop.run()
    }
}

/// Wraps a line reader so that a wall-clock limit ends the case: once `timeUp` returns a
/// message, it is shown and the line read becomes `end` (a line typed after the limit is
/// not kept). The clock lives here, in the shell, never in the core.
final class DeadlineReader: LineReader {
    let inner: LineReader
    let timeUp: () -> String?
    let remaining: () -> String?

    init(inner: LineReader, timeUp: @escaping () -> String?, remaining: @escaping () -> String?) {
        self.inner = inner
        self.timeUp = timeUp
        self.remaining = remaining
    }

    func readLine(prompt: String) -> LineInput {
        if let message = timeUp() {
            print(message)
            return .line("end")
        }
        let shown = prompt.isEmpty ? prompt : (remaining().map { "[\($0)] " } ?? "") + prompt
        let input = inner.readLine(prompt: shown)
        if case .line = input, let message = timeUp() {
            print(message)
            return .line("end")
        }
        return input
    }

    func addHistory(_ line: String) { inner.addHistory(line) }
}
