import Foundation
import Testing

/// The real `spinesim play` in a pseudo-terminal: what only a terminal shows (Tab,
/// listing, Up, Ctrl-C, Ctrl-D, history across runs). Runs when a built `spinesim` is
/// found next to the test bundle (as after `swift build`) or named by `SPINESIM_BINARY`.
@Suite("spinesim play in a terminal", .enabled(if: SpineSimBinary.path != nil, "needs a built spinesim binary"),
       .enabled(if: PseudoTerminal.isAvailable, "needs tmux"), .timeLimit(.minutes(1)))
struct SpineSimPseudoTerminalTests {
    @Test func editingCompletionHistoryInterruptAndEnd() throws {
        let sandbox = try PlaySandbox()
        defer { sandbox.remove() }
        let historyFile = sandbox.path("state/spinesim/history")

        let first = try sandbox.play(["mechanical-strain", "--transcript", sandbox.path("one.txt")])
        defer { first.close() }

        // Tab completes a verb, then a code, with a trailing space.
        first.type("exa")
        first.press("Tab")
        try first.waitUntil("'examine ' completed") { _ in first.lastLine().hasSuffix("> examine") }
        first.type("straight-l")
        first.press("Tab")
        try first.waitUntil("the code completed") { _ in first.lastLine().hasSuffix("examine straight-leg-raise") }
        first.press("Enter")
        try first.waitUntil("the next prompt") { screen in
            first.lastLine().hasSuffix(">") && screen.components(separatedBy: "examine straight-leg-raise").count >= 2
        }

        // Several candidates: the common prefix goes in, a second Tab lists them.
        first.type("order xr")
        first.press("Tab")
        try first.waitUntil("the common prefix") { _ in first.lastLine().hasSuffix("order xray-") }
        first.press("Tab")
        try first.waitUntil("the candidates listed") { $0.contains("xray-lumbar") && $0.contains("xray-chest") }
        #expect(first.lastLine().hasSuffix("order xray-"))

        // Ctrl-C drops the line and the session goes on.
        first.press("C-c")
        try first.waitUntil("a fresh prompt") { _ in first.lastLine().hasSuffix(">") }
        #expect(!first.hasExited)

        // Up recalls the earlier command.
        first.press("Up")
        try first.waitUntil("the recalled line") { _ in first.lastLine().hasSuffix("examine straight-leg-raise") }

        // Ctrl-D on an empty line asks before ending; "n" carries on.
        first.press("C-u", "C-d")
        try first.waitUntil("the end-of-case question") { _ in first.lastLine().contains("End the case now") }
        first.type("n")
        first.press("Enter")
        try first.waitUntil("back at the prompt") { screen in screen.contains("Carrying on") && first.lastLine().hasSuffix(">") }
        #expect(!first.hasExited)
        // A second Ctrl-D at the question leaves without ending; the transcript can be resumed.
        first.press("C-d")
        try first.waitUntil("the question again") { _ in first.lastLine().contains("End the case now") }
        first.press("C-d")
        #expect(try first.waitForExit() == 0)
        #expect(first.screen().contains("--resume"))
        let saved = try String(contentsOfFile: historyFile, encoding: .utf8)
        #expect(saved.contains("examine straight-leg-raise\n"))

        // A new session recalls history from the file; Ctrl-D then "y" ends the case with a debrief.
        let twoPath = sandbox.path("two.txt")
        let second = try sandbox.play(["mechanical-strain", "--transcript", twoPath])
        defer { second.close() }
        second.press("Up")
        try second.waitUntil("history from the last run") { _ in second.lastLine().hasSuffix("examine straight-leg-raise") }
        second.press("C-u", "C-d")
        try second.waitUntil("the end-of-case question") { _ in second.lastLine().contains("End the case now") }
        second.type("y")
        second.press("Enter")
        #expect(try second.waitForExit() == 0)
        #expect(second.screen().contains("Transcript: \(twoPath)"))
        let two = try String(contentsOfFile: twoPath, encoding: .utf8)
        #expect(two.hasSuffix("end\n"))
    }

    /// `kill -9` in the middle of a case loses no command, and `--resume` carries on from there.
    /// A rejected line with a suggestion comes back corrected in the editor: Enter accepts
    /// it. The rejected line is kept in the transcript as a comment.
    @Test func aRejectedLineIsOfferedBackCorrected() throws {
        let sandbox = try PlaySandbox()
        defer { sandbox.remove() }
        let transcript = sandbox.path("offer.txt")
        let play = try sandbox.play(["mechanical-strain", "--transcript", transcript])
        defer { play.close() }

        play.type("ask onset locaton")
        play.press("Enter")
        try play.waitUntil("the rejection") { $0.contains("nothing on this line was done") }
        try play.waitUntil("the corrected line offered") { _ in play.lastLine().hasSuffix("> ask onset location") }
        play.press("Enter")
        try play.waitUntil("the answers") { screen in screen.contains("Site of the pain:") && play.lastLine().hasSuffix(">") }
        play.type("end")
        play.press("Enter")
        #expect(try play.waitForExit() == 0)
        let saved = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(saved.contains("#! rejected: ask onset locaton\nask onset location\nend\n"))
    }

    @Test func killedSessionResumesWithEveryCommand() throws {
        let sandbox = try PlaySandbox()
        defer { sandbox.remove() }
        let path = sandbox.path("killed.txt")

        let first = try sandbox.play(["mechanical-strain", "--transcript", path])
        defer { first.close() }
        for command in ["ask onset", "examine palpation", "wait 1d"] {
            first.type(command)
            first.press("Enter")
            try first.waitUntil("the answer to \(command)") { screen in
                first.lastLine().hasSuffix(">") && screen.contains("> \(command)\n")
            }
        }
        let program = try #require(first.programPID)
        kill(program, SIGKILL)
        #expect(try first.waitForExit() == 128 + SIGKILL)
        let killed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(killed.hasSuffix("ask onset\nexamine palpation\nwait 1d\n"))

        let resumed = try sandbox.play(["--resume", path])
        defer { resumed.close() }
        try resumed.waitUntil("the resumed prompt") { screen in
            screen.contains("3 earlier commands replayed") && resumed.lastLine().hasSuffix("day 1 08:43 >")
        }
        resumed.type("end")
        resumed.press("Enter")
        #expect(try resumed.waitForExit() == 0)
        let finished = try String(contentsOfFile: path, encoding: .utf8)
        #expect(finished.hasSuffix("ask onset\nexamine palpation\nwait 1d\nend\n"))
    }
}

/// A scratch folder for one test's state (history, transcripts) and a way to start
/// `spinesim play` in a pseudo-terminal against it.
struct PlaySandbox {
    let binary: String
    let scratch: URL

    init() throws {
        binary = try #require(SpineSimBinary.path)
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { scratch.appendingPathComponent(relative).path }

    /// Starts `spinesim play ARGUMENTS` and waits for its first prompt.
    func play(_ arguments: [String]) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(command: [binary, "play"] + arguments,
                                          environment: ["XDG_STATE_HOME": path("state"), "NO_COLOR": "1"],
                                          workingDirectory: SpineSimBinary.repositoryRoot)
        do {
            try terminal.waitUntil("a prompt") { _ in terminal.lastLine().hasSuffix(">") }
        } catch {
            terminal.close()
            throw error
        }
        return terminal
    }

    func remove() { try? FileManager.default.removeItem(at: scratch) }
}

enum SpineSimBinary {
    /// The repository root (this file is Tests/SpineSimTerminalTests/…).
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `SPINESIM_BINARY`, else `spinesim` in the build directory the tests run from.
    static let path: String? = {
        let fileManager = FileManager.default
        if let named = ProcessInfo.processInfo.environment["SPINESIM_BINARY"] {
            return fileManager.isExecutableFile(atPath: named) ? named : nil
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {  // the test runner sits in .build/<triple>/debug, maybe inside a bundle
            let candidate = directory.appendingPathComponent("spinesim").path
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               fileManager.isExecutableFile(atPath: candidate) {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()
}
