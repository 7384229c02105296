import Testing
@testable import SpineSimTerminal

@Suite("Terminal facts and paths")
struct TerminalTests {
    @Test func historyFollowsXDGStateHome() {
        let env = ["XDG_STATE_HOME": "/var/state", "HOME": "/home/ana"]
        #expect(Terminal.stateDirectory(environment: env) == "/var/state/spinesim")
        #expect(Terminal.historyFilePath(environment: env) == "/var/state/spinesim/history")
    }

    @Test func historyDefaultsToLocalStateUnderHome() {
        #expect(Terminal.historyFilePath(environment: ["HOME": "/home/ana"]) == "/home/ana/.local/state/spinesim/history")
        #expect(Terminal.historyFilePath(environment: ["HOME": "/home/ana/"]) == "/home/ana/.local/state/spinesim/history")
    }

    @Test func emptyOrRelativeXDGStateHomeIsIgnored() {
        #expect(Terminal.stateDirectory(environment: ["XDG_STATE_HOME": "", "HOME": "/h"]) == "/h/.local/state/spinesim")
        #expect(Terminal.stateDirectory(environment: ["XDG_STATE_HOME": "state", "HOME": "/h"]) == "/h/.local/state/spinesim")
    }

    @Test func noHomeFallsBackToTheUserDatabase() {
        #expect(Terminal.stateDirectory(environment: [:]).hasSuffix("/.local/state/spinesim"))
    }

    @Test("colour only on a terminal, not with NO_COLOR, --no-color or TERM=dumb", arguments: [
        (false, ["TERM": "xterm"], true, true),
        (true, ["TERM": "xterm"], true, false),
        (false, ["TERM": "xterm", "NO_COLOR": "1"], true, false),
        (false, ["TERM": "xterm", "NO_COLOR": ""], true, true),
        (false, ["TERM": "dumb"], true, false),
        (false, ["TERM": "xterm"], false, false),
        (false, [:], true, true),
    ] as [(Bool, [String: String], Bool, Bool)])
    func colour(flag: Bool, environment: [String: String], isTerminal: Bool, expected: Bool) {
        #expect(Terminal.colorEnabled(noColorFlag: flag, environment: environment, outputIsTerminal: isTerminal) == expected)
    }

    @Test func promptEscapesAreBracketedForLibedit() {
        #expect(PromptText.markingEscapes("0 min > ") == "0 min > ")
        #expect(PromptText.markingEscapes("\u{1B}[1m0 min >\u{1B}[0m ") == "\u{1}\u{1B}[1m\u{1}0 min >\u{1}\u{1B}[0m\u{1} ")
        #expect(PromptText.markingEscapes("\u{1B}]0;title\u{7}> ") == "\u{1}\u{1B}]0;title\u{7}\u{1}> ")
        #expect(PromptText.markingEscapes("a\u{1}b") == "ab")
    }

    @Test func errorsReadAsOneLine() {
        let errors: [TerminalError] = [.notATerminal, .dumbTerminal, .editorUnavailable("el_init failed"),
                                       .historyFile(path: "/x/history", reason: "Permission denied")]
        for error in errors {
            #expect(!error.description.isEmpty)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func lineEditorRefusesWithoutATerminal() {
        // Under `swift test` standard input is not a terminal; a pty run is in PseudoTerminalTests.
        guard !Terminal.isInteractive(0) || !Terminal.isInteractive(1) else { return }
        #expect(throws: TerminalError.notATerminal) {
            _ = try LineEditor(programName: "spinesim-test", historyFile: nil) { _ in .none }
        }
    }
}
