import Foundation
import Testing
@testable import SpineSimCore

/// `any:` entries that are groups: `{all: [...]}` counts only when every action in it was done.
@Suite struct GroupMatchTests {
    static let item = [
        "    - id: either",
        "      tier: recommended",
        "      criterion: ladder",
        "      any: [\"perform decompression\", {all: [\"order bladder-scan\", \"examine rectal\"]}]",
        "      points: 2",
        "      feedback: {met: One route or the other., missed: Neither route.}",
        "      reference: test",
    ].joined(separator: "\n")

    static func yaml(_ item: String = GroupMatchTests.item) -> String {
        Fixtures.scenarioYAML(replacingScanItemWith: item)
    }

    func result(_ lines: [String]) throws -> GradeReport.ItemResult {
        let report = Grader.grade(try Fixtures.session(lines, yaml: Self.yaml()), context: .init(transcriptPath: "t.txt"))
        return try #require(report.items.first { $0.id == "either" })
    }

    @Test func theFixtureIsChanged() { #expect(Self.yaml() != Fixtures.scenarioYAML) }

    @Test func halfAGroupIsNotEnough() throws {
        #expect(try !result(["order bladder-scan", "end"]).met)
    }

    @Test func aWholeGroupCountsWhenItsLastActionIsDone() throws {
        let r = try result(["order bladder-scan", "wait 1h", "examine rectal", "end"])
        #expect(r.met)
        #expect(r.tMin == 61)
    }

    @Test func aSingleEntryStillCounts() throws {
        #expect(try result(["perform decompression", "end"]).met)
    }

    @Test func aGroupOfOneIsAnError() throws {
        let catalogue = try Fixtures.catalogue()
        let yaml = Self.yaml(Self.item.replacingOccurrences(of: "{all: [\"order bladder-scan\", \"examine rectal\"]}",
                                                            with: "{all: [\"order bladder-scan\"]}"))
        let errors = ScenarioLoader.load(text: yaml, path: "x.yaml", catalogue: catalogue).diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.message.contains("a group names two or more actions") })
    }
}
