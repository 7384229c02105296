import Foundation
import Testing

/// The tmux harness itself, on programs that are always there.
@Suite("Pseudo-terminal harness", .enabled(if: PseudoTerminal.isAvailable, "needs tmux"), .timeLimit(.minutes(1)))
struct PseudoTerminalTests {
    @Test func typesIntoCatAndSeesItsEcho() throws {
        let term = try PseudoTerminal(command: ["/bin/cat"])
        defer { term.close() }
        term.type("hello spine")
        term.press("Enter")
        // Once echoed by the terminal, once written back by cat.
        try term.waitUntil("the line twice") { $0.components(separatedBy: "hello spine").count == 3 }
        term.press("C-d")
        #expect(try term.waitForExit() == 0)
    }

    @Test func promptsAnswersUTF8AndExitStatus() throws {
        let script = #"printf 'name? '; read name; echo "hi $name"; exit 3"#
        let term = try PseudoTerminal(command: ["/bin/sh", "-c", script])
        defer { term.close() }
        try term.waitFor("name?")
        term.type("Zoë")
        term.press("Enter")
        try term.waitFor("hi Zoë")
        #expect(try term.waitForExit() == 3)
    }

    @Test func ctrlCReachesTheProgram() throws {
        let script = #"trap 'echo caught-int; exit 7' INT; echo ready; while :; do sleep 0.05; done"#
        let term = try PseudoTerminal(command: ["/bin/sh", "-c", script])
        defer { term.close() }
        try term.waitFor("ready")
        term.press("C-c")
        try term.waitFor("caught-int")
        #expect(try term.waitForExit() == 7)
    }

    @Test func aWaitThatNeverHoldsFailsQuickly() throws {
        let term = try PseudoTerminal(command: ["/bin/cat"])
        defer { term.close() }
        let start = ContinuousClock.now
        #expect(throws: PseudoTerminal.Failure.self) {
            try term.waitFor("text that never appears", timeout: .milliseconds(300))
        }
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func closeKillsTheProgram() throws {
        let term = try PseudoTerminal(command: ["/bin/sleep", "30"])
        let pid = try #require(term.pid)
        term.close()
        let deadline = ContinuousClock.now + .seconds(5)
        while kill(pid, 0) == 0, ContinuousClock.now < deadline { usleep(20_000) }
        #expect(kill(pid, 0) != 0)
    }
}
