import Foundation
import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// A shared rule lives once: two cases in the same clinical context should not judge the same
/// act oppositely (credited in one, penalised in the other).
///
/// **Context**, from case data (see `contexts`): a name, which cases belong (by their tags and
/// ladder use) and a preamble of commands that sets the situation the act is judged in:
/// - `non-specific or radicular pain, no red flags`: tags `non-specific`, `sciatica` or
///   `radiculopathy`, and the case's ladder (if any) lists no red flags; preamble: none, so
///   each act is judged at the first visit;
/// - `spinal infection, after cultures`: tag `infection`; preamble: two blood-culture sets;
/// - `spinal malignancy`: tag `oncology` (metastatic disease of the spine); preamble: none.
///
/// **Acts probed**: every management act (`give`, `advise`, `refer`, `perform`, `admit`,
/// `discharge`) a rubric item of a case in the context names, by code or by class (each
/// catalogue item of the class), each done alone after the preamble, then `end`; its
/// judgement is the polarity of the findings about that act (credit, penalty or neither),
/// leaving out prescribing errors that rest only on the patient's own facts (the adult usual
/// dose of ceftriaxone is an overdose for a 12 kg child, not a rule that differs between cases).
/// Investigations are left out: which tests a case needs follows its diagnosis by design.
///
/// Today's disagreements are listed in `Tests/Data/known-inconsistencies.txt`, which may only
/// shrink: the test fails on a disagreement not listed, and on a listed one that has gone (so
/// the list is kept true). Re-record with `RECORD_INCONSISTENCIES=1`.
@Suite struct CrossCaseConsistencyTests {
    struct Context {
        var name: String
        var includes: @Sendable (Scenario) -> Bool
        var preamble: [String]
    }

    static let contexts: [Context] = [
        Context(name: "non-specific or radicular pain, no red flags", includes: { s in
            !Set(s.tags).isDisjoint(with: ["non-specific", "sciatica", "radiculopathy"]) && (s.ladder?.redFlags.isEmpty ?? true)
        }, preamble: []),
        Context(name: "spinal infection, after cultures", includes: { $0.tags.contains("infection") },
                preamble: ["order blood-culture", "order blood-culture"]),
        Context(name: "spinal malignancy", includes: { $0.tags.contains("oncology") }, preamble: []),
    ]

    static let knownPath = Repo.path("Tests/Data/known-inconsistencies.txt")

    /// How one case judges one act done alone after the context's preamble.
    static func judgement(_ command: String, preamble: [String], scenario: Scenario, plan: GradingPlan, catalogue: Catalogue) -> Finding.Polarity? {
        let lines = preamble + [command, "end"]
        let session = Grader.replay(Transcript.parse(lines.joined(separator: "\n") + "\n"), scenario: scenario, catalogue: catalogue)
        guard session.log.allSatisfy({ $0.rejection == nil }) else { return nil }
        let line = preamble.count + 1
        // A prescribing error that rests on this patient's facts (a child's weight, the
        // kidneys, current medicines) is no rule of the case: leave it out of the comparison.
        let events = session.safetyEvents.filter { $0.line == line }
        let personalOnly = !events.isEmpty && events.allSatisfy(\.patientSpecific)
        let about = GradingRules.run(GradingContext(session: session, plan: plan)).filter { f in
            f.acts.contains { $0.line == line } && !(personalOnly && f.criterion == .safety)
        }
        if about.contains(where: { $0.polarity == .penalty }) { return .penalty }
        if about.contains(where: { $0.polarity == .credit }) { return .credit }
        return .neutral
    }

    /// Every act two cases of one context judge oppositely, one line each, sorted.
    static func inconsistencies() throws -> [String] {
        let lib = try Repo.lib()
        var out: [String] = []
        for context in contexts {
            let cases = lib.scenarios.filter(context.includes)
            var commands = Set<String>()
            for s in cases {
                for item in s.rubric.items {
                    for p in item.patterns where p.verb.isManagement {
                        switch p.target {
                        case .code(let code): commands.insert("\(p.verb.rawValue) \(code)")
                        case .itemClass(let c):
                            guard let kind = p.verb.itemKind else { continue }
                            for i in lib.catalogue.items[kind] ?? [] where i.classes.contains(c) { commands.insert("\(p.verb.rawValue) \(i.code)") }
                        case .anyItem: continue
                        }
                    }
                }
            }
            for command in commands.sorted() {
                var credited: [String] = [], penalised: [String] = []
                for s in cases {
                    let plan = GradingPlan(scenario: s, catalogue: lib.catalogue)
                    switch judgement(command, preamble: context.preamble, scenario: s, plan: plan, catalogue: lib.catalogue) {
                    case .credit?: credited.append(s.id)
                    case .penalty?: penalised.append(s.id)
                    default: break
                    }
                }
                if !credited.isEmpty, !penalised.isEmpty {
                    out.append("\(context.name) | \(command) | credited: \(credited.joined(separator: ", ")) | penalised: \(penalised.joined(separator: ", "))")
                }
            }
        }
        return out.sorted()
    }

    @Test func noNewInconsistenciesAndTheListOnlyShrinks() throws {
        let found = try Self.inconsistencies()
        if ProcessInfo.processInfo.environment["RECORD_INCONSISTENCIES"] != nil {
            let header = "# Acts two cases of one context judge oppositely (CrossCaseConsistencyTests). May only shrink.\n"
            try (header + found.joined(separator: "\n") + "\n").write(toFile: Self.knownPath, atomically: true, encoding: .utf8)
        }
        let known = try String(contentsOfFile: Self.knownPath, encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let new = found.filter { !known.contains($0) }
        let gone = known.filter { !found.contains($0) }
        #expect(new.isEmpty, "new inconsistencies between cases of one context:\n\(new.joined(separator: "\n"))")
        #expect(gone.isEmpty, "listed inconsistencies that have gone (remove them from known-inconsistencies.txt):\n\(gone.joined(separator: "\n"))")
        #expect(Self.contexts.allSatisfy { c in (try? Repo.lib().scenarios.filter(c.includes).count ?? 0) ?? 0 >= 2 })
    }

    /// The probe can see an opposite judgement: an urgent MRI is penalised in sciatica without
    /// red flags and credited in cauda equina.
    @Test func theProbeSeesCreditAndPenalty() throws {
        let lib = try Repo.lib()
        func judged(_ id: String) throws -> Finding.Polarity? {
            let s = try #require(lib.scenarios.first { $0.id == id })
            return Self.judgement("order mri-lumbar urgent", preamble: [], scenario: s, plan: GradingPlan(scenario: s, catalogue: lib.catalogue), catalogue: lib.catalogue)
        }
        #expect(try judged("lumbar-disc-herniation") == .penalty)
        #expect(try judged("cauda-equina") == .credit)
    }
}
