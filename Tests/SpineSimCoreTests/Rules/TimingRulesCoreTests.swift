import Foundation
import Testing
@testable import SpineSimCore

/// The general timing rules: acts before the result they follow (catalogue
/// `result_dependencies`), and `critical_after` on a rubric item.
@Suite struct TimingRulesCoreTests {
    static let dependency = """

    result_dependencies:
      - id: surgery-on-imaging
        acts: [perform decompression]
        needs: [mri-lumbar]
        critical: true
        feedback: surgery is planned on the imaging
        reference: GIRFT 2023
    """

    static func catalogue(_ extra: String = dependency) throws -> Catalogue {
        try CatalogueLoader.load(catalogueText: Fixtures.catalogueYAML + extra, cataloguePath: "catalogue.yaml",
                                 diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "diagnoses.yaml")
    }

    static func report(_ lines: [String], catalogue: Catalogue, yaml: String = Fixtures.scenarioYAML) throws -> GradeReport {
        let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "test-ces.yaml", catalogue: catalogue)
        var session = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: 0))
        for (i, line) in lines.enumerated() { _ = session.handle(line, lineNumber: i + 1) }
        return Grader.grade(session, context: .init(transcriptPath: "t.txt"))
    }

    @Test func actingBeforeTheResultIsACriticalErrorWithTheTimes() throws {
        let catalogue = try Self.catalogue()
        let early = try Self.report(["ask bladder saddle-numbness", "order mri-lumbar urgent", "perform decompression", "wait 1d", "diagnose ces", "end"],
                                    catalogue: catalogue)
        let error = try #require(early.criticalErrors.first { $0.hasPrefix("Acted before the result") })
        #expect(error.contains("perform surgical decompression at day 0"))
        #expect(error.contains("(due day 0"))
        // The item the act would have met says it was not credited, not that it was never done.
        let lines = early.criteria.flatMap(\.feedback)
        #expect(lines.contains { $0.hasPrefix("Not credited") })
        #expect(early.items.first { $0.id == "decompress" }?.met == false)
    }

    @Test func actingAfterTheResultIsFine() throws {
        let catalogue = try Self.catalogue()
        let onTime = try Self.report(["ask bladder saddle-numbness", "order mri-lumbar urgent", "wait 2h", "perform decompression", "diagnose ces", "end"],
                                     catalogue: catalogue)
        #expect(!onTime.criticalErrors.contains { $0.hasPrefix("Acted before the result") })
        #expect(onTime.items.first { $0.id == "decompress" }?.met == true)
    }

    @Test func withoutTheDependencyNothingIsSaid() throws {
        let plain = try Self.report(["ask bladder saddle-numbness", "order mri-lumbar urgent", "perform decompression", "wait 1d", "diagnose ces", "end"],
                                    catalogue: try Self.catalogue(""))
        #expect(!plain.criticalErrors.contains { $0.hasPrefix("Acted before the result") })
    }

    @Test func anUnknownTestInADependencyIsAnError() {
        let text = Self.dependency.replacingOccurrences(of: "needs: [mri-lumbar]", with: "needs: [mri-lumbr]")
        do {
            _ = try Self.catalogue(text)
            Issue.record("loaded a dependency on an unknown test")
        } catch let failure as LoadFailure {
            #expect(failure.diagnostics.contains { $0.severity == .error && $0.message.contains("unknown test 'mri-lumbr'") })
        } catch {
            Issue.record("unexpected error: \(error)")
        }
    }

    /// `critical_after`: late is late; far past the deadline it is a critical error.
    static let criticalAfterYAML = Fixtures.scenarioYAML(replacingScanItemWith: """
        - id: scan
          tier: required
          action: order bladder-scan
          within: 1h
          critical_after: 3h
          points: 2
          feedback: {met: Bladder scan., missed: Scan the bladder., late: The bladder scan came late.}
          reference: GIRFT 2023
    """)

    @Test func veryLateIsCritical() throws {
        let catalogue = try Fixtures.catalogue()
        let late = try Self.report(["wait 2h", "order bladder-scan", "order mri-lumbar urgent", "diagnose ces", "end"], catalogue: catalogue, yaml: Self.criticalAfterYAML)
        #expect(!late.criticalErrors.contains { $0.hasPrefix("Very late") })
        let veryLate = try Self.report(["wait 4h", "order bladder-scan", "diagnose ces", "end"], catalogue: catalogue, yaml: Self.criticalAfterYAML)
        let error = try #require(veryLate.criticalErrors.first { $0.hasPrefix("Very late") })
        #expect(error.contains("The bladder scan came late"))
        #expect(error.contains("past the 1 hour deadline"))
    }

    @Test func neverDoneIsCriticalWhenVeryLateIs() throws {
        // A required item merely missed costs points; with critical_after, never doing it is
        // at least as bad as doing it very late: a critical error.
        let catalogue = try Fixtures.catalogue()
        let never = try Self.report(["order mri-lumbar urgent", "diagnose ces", "end"], catalogue: catalogue, yaml: Self.criticalAfterYAML)
        #expect(never.criticalErrors.contains("Not done: Scan the bladder."), "\(never.criticalErrors)")
        let plain = Self.criticalAfterYAML.replacingOccurrences(of: "      critical_after: 3h\n", with: "")
        let missed = try Self.report(["order mri-lumbar urgent", "diagnose ces", "end"], catalogue: catalogue, yaml: plain)
        #expect(!missed.criticalErrors.contains { $0.contains("Scan the bladder") }, "\(missed.criticalErrors)")
    }

    @Test func criticalAfterShorterThanWithinIsAnError() throws {
        let yaml = Self.criticalAfterYAML.replacingOccurrences(of: "critical_after: 3h", with: "critical_after: 30m")
        let errors = ScenarioLoader.load(text: yaml, path: "x.yaml", catalogue: try Fixtures.catalogue()).diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.message.contains("critical_after must not be shorter than within") && $0.line > 0 })
    }
}
