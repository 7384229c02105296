import Foundation
import Testing
@testable import SpineSimCLI

/// Reading files with open/fstat/read: the text comes back whole, and each way a file can be
/// unreadable gets its own reason.
@Suite struct FileAccessTests {
    let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-fileaccess-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func reason(reading path: String) -> String? {
        do {
            _ = try FileAccess.readText(path)
            return nil
        } catch {
            if case .fileUnreadable(_, let reason) = error { return reason }
            return "\(error)"
        }
    }

    @Test func readsTheWholeTextIncludingNonASCIIAndLargeFiles() throws {
        // Larger than any single read buffer a reader might assume, with multi-byte characters.
        let text = String(repeating: "ask onset — “severe” pain\n", count: 20_000)
        let path = (folder as NSString).appendingPathComponent("large.txt")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try FileAccess.readText(path) == text)
    }

    @Test func readsAnEmptyFileAsEmptyText() throws {
        let path = (folder as NSString).appendingPathComponent("empty.txt")
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try FileAccess.readText(path) == "")
    }

    @Test func saysWhyAFileCannotBeRead() throws {
        #expect(reason(reading: (folder as NSString).appendingPathComponent("missing.txt")) == "no such file")
        #expect(reason(reading: folder) == "it is a folder")
        let binary = (folder as NSString).appendingPathComponent("binary.txt")
        try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: binary))
        #expect(reason(reading: binary) == "it is not UTF-8 text")
        // A path through a file, not a folder: the system's own words.
        #expect(reason(reading: binary + "/inside.txt") == "Not a directory")
    }
}
