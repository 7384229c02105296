import Foundation
import Testing
@testable import SpineSimCLI
import SpineSimCore

/// Golden transcript tests: each `Golden/NAME.txt` transcript is replayed in a fresh session;
/// the screen must equal `NAME.screen` and the JSON report `NAME.json`.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter GoldenTranscriptTests`.
@Suite struct GoldenTranscriptTests {
    static let folder = Repo.path("Tests/SpineSimCLITests/Golden")

    static var transcripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test func thereAreGoldenTranscripts() {
        #expect(Self.transcripts.count >= 4)
    }

    @Test(arguments: transcripts)
    func replayMatchesGolden(name: String) throws {
        let lib = try Repo.lib()
        let path = (Self.folder as NSString).appendingPathComponent(name)
        let transcript = Transcript.parse(try String(contentsOfFile: path, encoding: .utf8))
        let scenario = try lib.scenario(for: transcript, path: path, override: nil)
        let (screen, session) = ReplayRenderer.screen(transcript, scenario: scenario, catalogue: lib.catalogue)
        let report = Grader.grade(session, context: .init(transcriptPath: "Golden/\(name)", student: transcript.metadata["student"]))
        // Provenance hashes change whenever a case is edited; the golden files pin behaviour, not bytes of the data.
        var json = report.json.rendered() + "\n"
        json = json.replacingOccurrences(of: report.provenance.scenarioSHA256, with: "<scenario-sha256>")
            .replacingOccurrences(of: report.provenance.catalogueSHA256, with: "<catalogue-sha256>")
        let base = (path as NSString).deletingPathExtension
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try screen.write(toFile: base + ".screen", atomically: true, encoding: .utf8)
            try json.write(toFile: base + ".json", atomically: true, encoding: .utf8)
            return
        }
        let expectedScreen = try String(contentsOfFile: base + ".screen", encoding: .utf8)
        let expectedJSON = try String(contentsOfFile: base + ".json", encoding: .utf8)
        #expect(screen == expectedScreen, "screen differs for \(name); re-record with RECORD_GOLDEN=1 if the change is intended")
        #expect(json == expectedJSON, "report differs for \(name); re-record with RECORD_GOLDEN=1 if the change is intended")
    }
}
