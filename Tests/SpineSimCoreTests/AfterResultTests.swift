import Foundation
import Testing
@testable import SpineSimCore

/// `after_result`: an act counts for an item only once the named test's result has reached
/// the trainee; acting on a result before it has arrived is acting without it.
@Suite struct AfterResultTests {
    static let items = [
        "    - id: operate-on-the-mri",
        "      tier: required",
        "      action: perform decompression",
        "      after_result: mri-lumbar",
        "      points: 2",
        "      feedback: {met: Decompressed on the MRI., missed: Decompress once the MRI has confirmed the compression.}",
        "      reference: GIRFT 2023",
    ].joined(separator: "\n")

    func grade(_ lines: [String], items: String = AfterResultTests.items) throws -> GradeReport.ItemResult {
        let yaml = Fixtures.scenarioYAML(replacingScanItemWith: items)
        let report = Grader.grade(try Fixtures.session(lines, yaml: yaml), context: .init(transcriptPath: "t.txt"))
        return try #require(report.items.first { $0.id == "operate-on-the-mri" })
    }

    @Test func beforeTheResultArrivesTheActDoesNotCount() throws {
        // The urgent MRI takes 2 h; operating a minute after the request is operating without it.
        let early = try grade(["ask bladder saddle-numbness", "order mri-lumbar urgent", "perform decompression", "wait 1d", "diagnose ces", "end"])
        #expect(!early.met)
        #expect(early.points == 0)
    }

    @Test func afterTheResultArrivesTheActCounts() throws {
        let onTheResult = try grade(["ask bladder saddle-numbness", "order mri-lumbar urgent", "wait 2h", "perform decompression", "diagnose ces", "end"])
        #expect(onTheResult.met)
        #expect(onTheResult.points == 2)
    }

    @Test func withoutTheTestNothingCounts() throws {
        let unscanned = try grade(["ask bladder saddle-numbness", "perform decompression", "wait 1d", "diagnose ces", "end"])
        #expect(!unscanned.met)
    }

    @Test func anUnknownTestIsALocatedError() throws {
        let catalogue = try Fixtures.catalogue()
        let yaml = Fixtures.scenarioYAML(replacingScanItemWith: Self.items.replacingOccurrences(of: "after_result: mri-lumbar", with: "after_result: mri-lumbr"))
        let errors = ScenarioLoader.load(text: yaml, path: "x.yaml", catalogue: catalogue).diagnostics.filter { $0.severity == .error }
        let error = try #require(errors.first)
        #expect(error.message.contains("after_result: unknown order code 'mri-lumbr'"))
        #expect(error.line > 0)
    }
}
