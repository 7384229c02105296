import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// A failing attempt with critical errors leads its text debrief, right after the score
/// line, with why it fails: each critical error once.
@Suite struct DebriefLeadTests {
    @Test func criticalErrorsLeadTheDebrief() throws {
        let lib = try Repo.lib()
        var checked = 0
        for scenario in lib.scenarios {
            for outcome in SelfTestRunner.run(scenario, catalogue: lib.catalogue) where !outcome.report.criticalErrors.isEmpty {
                let name = "\(scenario.id) / \(outcome.test.name)"
                let lines = outcome.report.debrief.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let score = try #require(lines.firstIndex { $0.hasPrefix("Score: ") })
                #expect(lines[score + 1].hasPrefix("Failed because: "), "\(name)")
                for error in Set(outcome.report.criticalErrors) {
                    #expect(lines.filter { $0 == "  ! \(error)" }.count == 1, "\(name): \(error)")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }
}
