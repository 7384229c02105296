import Foundation
import Testing
@testable import SpineSimTerminal

@Suite("Command history: folding, cap, file")
struct HistoryTests {
    @Test func appendsNewest() {
        #expect(HistoryLog.adding("ask onset", to: ["help"], limit: 10) == ["help", "ask onset"])
    }

    @Test func consecutiveDuplicatesFold() {
        #expect(HistoryLog.adding("chart", to: ["help", "chart"], limit: 10) == ["help", "chart"])
    }

    @Test func anOlderIdenticalEntryMovesToTheEnd() {
        #expect(HistoryLog.adding("chart", to: ["chart", "help", "results"], limit: 10) == ["help", "results", "chart"])
    }

    @Test func blankLinesAreNotRecorded() {
        #expect(HistoryLog.adding("   ", to: ["help"], limit: 10) == ["help"])
        #expect(HistoryLog.adding("", to: [], limit: 10) == [])
    }

    @Test func capKeepsTheNewest() {
        let entries = (1...5).map { "wait \($0)h" }
        #expect(HistoryLog.adding("end", to: entries, limit: 3) == ["wait 4h", "wait 5h", "end"])
        #expect(HistoryLog.adding("end", to: entries, limit: 0) == [])
    }

    @Test func surroundingWhitespaceIsDropped() {
        // Tab completion leaves a trailing space; it must not make a second entry.
        #expect(HistoryLog.adding("examine gait ", to: ["examine gait"], limit: 10) == ["examine gait"])
        #expect(HistoryLog.adding("  chart\t", to: [], limit: 10) == ["chart"])
    }

    @Test func lineBreaksBecomeSpaces() {
        #expect(HistoryLog.adding("note a\nb", to: [], limit: 10) == ["note a b"])
    }

    @Test func parsingSkipsBlanksAndLibeditHeaderAndFolds() {
        let text = "_HiStOrY_V2_\nhelp\n\nchart\nhelp\r\nend\n"
        #expect(HistoryLog.parse(text, limit: 10) == ["chart", "help", "end"])
        #expect(HistoryLog.parse(text, limit: 2) == ["help", "end"])
    }

    @Test func serializeRoundTrips() {
        let entries = ["ask onset", "examine straight-leg-raise", "note café"]
        #expect(HistoryLog.serialize(entries) == "ask onset\nexamine straight-leg-raise\nnote café\n")
        #expect(HistoryLog.parse(HistoryLog.serialize(entries), limit: 100) == entries)
    }

    @Test func fileIsCreatedWithItsDirectoriesAndIsPrivate() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("state/spinesim/history").path
        #expect(try HistoryFile.read(path, limit: 10) == nil)
        try HistoryFile.write(["help", "chart"], to: path)
        #expect(try HistoryFile.read(path, limit: 10) == ["help", "chart"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try HistoryFile.write(["end"], to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "end\n")
    }

    @Test func anUnwritablePlaceIsReportedWithThePath() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("not a directory".utf8).write(to: root)
        let path = root.appendingPathComponent("spinesim/history").path
        #expect {
            try HistoryFile.write(["help"], to: path)
        } throws: { error in
            guard let error = error as? TerminalError, case .historyFile(let reported, _) = error else { return false }
            return reported == path && error.description.hasPrefix(path + ": cannot save command history")
        }
    }
}
