import Foundation
import Testing
@testable import SpineSimCore

/// Rubric items tied to the patient's course: `after_event` (a later visit's task, with its
/// deadline running from the event) and `before_event` (what was premature until then).
@Suite struct EventWindowTests {
    static let items = [
        "    - id: scan-after",
        "      tier: recommended",
        "      action: order bladder-scan",
        "      after_event: retention",
        "      within: 1h",
        "      points: 2",
        "      feedback: {met: Scanned the bladder once he could not pass urine., missed: Scan the bladder when he cannot pass urine.}",
        "      reference: GIRFT 2023",
        "    - id: scan-before",
        "      tier: unnecessary",
        "      action: order bladder-scan",
        "      before_event: retention",
        "      points: 1",
        "      feedback: {met: A bladder scan before any urinary symptom added nothing.}",
        "      reference: GIRFT 2023",
    ].joined(separator: "\n")

    static func yaml(_ items: String = EventWindowTests.items) -> String {
        Fixtures.scenarioYAML(replacingScanItemWith: items)
    }

    func grade(_ lines: [String]) throws -> GradeReport {
        Grader.grade(try Fixtures.session(lines, yaml: Self.yaml()), context: .init(transcriptPath: "t.txt"))
    }

    func item(_ report: GradeReport, _ id: String) throws -> GradeReport.ItemResult {
        try #require(report.items.first { $0.id == id })
    }

    @Test func theFixtureIsChanged() {
        #expect(Self.yaml() != Fixtures.scenarioYAML)
    }

    @Test func anItemForAVisitThatNeverCameDoesNotApply() throws {
        // Decompressed in time: retention never happens, so the later scan is not owed.
        let r = try grade(["ask bladder saddle-numbness", "examine rectal", "order mri-lumbar urgent", "wait 2h",
                           "perform decompression", "diagnose ces", "end"])
        #expect(try item(r, "scan-after").points == 0)
        #expect(try !item(r, "scan-after").met)
        let investigations = try #require(r.criteria.first { $0.criterion == .investigations })
        #expect(investigations.score == investigations.maxScore)
        #expect(!investigations.feedback.contains { $0.contains("Scan the bladder") })
    }

    @Test func beforeTheEventIsPrematureAndDoesNotCountForAfter() throws {
        let r = try grade(["ask bladder saddle-numbness", "order bladder-scan", "wait 30h", "diagnose ces", "end"])
        #expect(try item(r, "scan-before").points == -1)
        #expect(try !item(r, "scan-after").met)
        let investigations = try #require(r.criteria.first { $0.criterion == .investigations })
        #expect(investigations.feedback.contains { $0.hasPrefix("Unnecessary — order bladder-scan at day 0 ") && $0.contains(": A bladder scan before") })
        // The scan was done, only before the event: not "Missed", but not credited, with what the item asks.
        #expect(investigations.feedback.contains { $0.hasPrefix("Not credited: order bladder-scan at day 0 ") && $0.contains("Scan the bladder") })
        #expect(!investigations.feedback.contains { $0.hasPrefix("Missed: Scan the bladder") })
    }

    @Test func afterTheEventCountsAndItsDeadlineRunsFromTheEvent() throws {
        // Retention fires at 24 h; the scan 30 minutes later is on time (deadline 1 h from the event).
        let onTime = try grade(["ask bladder saddle-numbness", "wait 24h30m", "order bladder-scan", "diagnose ces", "end"])
        #expect(try item(onTime, "scan-after").met)
        #expect(try item(onTime, "scan-after").onTime == true)
        #expect(try item(onTime, "scan-before").points == 0)
        // Three hours after the event it is done, but late.
        let late = try grade(["ask bladder saddle-numbness", "wait 27h", "order bladder-scan", "diagnose ces", "end"])
        #expect(try item(late, "scan-after").met)
        #expect(try item(late, "scan-after").onTime == false)
    }

    @Test func unknownEventIsALocatedError() throws {
        let catalogue = try Fixtures.catalogue()
        let yaml = Self.yaml(Self.items.replacingOccurrences(of: "after_event: retention", with: "after_event: retension"))
        let errors = ScenarioLoader.load(text: yaml, path: "x.yaml", catalogue: catalogue).diagnostics.filter { $0.severity == .error }
        let error = try #require(errors.first)
        #expect(error.message.contains("no course event 'retension'"))
        #expect(error.message.contains("did you mean 'retention'"))
        #expect(error.line > 0)
    }
}
