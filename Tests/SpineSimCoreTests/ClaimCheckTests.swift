import Foundation
import Testing
@testable import SpineSimCore

/// `ClaimCheck`: an outcome that names an act or claims an absence or a time must be
/// conditioned on it; the fixture case's outcomes are rewritten to try each claim.
@Suite struct ClaimCheckTests {
    /// Warnings for the fixture case with its outcomes replaced by `outcomes` (YAML list lines).
    func warnings(outcomes lines: [String], editing edit: (String) -> String = { $0 }) throws -> [String] {
        let yaml = edit(Fixtures.scenarioYAML)
        let start = try #require(yaml.range(of: "outcomes:\n"))
        let end = try #require(yaml.range(of: "rubric:\n"))
        let replaced = String(yaml[..<start.upperBound]) + lines.joined(separator: "\n") + "\n" + String(yaml[end.lowerBound...])
        let catalogue = try Fixtures.catalogue()
        let scenario = try ScenarioLoader.loadOrThrow(text: replaced, path: "case.yaml", catalogue: catalogue)
        return ClaimCheck.warnings(scenario, catalogue: catalogue, text: replaced, path: "case.yaml").map(\.message)
    }

    @Test func anOutcomeNamingAnActItsConditionDoesNotMentionIsFlagged() throws {
        let found = try warnings(outcomes: [
            "  - if: {done: [perform decompression]}",
            "    text: Decompressed, then physiotherapy got him walking.",
            "  - text: Fallback.",
        ])
        #expect(found.count == 1 && found[0].contains("names 'physiotherapy'"), "\(found)")
    }

    @Test func anActInTheConditionOrAnEarlierOutcomeIsNotFlagged() throws {
        let found = try warnings(outcomes: [
            "  - if: {done: [perform decompression, refer physiotherapy]}",
            "    text: Decompressed, then physiotherapy got him walking.",
            "  - if: {done: [perform decompression]}",
            "    text: Decompressed in time.",
            "  - text: Never decompressed, he is still in pain.",
        ])
        #expect(found.isEmpty, "\(found)")
    }

    @Test func claimsOfAbsenceAndTimeNeedACondition() throws {
        let found = try warnings(outcomes: [
            "  - if: {events: [retention]}",
            "    text: Never decompressed, he went into retention.",
            "  - text: Seen at the first visit, he recovered.",
        ])
        #expect(found.contains { $0.contains("says \"never\"") }, "\(found)")
        #expect(found.contains { $0.contains("\"at the first visit\"") }, "\(found)")
        let guarded = try warnings(outcomes: [
            "  - if: {events: [retention], not_done: [perform decompression]}",
            "    text: Never decompressed, he went into retention.",
            "  - text: Fallback.",
        ])
        #expect(guarded.isEmpty, "\(guarded)")
    }

    @Test func aFeedbackTextClaimingTheFirstVisitNeedsADeadline() throws {
        let catalogue = try Fixtures.catalogue()
        let item = { (within: String) in Fixtures.scenarioYAML(replacingScanItemWith: """
            - id: scan
              tier: recommended
              action: order bladder-scan
              points: 1
        \(within)
              feedback: {met: Scanned the bladder at the first visit., missed: Scan the bladder.}
              reference: GIRFT
        """) }
        for (within, expected) in [("      within: 1h", 0), ("", 1)] {
            let yaml = item(within)
            let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "case.yaml", catalogue: catalogue)
            let found = ClaimCheck.warnings(scenario, catalogue: catalogue, text: yaml, path: "case.yaml")
            #expect(found.count == expected, "\(within): \(found)")
            #expect(found.allSatisfy { $0.severity == .warning && $0.line > 1 })
        }
    }

    // The patient's own medicines are facts about the patient, not the trainee's acts.
    @Test func thePatientsOwnMedicineMayBeNamed() throws {
        let outcome = ["  - if: {done: [perform decompression]}", "    text: Decompressed, though the naproxen had upset his stomach.", "  - text: Fallback."]
        let flagged = try warnings(outcomes: outcome)
        #expect(flagged.count == 1 && flagged[0].contains("names 'naproxen'"), "\(flagged)")
        let inHistory = try warnings(outcomes: outcome) {
            $0.replacingOccurrences(of: "It feels odd when I pass water.", with: "It feels odd when I pass water. I take naproxen for my back.")
        }
        #expect(inHistory.isEmpty, "\(inHistory)")
        let current = try warnings(outcomes: outcome) {
            $0.replacingOccurrences(of: "  complaint: My back hurts", with: "  current_medicines: [naproxen]\n  complaint: My back hurts")
        }
        #expect(current.isEmpty, "\(current)")
    }

    // What the case's course says a team did after a referral may be named by an outcome
    // that requires that referral, and by no other.
    @Test func theReferredTeamsNarratedActsMayBeNamedOnlyWithThatReferral() throws {
        let course = { (yaml: String) in
            yaml.replacingOccurrences(of: "  events:\n", with: """
              events:
                - id: operated
                  after: {action: refer neurosurgery, delay: 1d}
                  message: The neurosurgeons performed a surgical decompression.

            """)
        }
        let text = "    text: Referred, he had a surgical decompression and is walking."
        let referred = try warnings(outcomes: ["  - if: {done: [refer neurosurgery]}", text, "  - text: Fallback."], editing: course)
        #expect(referred.isEmpty, "\(referred)")
        let byEvent = try warnings(outcomes: ["  - if: {events: [operated]}", text, "  - text: Fallback."], editing: course)
        #expect(byEvent.isEmpty, "\(byEvent)")
        let otherTeam = try warnings(outcomes: ["  - if: {done: [refer medicine]}", text, "  - text: Fallback."], editing: course)
        #expect(otherTeam.count == 1 && otherTeam[0].contains("names 'surgical decompression'"), "\(otherTeam)")
        let notNarrated = try warnings(outcomes: ["  - if: {done: [refer neurosurgery]}", text, "  - text: Fallback."])
        #expect(notNarrated.count == 1, "\(notNarrated)")
    }

    // "He needs X" is advice; an act named outside the need clause is still a claim.
    @Test func whatThePatientStillNeedsIsAdviceNotAClaim() throws {
        let advice = try warnings(outcomes: ["  - text: He needs a surgical decompression and physiotherapy."])
        #expect(advice.isEmpty, "\(advice)")
        let claim = try warnings(outcomes: ["  - text: He had a surgical decompression; he will need physiotherapy."])
        #expect(claim.count == 1 && claim[0].contains("names 'surgical decompression'"), "\(claim)")
    }
}
