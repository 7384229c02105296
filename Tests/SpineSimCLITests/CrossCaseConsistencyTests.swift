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
/// **Indications** (see `indications`): some acts are right only where a fact of the case
/// holds, and guidelines say so; for such an act the cases of a context are compared only with
/// cases that agree on the fact (the line names the fact as `[fact]` or `[no fact]`):
/// - `give paracetamol`, by *neck pain* (tag `neck-pain`): NICE CKS neck pain offers
///   paracetamol or an NSAID, while NICE NG59 advises against paracetamol alone for low back pain;
/// - `refer multidisciplinary-rehab`, `refer psychology`, by *persistent pain with psychosocial
///   obstacles* (tags `chronic` or `psychosocial`): NG59 1.2.7 offers a combined physical and
///   psychological programme there, not for acute pain;
/// - `refer physiotherapy`, by *radicular or persistent pain* (tags `sciatica`,
///   `radiculopathy`, `chronic`): NG59 ("consider" exercise where function or work is affected,
///   the sciatica ladder ruling) and NICE CKS neck pain, while acute non-specific low back pain at
///   low risk starts with self-management (NG59 stratified care);
/// - `give dexamethasone`, `perform decompression`, by *neurological deficit* (tag
///   `cord-compression`): NICE NG234 gives dexamethasone 16 mg and decompression with a deficit;
/// - `perform catheterisation`, by *urinary retention* (the case's bladder-scan result is
///   flagged critical);
/// - `perform abscess-drainage`, by *psoas abscess* (tag `psoas-abscess`): percutaneous
///   drainage is for a large paravertebral or psoas collection, not for an epidural abscess
///   compressing the cord or a small collection.
///
/// **Acts probed**: every management act (`give`, `advise`, `refer`, `perform`, `admit`,
/// `discharge`) a rubric item of a case in the context names, by code or by class (each
/// catalogue item of the class), each done alone after the preamble, then `end`; its
/// judgement is the polarity of the findings about that act (credit, penalty or neither).
/// Investigations are left out: which tests a case needs follows its diagnosis by design.
/// Prescribing-safety findings (a dose, frequency or route outside this patient's limits, a
/// contraindication or interaction) are left out too: they are one shared catalogue rule
/// (dosing bands by renal function, weight and co-medicines) applied to each patient's own
/// facts, so the default regimen being wrong on dialysis and right elsewhere is the rule working.
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

    /// A fact of the case on which an act's right judgement depends (see the doc comment).
    struct Indication {
        var fact: String
        var commands: Set<String>
        var holds: @Sendable (Scenario) -> Bool
    }

    static let indications: [Indication] = [
        Indication(fact: "neck pain", commands: ["give paracetamol"], holds: { $0.tags.contains("neck-pain") }),
        Indication(fact: "persistent pain with psychosocial obstacles", commands: ["refer multidisciplinary-rehab", "refer psychology"],
                   holds: { !Set($0.tags).isDisjoint(with: ["chronic", "psychosocial"]) }),
        Indication(fact: "radicular or persistent pain", commands: ["refer physiotherapy"],
                   holds: { !Set($0.tags).isDisjoint(with: ["sciatica", "radiculopathy", "chronic"]) }),
        Indication(fact: "neurological deficit", commands: ["give dexamethasone", "perform decompression"],
                   holds: { $0.tags.contains("cord-compression") }),
        Indication(fact: "urinary retention", commands: ["perform catheterisation"],
                   holds: { $0.results["bladder-scan"]?.flag == .critical }),
        Indication(fact: "psoas abscess", commands: ["perform abscess-drainage"], holds: { $0.tags.contains("psoas-abscess") }),
    ]

    /// The groups of `cases` to compare on `command`: all of them, or split by its indication.
    static func groups(_ command: String, cases: [Scenario]) -> [(label: String, cases: [Scenario])] {
        guard let indication = indications.first(where: { $0.commands.contains(command) }) else { return [("", cases)] }
        let with = cases.filter(indication.holds), without = cases.filter { !indication.holds($0) }
        return [(" [\(indication.fact)]", with), (" [no \(indication.fact)]", without)]
    }

    static let knownPath = Repo.path("Tests/Data/known-inconsistencies.txt")

    /// How one case judges one act done alone after the context's preamble.
    static func judgement(_ command: String, preamble: [String], scenario: Scenario, plan: GradingPlan, catalogue: Catalogue) -> Finding.Polarity? {
        let lines = preamble + [command, "end"]
        let session = Grader.replay(Transcript.parse(lines.joined(separator: "\n") + "\n"), scenario: scenario, catalogue: catalogue)
        guard session.log.allSatisfy({ $0.rejection == nil }) else { return nil }
        let line = preamble.count + 1
        let about = GradingRules.run(GradingContext(session: session, plan: plan)).filter { f in
            f.acts.contains { $0.line == line } && !isPrescribingSafety(f)
        }
        if about.contains(where: { $0.polarity == .penalty }) { return .penalty }
        if about.contains(where: { $0.polarity == .credit }) { return .credit }
        return .neutral
    }

    /// A finding of the prescribing-safety rule: its fault is a safety event's kind.
    static func isPrescribingSafety(_ finding: Finding) -> Bool {
        guard let fault = finding.fault, let kind = fault.split(separator: ":").first else { return false }
        return SafetyEvent.Kind(rawValue: String(kind)) != nil
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
                for group in groups(command, cases: cases) {
                    var credited: [String] = [], penalised: [String] = []
                    for s in group.cases {
                        let plan = GradingPlan(scenario: s, catalogue: lib.catalogue)
                        switch judgement(command, preamble: context.preamble, scenario: s, plan: plan, catalogue: lib.catalogue) {
                        case .credit?: credited.append(s.id)
                        case .penalty?: penalised.append(s.id)
                        default: break
                        }
                    }
                    if !credited.isEmpty, !penalised.isEmpty {
                        out.append("\(context.name)\(group.label) | \(command) | credited: \(credited.joined(separator: ", ")) | penalised: \(penalised.joined(separator: ", "))")
                    }
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
        #expect(Self.contexts.allSatisfy { c in ((try? Repo.lib().scenarios.filter(c.includes).count) ?? 0) >= 2 })
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

    /// Each indication splits some context (a case where the fact holds and one where it does
    /// not), so none is vacuous or out of date.
    @Test func everyIndicationSplitsAContext() throws {
        let lib = try Repo.lib()
        for indication in Self.indications {
            let splits = Self.contexts.contains { c in
                let cases = lib.scenarios.filter(c.includes)
                return cases.contains(where: indication.holds) && cases.contains { !indication.holds($0) }
            }
            #expect(splits, "indication '\(indication.fact)' splits no context")
        }
    }

    /// The probe leaves out prescribing-safety findings only: a dose error is one, a rubric
    /// item's penalty is not.
    @Test func onlyPrescribingSafetyFindingsAreLeftOut() {
        var dose = Finding(criterion: .safety, penalty: 3)
        dose.fault = "doseAboveMaximum: BNF"
        var item = Finding(criterion: .safety, penalty: 3)
        item.fault = "bed-rest"
        #expect(Self.isPrescribingSafety(dose))
        #expect(!Self.isPrescribingSafety(item))
    }
}
