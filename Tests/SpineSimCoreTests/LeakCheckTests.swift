import Foundation
import Testing
@testable import SpineSimCore

/// `validate` warns when text a trainee sees before diagnosing names the diagnosis.
@Suite struct LeakCheckTests {
    func warnings(_ yaml: String) throws -> [Diagnostic] {
        let loaded = ScenarioLoader.load(text: yaml, path: "case.yaml", catalogue: try Fixtures.catalogue())
        #expect(loaded.scenario != nil, "the fixture should still load: \(loaded.diagnostics)")
        return loaded.diagnostics.filter { $0.severity == .warning && $0.message.contains("before the trainee has made the diagnosis") }
    }

    @Test func theFixtureCaseHasNoLeak() throws {
        #expect(try warnings(Fixtures.scenarioYAML).isEmpty)
    }

    @Test func anAliasInALabResultIsAWarningAtItsLine() throws {
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(
            of: "interpretation: Residual 150 ml.}",
            with: "interpretation: \"Residual 150 ml, which does not exclude CES.\"}")
        let found = try warnings(yaml)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("results.bladder-scan names 'ces'") == true)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("does not exclude CES") }.map { $0 + 1 }
        #expect(found.first?.line == line)
    }

    @Test func playAndGradeLoadWithoutTheLeakCheck() throws {
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(
            of: "interpretation: Residual 150 ml.}",
            with: "interpretation: \"Residual 150 ml, which does not exclude CES.\"}")
        let quiet = ScenarioLoader.load(text: yaml, path: "case.yaml", catalogue: try Fixtures.catalogue(), leakWarnings: false)
        #expect(quiet.scenario != nil)
        #expect(!quiet.diagnostics.contains { $0.message.contains("before the trainee has made the diagnosis") })
        #expect(try warnings(yaml).count == 1)
    }

    @Test func historyFindingsAndEventResultsAreSearched() throws {
        let yaml = Fixtures.scenarioYAML
            .replacingOccurrences(of: "rectal: Reduced anal tone and perianal sensation.",
                                  with: "rectal: Reduced anal tone, as in cauda equina syndrome.")
            .replacingOccurrences(of: "interpretation: Painless retention.}",
                                  with: "interpretation: Painless retention from cauda-equina syndrome.}")
            .replacingOccurrences(of: "bladder: \"It feels odd when I pass water.\"",
                                  with: "bladder: \"The last doctor said incomplete cauda equina syndrome.\"")
        let contexts = try warnings(yaml).map(\.message)
        #expect(contexts.contains { $0.hasPrefix("examination.rectal names 'cauda equina syndrome'") })
        #expect(contexts.contains { $0.hasPrefix("course event 'retention' results.bladder-scan names") })
        #expect(contexts.contains { $0.hasPrefix("history.bladder names 'incomplete cauda equina syndrome'") })
    }

    @Test func imagingReportsAndEventMessagesMayNameTheDiagnosis() throws {
        let yaml = Fixtures.scenarioYAML
            .replacingOccurrences(of: "compressing the cauda equina.}", with: "compressing the cauda equina; cauda equina syndrome.}")
            .replacingOccurrences(of: "message: Sensation is returning.", with: "message: Sensation is returning after surgery for CES.")
        #expect(try warnings(yaml).isEmpty)
    }

    @Test func keyTermsAreSearchedAndVisibleTermsAreNot() throws {
        let withKeyTerms = Fixtures.scenarioYAML
            .replacingOccurrences(of: "  partial: [lumbar-disc-herniation]", with: "  key_terms: [decompression]\n  partial: [lumbar-disc-herniation]")
            .replacingOccurrences(of: "interpretation: Residual 150 ml.}", with: "interpretation: Residual 150 ml; arrange a decompression.}")
        #expect(try warnings(withKeyTerms).count == 1)
        // The same word in the presenting complaint is no secret.
        let visible = withKeyTerms.replacingOccurrences(of: "complaint: My back hurts", with: "complaint: After my decompression my back hurts")
        #expect(try warnings(visible).isEmpty)
    }

    @Test func shortAbbreviationsAreNotMatchedAsWords() {
        let terms = LeakCheck.terms(accepted: ["AS", "axial spondyloarthritis"], keyTerms: [], catalogue: Catalogue())
        #expect(terms.map(\.folded) == ["axial spondyloarthritis"])
        #expect(LeakCheck.fold("Pott's disease — spinal TB!") == "potts disease spinal tb")
    }
}
