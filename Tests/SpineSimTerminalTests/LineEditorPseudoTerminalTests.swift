import Foundation
import Testing
@testable import SpineSimTerminal

/// A real ``LineEditor`` in a pseudo-terminal. The test bundle has no executable of its
/// own, so the outer test runs this very test binary again under tmux, filtered to
/// ``LineEditorDriver/session()``, which is a tiny REPL when `SPINESIM_LINE_EDITOR_DRIVER`
/// is set (and skipped otherwise).
@Suite("LineEditor in a terminal", .enabled(if: PseudoTerminal.isAvailable, "needs tmux"),
       .enabled(if: LineEditorDriver.isOuterRun), .enabled(if: LineEditorDriver.canRerunTestBinary, "needs the Linux test runner"),
       .timeLimit(.minutes(1)))
struct LineEditorPseudoTerminalTests {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-le-\(UUID().uuidString)")
    var historyFile: String { scratch.appendingPathComponent("state/spinesim/history").path }

    func start(width: Int = 100) throws -> PseudoTerminal {
        let term = try PseudoTerminal(command: LineEditorDriver.command,
                                      environment: [LineEditorDriver.variable: "1",
                                                    "XDG_STATE_HOME": scratch.appendingPathComponent("state").path],
                                      width: width)
        try waitForPrompt(1, term)
        return term
    }

    func waitForPrompt(_ number: Int, _ term: PseudoTerminal) throws {
        try term.waitUntil("prompt \(number)") { _ in term.lastLine() == "demo \(number) >" }
    }

    @Test func completionHistoryInterruptAndEnd() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let term = try start()
        defer { term.close() }

        // The prompt is bold, yet the cursor sits right after its visible text.
        term.type("exa")
        term.press("Tab")
        try term.waitUntil("one candidate completed") { _ in term.lastLine() == "demo 1 > examine" }
        term.type("str")
        term.press("Tab")
        try term.waitUntil("a code completed") { _ in term.lastLine() == "demo 1 > examine straight-leg-raise" }
        term.press("Enter")
        try term.waitFor("got [examine straight-leg-raise]")
        try waitForPrompt(2, term)  // typing ahead of the prompt garbles the screen, as in any shell

        // Several candidates: the common prefix, then a list below the line.
        term.type("examine sa")
        term.press("Tab")
        try term.waitUntil("the common prefix") { _ in term.lastLine() == "demo 2 > examine saddle-" }
        term.press("Tab")
        try term.waitFor("saddle-sensation  saddle-numbness")
        try term.waitUntil("the line redrawn") { _ in term.lastLine() == "demo 2 > examine saddle-" }
        term.type("n")
        term.press("Tab", "Enter")
        try term.waitFor("got [examine saddle-numbness]")
        try waitForPrompt(3, term)

        // UTF-8: completion, then editing in the middle of accented text.
        term.type("order é")
        term.press("Tab")
        try term.waitUntil("an accented word completed") { _ in term.lastLine() == "demo 3 > order épaule" }
        term.press("BSpace", "Left", "Left", "BSpace")
        term.type("É")
        term.press("Enter")
        try term.waitFor("got [order épaÉle] characters=12")
        try waitForPrompt(4, term)

        // Ctrl-C drops the line; the session goes on.
        term.type("half typed")
        term.press("C-c")
        try term.waitFor("(interrupted)")
        try waitForPrompt(5, term)

        // Up recalls, newest first; Ctrl-R searches.
        term.press("Up")
        try term.waitUntil("the last line recalled") { _ in term.lastLine() == "demo 5 > order épaÉle" }
        term.press("Up")
        try term.waitUntil("the line before") { _ in term.lastLine() == "demo 5 > examine saddle-numbness" }
        term.press("C-u", "C-r")
        term.type("straight")
        try term.waitUntil("the search found it") { _ in term.lastLine().hasSuffix("straight") }
        try term.waitUntil("the search found it") { $0.hasSuffix("demo 5 > examine straight-leg-raise\nbck:straight") }
        term.press("Enter")
        try term.waitUntil("the found line entered") { $0.components(separatedBy: "got [examine straight-leg-raise]").count == 3 }
        try waitForPrompt(6, term)

        // Ctrl-D on an empty line ends input; the process exits cleanly.
        term.press("C-d")
        try term.waitFor("(end of input, terminated: false)")
        #expect(try term.waitForExit() == 0)

        let saved = try String(contentsOfFile: historyFile, encoding: .utf8)
        #expect(saved == "examine saddle-numbness\norder épaÉle\nexamine straight-leg-raise\n")

        // The next session starts with that history.
        let again = try start()
        defer { again.close() }
        again.press("Up")
        try again.waitUntil("history from the file") { _ in again.lastLine() == "demo 1 > examine straight-leg-raise" }
        again.press("C-u", "C-d")
        #expect(try again.waitForExit() == 0)
    }

    @Test func sigtermEndsTheReadCleanly() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let term = try start()
        defer { term.close() }
        term.type("something")
        try term.waitUntil("typed") { _ in term.lastLine().hasSuffix("something") }
        let pid = try #require(LineEditorDriver.readPID(from: term.screen()))
        kill(pid, SIGTERM)
        try term.waitFor("(end of input, terminated: true)")
        #expect(try term.waitForExit() == 0)
    }

    @Test func narrowTerminalListsInOneColumn() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let term = try start(width: 30)
        defer { term.close() }
        term.press("Tab")
        let screen = try term.waitFor("crossed-straight-leg-raise")
        #expect(screen.contains("\nexamine\n"))
        term.press("C-d")
        #expect(try term.waitForExit() == 0)
    }
}

/// The REPL that the pseudo-terminal tests drive (inside the re-run test binary).
@Suite("LineEditor driver (helper: runs only inside the pty tests)")
struct LineEditorDriver {
    static let variable = "SPINESIM_LINE_EDITOR_DRIVER"
    static var isOuterRun: Bool { ProcessInfo.processInfo.environment[variable] == nil }

    /// Whether this process is a test binary that can be run again by path (SwiftPM on
    /// Linux runs `<Package>PackageTests.xctest` directly; macOS goes through `xctest`).
    static var canRerunTestBinary: Bool {
        #if os(Linux)
        return CommandLine.arguments.first?.hasSuffix(".xctest") ?? false
        #else
        return false
        #endif
    }

    /// This test binary, re-run with only the driver selected.
    static var command: [String] {
        [CommandLine.arguments.first ?? "", "--testing-library", "swift-testing", "--filter", "LineEditorDriver"]
    }

    static let words = ["ask", "examine", "order", "give", "end", "straight-leg-raise", "crossed-straight-leg-raise",
                        "saddle-sensation", "saddle-numbness", "esr", "crp", "épaule"]

    static func readPID(from screen: String) -> Int32? {
        guard let range = screen.range(of: "driver pid ") else { return nil }
        return Int32(screen[range.upperBound...].prefix { $0.isNumber })
    }

    @Test(.enabled(if: !isOuterRun))
    func session() throws {
        let environment = ProcessInfo.processInfo.environment
        let editor = try LineEditor(programName: "spinesim-test", historyFile: Terminal.historyFilePath(environment: environment)) { before in
            let current = before.last.map(\.isWhitespace) ?? true ? "" : String(before.split(separator: " ").last ?? "")
            return Completion(candidates: Self.words.filter { $0.hasPrefix(current.lowercased()) }, replaceLength: current.count)
        }
        print("driver pid \(getpid())")
        var number = 1
        loop: while true {
            switch editor.readLine(prompt: "\u{1B}[1mdemo \(number) >\u{1B}[0m ") {
            case .line(let line):
                let text = line.trimmingCharacters(in: .whitespaces)  // as spinesim does
                print("got [\(text)] characters=\(text.count)")
                editor.addHistory(text)
            case .interrupted:
                print("(interrupted)")
            case .endOfInput:
                print("(end of input, terminated: \(editor.terminationRequested))")
                break loop
            }
            number += 1
        }
        fflush(nil)
    }
}
