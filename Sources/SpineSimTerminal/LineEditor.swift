import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libedit-backed line editor for a terminal: emacs key bindings, Tab completion
/// through a Swift closure, history recalled with Up/Down and searched with Ctrl-R and
/// kept in a plain-text file, Ctrl-C to discard the line, Ctrl-D to end.
///
/// Create one per session, on the thread that reads input, after checking
/// ``Terminal/isInteractive(_:)``; fall back to ``PlainLineReader`` when the
/// initializer throws. While it exists it owns SIGINT, SIGTERM and SIGHUP (they
/// interrupt the read instead of killing the process) and, during a read, SIGTSTP.
/// Its deinitializer gives back the previous handlers and the terminal settings.
public final class LineEditor: LineReader {
    /// The file that history is loaded from and saved to, if any.
    public let historyFile: String?
    /// The most entries kept, in memory and in the file.
    public let historyLimit: Int
    /// This session's history, oldest first: what Up recalls.
    public private(set) var history: [String] = []
    /// The last failure to read or save ``historyFile``; `nil` after a good save. History
    /// still works in memory when the file cannot be written.
    public private(set) var historyError: TerminalError?
    /// Set when SIGTERM or SIGHUP ended the session (``readLine(prompt:)`` then returned
    /// `.endOfInput`); see ``Terminal/terminationSignal`` for which one.
    public private(set) var terminationRequested = false

    private let editor: OpaquePointer
    private let libeditHistory: OpaquePointer
    private let completer: (_ lineBeforeCursor: String) -> Completion
    private var promptBuffer: UnsafeMutablePointer<CChar>?
    private var savedHandlers: [(signal: Int32, action: sigaction)] = []
    /// A line to put in the buffer when the next read starts (see `offer(_:)`).
    private var offered: String?

    /// Starts libedit on standard input and output.
    ///
    /// - Parameters:
    ///   - programName: The name `~/.editrc` lines may be prefixed with (`spinesim:bind …`).
    ///   - historyFile: Where history persists, e.g. ``Terminal/historyFilePath(environment:)``;
    ///     `nil` keeps history in memory only. A missing file is fine; parent
    ///     directories are created on the first save.
    ///   - historyLimit: The most entries kept (at least 1).
    ///   - completer: Called on Tab with the text before the cursor.
    /// - Throws: ``TerminalError/notATerminal`` when standard input or output is not a
    ///   terminal, ``TerminalError/dumbTerminal`` for `TERM=dumb`,
    ///   ``TerminalError/editorUnavailable(_:)`` when libedit cannot start. An unreadable
    ///   history file does not throw; it is reported in ``historyError``.
    public init(programName: String, historyFile: String?, historyLimit: Int = 1000,
                completer: @escaping (_ lineBeforeCursor: String) -> Completion) throws(TerminalError) {
        guard Terminal.isInteractive(0), Terminal.isInteractive(1) else { throw .notATerminal }
        guard !Terminal.isDumb(Terminal.currentEnvironment()) else { throw .dumbTerminal }
        // libedit decodes keystrokes and encodes the line with the C locale: without a
        // UTF-8 LC_CTYPE, "é" arrives as two unknown bytes.
        _ = spinesim_setup_ctype_locale()
        guard let editor = el_init(programName, spinesim_stdin(), spinesim_stdout(), spinesim_stderr()) else {
            throw .editorUnavailable("el_init failed")
        }
        guard let libeditHistory = history_init() else {
            el_end(editor)
            throw .editorUnavailable("history_init failed")
        }
        self.editor = editor
        self.libeditHistory = libeditHistory
        self.historyFile = historyFile
        self.historyLimit = max(1, historyLimit)
        self.completer = completer

        configure()
        loadHistory()
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            if let old = SignalFlags.install(signal) { savedHandlers.append((signal, old)) }
        }
    }

    deinit {
        for saved in savedHandlers.reversed() { SignalFlags.restore(saved.signal, saved.action) }
        el_end(editor)
        history_end(libeditHistory)
        free(promptBuffer)
    }

    // MARK: Reading

    /// Shows `prompt` and edits one line.
    ///
    /// Returns `.line` on Enter (without the newline), `.interrupted` on Ctrl-C (the
    /// line is dropped, the cursor moves to a fresh line, nothing else changes), and
    /// `.endOfInput` on Ctrl-D at an empty line, when input ends, or after SIGTERM or
    /// SIGHUP (then ``terminationRequested`` is true). After `.interrupted` and
    /// `.endOfInput` the cursor is already at the start of a fresh line, so the caller
    /// need not print a newline. Colour escapes in `prompt` are fine.
    /// Ctrl-Z suspends the process as usual and the line comes back on `fg`.
    public func readLine(prompt: String) -> LineInput {
        if terminationRequested || SignalFlags.peek(SignalFlags.termination) != 0 {
            terminationRequested = true
            return .endOfInput
        }
        setPrompt(prompt)
        _ = SignalFlags.take(SignalFlags.interrupt)
        _ = SignalFlags.take(SignalFlags.suspend)
        let suspendHandler = SignalFlags.install(SIGTSTP)
        let mask = SignalFlags.beginRead()
        defer {
            SignalFlags.endRead(mask)
            if let suspendHandler { SignalFlags.restore(SIGTSTP, suspendHandler) }
        }

        var restore: String? = offered
        offered = nil
        while true {
            if let text = restore, !text.isEmpty { el_push(editor, text) }
            restore = nil
            var count: Int32 = 0
            spinesim_set_errno(0)
            let result = el_gets(editor, &count)
            let error = spinesim_errno()
            if let result, count > 0 {
                let bytes = UnsafeRawBufferPointer(start: result, count: Int(count))
                var line = String(decoding: bytes, as: UTF8.self)
                while let last = line.last, last.isNewline { line.removeLast() }
                return .line(line)
            }
            if SignalFlags.peek(SignalFlags.termination) != 0 {
                terminationRequested = true
                write("\n")
                return .endOfInput
            }
            if SignalFlags.take(SignalFlags.interrupt) != 0 {
                el_reset(editor)
                write("\n")
                return .interrupted
            }
            if SignalFlags.take(SignalFlags.suspend) != 0 {
                restore = currentLine()
                suspendProcess()
                continue
            }
            if count < 0, error == EINTR {
                // Some other handler's signal broke the read: carry on with the same line.
                restore = currentLine()
                continue
            }
            write("\n")
            return .endOfInput  // Ctrl-D on an empty line, end of file, or a read error
        }
    }

    /// Puts `text` in the buffer when the next line starts (a corrected line after a
    /// rejection), as if typed: Enter accepts it, any editing key changes it, Ctrl-U clears it.
    public func offer(_ text: String) {
        offered = text.filter { !$0.isNewline && $0 != "\u{1B}" }
    }

    // MARK: History

    /// Records `line` for recall and saves the history file at once.
    ///
    /// Blank lines are ignored; an older identical entry is removed, so repeating a
    /// command moves it to the end instead of filling history with copies; at most
    /// ``historyLimit`` entries are kept. The file is re-read before saving, so lines
    /// saved by another session meanwhile are kept too. A failed save is recorded in
    /// ``historyError``, never thrown.
    public func addHistory(_ line: String) {
        let updated = HistoryLog.adding(line, to: history, limit: historyLimit)
        guard updated != history else { return }
        let appendedOnly = updated.count == history.count + 1 && Array(updated.dropLast()) == history
        history = updated
        if appendedOnly, let newest = updated.last {
            _ = spinesim_history_enter(libeditHistory, newest)
        } else {
            syncLibeditHistory()
        }
        save(adding: line)
    }

    private func loadHistory() {
        _ = spinesim_history_set_size(libeditHistory, Int32(clamping: historyLimit))
        _ = spinesim_el_set_history(editor, libeditHistory)
        guard let historyFile else { return }
        do {
            history = try HistoryFile.read(historyFile, limit: historyLimit) ?? []
        } catch {
            historyError = error
        }
        syncLibeditHistory()
    }

    private func syncLibeditHistory() {
        _ = spinesim_history_clear(libeditHistory)
        for entry in history { _ = spinesim_history_enter(libeditHistory, entry) }
    }

    private func save(adding line: String) {
        guard let historyFile else { return }
        do {
            let onDisk = try HistoryFile.read(historyFile, limit: historyLimit) ?? history
            try HistoryFile.write(HistoryLog.adding(line, to: onDisk, limit: historyLimit), to: historyFile)
            historyError = nil
        } catch {
            do {
                try HistoryFile.write(history, to: historyFile)
                historyError = nil
            } catch {
                historyError = error
            }
        }
    }

    // MARK: Set-up

    private func configure() {
        _ = spinesim_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        _ = spinesim_el_set_editor(editor, "emacs")
        _ = spinesim_el_set_signal(editor, 0)
        let marker = CChar(truncatingIfNeeded: PromptText.ignoreMarker.asciiValue ?? 1)
        _ = spinesim_el_set_prompt_esc(editor, { el in
            guard let editor = LineEditor.owner(of: el), let prompt = editor.promptBuffer else {
                return spinesim_empty_prompt()
            }
            return prompt
        }, marker)
        _ = spinesim_el_add_function(editor, "spinesim-complete", "Complete the word before the cursor", { el, _ in
            guard let editor = LineEditor.owner(of: el) else { return UInt8(CC_ERROR) }
            return editor.complete()
        })
        _ = spinesim_el_add_function(editor, "spinesim-eof-or-delete", "End of input on an empty line, else delete the next character", { el, _ in
            guard let editor = LineEditor.owner(of: el) else { return UInt8(CC_EOF) }
            return editor.endOfInputOrDelete()
        })
        for (key, function) in Self.bindings { _ = spinesim_el_bind(editor, key, function) }
        // The user's ~/.editrc (or $EDITRC) may change any of this.
        _ = el_source(editor, nil)
    }

    /// Key bindings on top of libedit's emacs map.
    static let bindings: [(key: String, function: String)] = [
        ("^I", "spinesim-complete"),
        ("^D", "spinesim-eof-or-delete"),  // libedit's em-delete-or-list would echo "^D"
        ("^R", "em-inc-search-prev"),     // reverse incremental search, as in bash
        ("^W", "ed-delete-prev-word"),    // delete the word before the cursor, as in bash
        ("\\e[1;5C", "em-next-word"),      // Ctrl-Right
        ("\\e[1;5D", "ed-prev-word"),      // Ctrl-Left
        ("\\e[3~", "ed-delete-next-char"), // Delete
        ("\\e[H", "ed-move-to-beg"), ("\\e[1~", "ed-move-to-beg"), ("\\eOH", "ed-move-to-beg"),  // Home
        ("\\e[F", "ed-move-to-end"), ("\\e[4~", "ed-move-to-end"), ("\\eOF", "ed-move-to-end"),  // End
    ]

    static func owner(of el: OpaquePointer?) -> LineEditor? {
        guard let el, let raw = spinesim_el_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue()
    }

    private func setPrompt(_ prompt: String) {
        free(promptBuffer)
        promptBuffer = strdup(PromptText.markingEscapes(prompt))
    }

    // MARK: Completion

    /// The text before the cursor, decoded from libedit's multibyte line.
    private func lineBeforeCursor() -> String {
        guard let info = el_line(editor), let buffer = info.pointee.buffer, let cursor = info.pointee.cursor else {
            return ""
        }
        let count = max(0, buffer.distance(to: cursor))
        return String(decoding: UnsafeRawBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    /// The whole line being edited.
    private func currentLine() -> String {
        guard let info = el_line(editor), let buffer = info.pointee.buffer, let end = info.pointee.lastchar else {
            return ""
        }
        let count = max(0, buffer.distance(to: end))
        return String(decoding: UnsafeRawBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    /// Runs on Tab, inside el_gets.
    private func complete() -> UInt8 {
        let before = lineBeforeCursor()
        switch CompletionPlan.action(for: completer(before), lineBeforeCursor: before) {
        case .beep:
            return UInt8(CC_ERROR)
        case .edit(let deleteCount, let text):
            if deleteCount > 0 { el_deletestr(editor, Int32(clamping: deleteCount)) }
            if !text.isEmpty, el_insertstr(editor, text) != 0 { return UInt8(CC_ERROR) }
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            // The live size first: with EL_SIGNAL 0 libedit learns of a resize only at the next prompt.
            let known = Int(spinesim_el_columns(editor))
            let width = Terminal.measuredColumns() ?? (known > 0 ? known : 80)
            let lines = ColumnLayout.lines(candidates, width: width)
            write("\n" + lines.joined(separator: "\n") + "\n")
            return UInt8(CC_REDISPLAY)  // libedit redraws the prompt and the line below the list
        }
    }

    /// Ctrl-D: end of input on an empty line (quietly: libedit's own binding echoes
    /// "^D"), otherwise delete the character under the cursor.
    private func endOfInputOrDelete() -> UInt8 {
        guard let info = el_line(editor), let buffer = info.pointee.buffer,
              let cursor = info.pointee.cursor, let end = info.pointee.lastchar else { return UInt8(CC_EOF) }
        if buffer == end { return UInt8(CC_EOF) }
        if cursor == end { return UInt8(CC_ERROR) }
        _ = el_cursor(editor, 1)
        el_deletestr(editor, 1)
        return UInt8(CC_REFRESH)
    }

    // MARK: Terminal

    private func write(_ text: String) {
        let out = spinesim_stdout()
        fputs(text, out)
        fflush(out)
    }

    /// Ctrl-Z while editing: el_gets has already put the terminal back in its usual
    /// mode; stop for real, and on `fg` carry on editing.
    private func suspendProcess() {
        write("\n")
        _ = spinesim_raise_default(SIGTSTP)
        _ = SignalFlags.install(SIGTSTP)
    }
}
