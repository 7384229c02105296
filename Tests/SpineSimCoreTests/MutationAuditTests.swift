import Foundation
import Testing
@testable import SpineSimCore

/// The rubric mutation audit: variants of the expert path, graded, and the findings a case
/// must explain.
@Suite struct MutationAuditTests {
    /// The fixture case with `give naproxen` in its expert path and `extra` appended at the top level.
    static func yaml(expertGive: Bool = false, items: String? = nil, extra: String = "") -> String {
        var text = items.map { Fixtures.scenarioYAML(replacingScanItemWith: $0) } ?? Fixtures.scenarioYAML
        if expertGive {
            text = text.replacingOccurrences(of: "      examine rectal\n", with: "      examine rectal\n      give naproxen 250mg q8h oral\n")
        }
        return text + extra
    }

    static func load(_ yaml: String) throws -> (Scenario, Catalogue) {
        let catalogue = try Fixtures.catalogue()
        return (try ScenarioLoader.loadOrThrow(text: yaml, path: "test-ces.yaml", catalogue: catalogue), catalogue)
    }

    static func variant(_ audit: MutationAudit, _ id: String) throws -> MutationAudit.Variant {
        try #require(audit.variants.first { $0.mutation.id == id }, "no variant '\(id)' among \(audit.variants.map(\.mutation.id))")
    }

    @Test func generatesEachKindWithStableReadableIDs() throws {
        let (scenario, catalogue) = try Self.load(Self.yaml(expertGive: true))
        let ids = MutationGenerator.variants(of: scenario, catalogue: catalogue).map(\.id)
        for id in ["drop: ask bladder", "drop: ask saddle-numbness", "drop: examine rectal", "drop: order mri-lumbar",
                   "late: order mri-lumbar", "next-visit: order mri-lumbar", "drop: perform decompression",
                   "before-result: perform decompression", "drop: diagnose", "dose-x10: give naproxen",
                   "same-class: give ibuprofen beside naproxen", "add-test: order xray-lumbar"] {
            #expect(ids.contains(id), "missing \(id) in \(ids)")
        }
        #expect(Set(ids).count == ids.count, "ids repeat: \(ids)")
        // The same case gives the same variants.
        #expect(MutationGenerator.variants(of: scenario, catalogue: catalogue).map(\.id) == ids)
        // Acts the rubric does not reward are not dropped, and an indicated test is not added.
        #expect(!ids.contains("drop: give naproxen"))
        #expect(!ids.contains { $0.hasPrefix("add-test: order mri-lumbar") })
        #expect(ids.allSatisfy { MutationKind.of(id: $0) != nil })
    }

    @Test func variantsChangeOnlyWhatTheySay() throws {
        let (scenario, catalogue) = try Self.load(Self.yaml(expertGive: true))
        let variants = MutationGenerator.variants(of: scenario, catalogue: catalogue)
        func commands(_ id: String) throws -> [String] { try #require(variants.first { $0.id == id }).commands }
        #expect(try commands("drop: ask bladder").first == "ask saddle-numbness")
        #expect(try commands("dose-x10: give naproxen").contains("give naproxen 2500mg q8h oral"))
        #expect(try commands("same-class: give ibuprofen beside naproxen").contains("give ibuprofen"))
        // Past the 2 h deadline: the request goes where the path reaches 3 h, after the decompression under way then.
        let late = try commands("late: order mri-lumbar")
        #expect(late.firstIndex(of: "order mri-lumbar urgent") == late.firstIndex(of: "perform decompression").map { $0 + 1 })
        let session = Session.replaying(Transcript(lines: late.enumerated().map { .init(number: $0.offset + 1, text: $0.element) }),
                                        scenario: scenario, catalogue: catalogue, options: SessionOptions())
        let mri = try #require(session.actions.first { $0.code == "mri-lumbar" })
        #expect(mri.t >= 120 + 60)
        // Before the result: the decompression right after the MRI request.
        let early = try commands("before-result: perform decompression")
        let order = try #require(early.firstIndex(of: "order mri-lumbar urgent"))
        #expect(early[order + 1] == "perform decompression")
    }

    @Test func aDecompressionBeforeTheMRIResultSurvivesUntilTheRubricSaysAfterResult() throws {
        // The fixture's decompression item does not say it follows the MRI: the audit finds it.
        let (loose, catalogue) = try Self.load(Self.yaml())
        let before = MutationAudit.run(loose, catalogue: catalogue)
        #expect(try Self.variant(before, "before-result: perform decompression").survived)
        #expect(before.unexplained.contains { $0.mutation.id == "before-result: perform decompression" })
        // With after_result, acting before the result is acting without it: no longer a survivor.
        let strict = Fixtures.scenarioYAML.replacingOccurrences(of: "      action: perform decompression\n      points: 5",
                                                                with: "      action: perform decompression\n      after_result: mri-lumbar\n      points: 5")
        let (fixed, _) = try Self.load(strict)
        let after = MutationAudit.run(fixed, catalogue: catalogue)
        #expect(try !Self.variant(after, "before-result: perform decompression").survived)
    }

    @Test func criticalItemsAreTrackedAndEveryVariantIsUnderstood() throws {
        let (scenario, catalogue) = try Self.load(Self.yaml(expertGive: true))
        let audit = MutationAudit.run(scenario, catalogue: catalogue)
        #expect(audit.expertScore == audit.maxScore)
        let late = try Self.variant(audit, "late: order mri-lumbar")
        #expect(late.mutation.critical == ["mri"])
        #expect(late.score < audit.expertScore)
        let drop = try Self.variant(audit, "drop: perform decompression")
        #expect(drop.mutation.critical == ["event retention"])
        #expect(!drop.passed)
        #expect(try Self.variant(audit, "drop: ask bladder").mutation.critical == ["red-flags"])
        for v in audit.variants { #expect(v.rejected.isEmpty, "\(v.mutation.id): \(v.rejected)") }
    }

    @Test func anAcceptedSurvivorIsExplainedAndAStaleOneWarns() throws {
        let extra = """

        mutation_audit:
          accept:
            - mutation: "before-result: perform decompression"
              reason: The fixture does not model the MRI as a precondition.
            - mutation: "drop: ask onset"
              reason: An acceptance that no longer occurs.
        """
        let (scenario, catalogue) = try Self.load(Self.yaml(extra: extra))
        #expect(scenario.mutationAudit.map(\.mutation) == ["before-result: perform decompression", "drop: ask onset"])
        let audit = MutationAudit.run(scenario, catalogue: catalogue)
        #expect(audit.accepted.map(\.variant.mutation.id) == ["before-result: perform decompression"])
        #expect(!audit.unexplained.contains { $0.mutation.id == "before-result: perform decompression" })
        let warning = try #require(audit.warnings.first)
        #expect(audit.warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("'drop: ask onset' no longer occurs"))
        #expect(warning.line > 0)
    }

    @Test(arguments: [
        ("    - mutation: \"remove: ask onset\"\n      reason: Not a kind of mutation at all.", "must be KIND: ACT"),
        ("    - mutation: \"drop: ask onset\"\n      reason: ok", "say in a sentence"),
        ("    - mutation: \"drop: ask onset\"", "missing required key 'reason'"),
        ("    - mutation: \"drop: ask onset\"\n      reason: One good reason here.\n    - mutation: \"drop: ask onset\"\n      reason: The same id again here.", "accepted twice"),
        ("    - mutation: \"drop: ask onset\"\n      reason: One good reason here.\n      why: extra", "unknown key 'why'"),
    ])
    func aBadAcceptanceIsALocatedError(entry: String, message: String) throws {
        let catalogue = try Fixtures.catalogue()
        let yaml = Self.yaml(extra: "\nmutation_audit:\n  accept:\n" + entry + "\n")
        let errors = ScenarioLoader.load(text: yaml, path: "x.yaml", catalogue: catalogue).diagnostics.filter { $0.severity == .error }
        let error = try #require(errors.first, "no error for \(entry)")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.line > 100)
    }

    @Test func anInsertionSplitsTheWaitUnderWayAtItsTime() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        let path = ExpertPath(lines: ["ask onset", "wait 1d", "end"], seed: 0, scenario: scenario, catalogue: catalogue)
        #expect(path.starts == [0, 1, 1441])
        #expect(path.edit(inserting: "ask bladder", at: 100).applied(to: path.lines)
            == ["ask onset", "wait 1h39m", "ask bladder", "wait 22h21m", "end"])
        // Past the end of the path: wait on, then act, before `end`.
        #expect(path.edit(inserting: "ask bladder", at: 2000).applied(to: path.lines)
            == ["ask onset", "wait 1d", "wait 9h19m", "ask bladder", "end"])
    }

    @Test func aLateProcedureIsLateOnceItsOwnMinutesAreTakenOut() throws {
        // Decompression takes 90 minutes: taking it out moves every later line 90 minutes
        // earlier, so the late variant must aim that much further on to land past the deadline.
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(of: "      action: perform decompression\n      points: 5",
                                                              with: "      action: perform decompression\n      within: 3h\n      points: 5")
        let (scenario, catalogue) = try Self.load(yaml)
        let late = try #require(MutationGenerator.variants(of: scenario, catalogue: catalogue).first { $0.id == "late: perform decompression" })
        let session = Session.replaying(Transcript(lines: late.commands.enumerated().map { .init(number: $0.offset + 1, text: $0.element) }),
                                        scenario: scenario, catalogue: catalogue, options: SessionOptions())
        let decompression = try #require(session.actions.first { $0.code == "decompression" })
        #expect(decompression.t >= 180 + 60, "\(late.commands)")
    }

    @Test func aCaseWithoutTheKeyAcceptsNothing() throws {
        let (scenario, _) = try Fixtures.scenario()
        #expect(scenario.mutationAudit.isEmpty)
    }

    @Test func anActWhoseAlternativeGroupTheExpertAlsoMetIsNotDropped() throws {
        // One item met by either group: the expert path meets both, so leaving one act out loses
        // nothing (as for an `any:` alternative); with only one group met, its act is dropped.
        let item = """
            - id: pain-story
              tier: recommended
              any: [{all: ["ask onset", "ask bladder"]}, {all: ["ask night-pain", "ask bladder"]}]
              points: 2
              feedback: {met: Took the story., missed: Take the story.}
              reference: GIRFT 2023
        """
        func ids(asking: String) throws -> [String] {
            let yaml = Self.yaml(items: item).replacingOccurrences(of: "      examine rectal\n", with: "      examine rectal\n      ask \(asking)\n")
            let (scenario, catalogue) = try Self.load(yaml)
            return MutationGenerator.variants(of: scenario, catalogue: catalogue).map(\.id)
        }
        let both = try ids(asking: "onset night-pain")
        #expect(!both.contains("drop: ask onset"), "\(both)")
        #expect(!both.contains("drop: ask night-pain"), "\(both)")
        #expect(try ids(asking: "onset").contains("drop: ask onset"))
    }

    @Test func anEventTheActItselfBringsOnIsNotTheEventItIsOwedAfter() throws {
        // 'on-nsaid' fires the minute naproxen is given (after it, delay 0), at the end of the
        // wait before it: moving the naproxen "before" that event is no variant at all.
        let item = """
            - id: nsaid
              tier: recommended
              action: give naproxen
              points: 2
              feedback: {met: Gave an NSAID., missed: Give an NSAID.}
              reference: NICE NG59
        """
        let yaml = Self.yaml(items: item)
            .replacingOccurrences(of: "    - id: settled\n", with: "    - id: on-nsaid\n      after: {action: give naproxen, delay: 0m}\n    - id: settled\n")
            .replacingOccurrences(of: "      wait 2h\n      perform decompression\n", with: "      wait 2h\n      give naproxen 250mg q8h oral\n      perform decompression\n")
        let (scenario, catalogue) = try Self.load(yaml)
        let ids = MutationGenerator.variants(of: scenario, catalogue: catalogue).map(\.id)
        #expect(ids.contains("drop: give naproxen"), "\(ids)")
        #expect(!ids.contains("early: give naproxen"), "\(ids)")
    }
}
