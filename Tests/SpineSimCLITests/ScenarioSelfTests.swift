import Foundation
import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// Every bundled case loads without errors and its own self-tests hold.
@Suite struct ScenarioSelfTests {
    static let required = ["cauda-equina", "spinal-tb", "mechanical-strain", "malignancy"]

    @Test func bundledCasesLoadCleanly() throws {
        let lib = try Repo.lib()
        let errors = lib.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        for id in Self.required { #expect(lib.scenarios.contains { $0.id == id }, "missing case \(id)") }
    }

    static var ids: [String] { (try? Repo.lib().scenarios.map(\.id)) ?? [] }

    @Test(arguments: ids)
    func selfTestsHold(id: String) throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        let outcomes = SelfTestRunner.run(scenario, catalogue: lib.catalogue)
        #expect(outcomes.contains { $0.test.expect == .pass })
        #expect(outcomes.filter { $0.test.expect == .fail }.count >= 2, "\(id) needs at least two pitfalls")
        for o in outcomes {
            #expect(o.holds, "\(id) / \(o.test.name): \(o.problems.joined(separator: "; "))")
        }
    }

    /// A self-test's `outcome:` is checked: the outcome sentence must contain it.
    @Test func anOutcomeTheReportDoesNotGiveIsAProblem() throws {
        let lib = try Repo.lib()
        let text = try String(contentsOfFile: Repo.path("Scenarios/cauda-equina.yaml"), encoding: .utf8)
        let wrong = text.replacingOccurrences(of: "outcome: \"best chance of recovering\"",
                                              with: "outcome: \"went into painless retention\"")
        #expect(wrong != text)
        for (yaml, holds) in [(text, true), (wrong, false)] {
            let scenario = try ScenarioLoader.loadOrThrow(text: yaml, path: "cauda-equina.yaml", catalogue: lib.catalogue)
            let expert = try #require(SelfTestRunner.run(scenario, catalogue: lib.catalogue).first)
            #expect(expert.holds == holds, "\(expert.problems)")
            #expect(expert.problems.contains { $0.contains("the outcome does not mention") } == !holds)
        }
    }

    @Test(arguments: ids)
    func exemplarScoresAtLeast85(id: String) throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        // The exemplar is the first passing self-test: the expert path the debrief shows. Other
        // passing tests may be a competent but imperfect consultation that scores lower.
        let exemplar = try #require(SelfTestRunner.run(scenario, catalogue: lib.catalogue).first { $0.test.expect == .pass })
        #expect(exemplar.report.score / exemplar.report.maxScore * 100 >= 85, "\(id) / \(exemplar.test.name): \(exemplar.report.score)")
    }

    @Test(arguments: ids)
    func titlesDoNotNameTheDiagnosis(id: String) throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        let title = scenario.title.lowercased()
        for accepted in scenario.diagnosis.accepted {
            let name = (lib.catalogue.diagnosis(matching: accepted)?.name ?? accepted).lowercased()
            #expect(!title.contains(name), "\(id): the title names the diagnosis '\(name)'")
        }
        #expect(!title.contains(id.replacingOccurrences(of: "-", with: " ")))
    }
}

/// The pattern lookups the grader asks "is this act listed / judged by the rubric?" give the
/// same answers as trying every pattern, for every bundled case and every catalogue act.
@Suite struct PatternLookupTests {
    @Test(arguments: ScenarioSelfTests.ids)
    func indexAgreesWithTryingEveryPattern(id: String) throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        let plan = GradingPlan(scenario: scenario, catalogue: lib.catalogue)
        var listed = scenario.rubric.items.flatMap(\.patterns)
        if let use = scenario.ladder, let ladder = lib.catalogue.ladders[use.ladderID] {
            listed += ladder.errors.filter { !use.exclude.contains($0.id) }.map(\.pattern)
            listed += ladder.rungs.flatMap(\.actions).filter { $0.verb != .order }
        }
        let judged = scenario.rubric.items.flatMap(\.patterns)
        let actions = Self.everyAction(lib.catalogue)
        #expect(actions.count > 100)
        var listedCount = 0
        for action in actions {
            let expected = listed.contains { $0.matches(action) }
            if expected { listedCount += 1 }
            #expect(plan.listed.anyMatches(action) == expected, "\(action.verb) \(action.code)")
            #expect(plan.judged.anyMatches(action) == judged.contains { $0.matches(action) }, "\(action.verb) \(action.code)")
        }
        #expect(listedCount > 0)
    }

    /// Every catalogue act of every clinical verb, urgent or not, by every route, and one
    /// act of each verb with a code the catalogue does not have.
    static func everyAction(_ catalogue: Catalogue) -> [PerformedAction] {
        var actions: [PerformedAction] = []
        for verb in Verb.allCases where verb.isClinicalAction {
            let items = verb.itemKind.flatMap { catalogue.items[$0] } ?? []
            let codes = items.map { ($0.code, $0.classes) } + [("no-such-code", Set<String>())]
            for (code, classes) in codes {
                for urgent in [false, true] {
                    for route in [nil] + Route.allCases.map(Optional.some) {
                        actions.append(PerformedAction(t: 0, verb: verb, code: code, classes: classes, urgent: urgent,
                                                       regimen: route.map { Regimen(route: $0) }, line: 1))
                    }
                }
            }
        }
        return actions
    }

    /// Each bundled ladder finds an act's rung as trying every rung's patterns in turn does:
    /// the highest rung whose patterns match, the first listed on a tie.
    @Test func ladderRungLookupAgreesWithTryingEveryRung() throws {
        let lib = try Repo.lib()
        #expect(!lib.catalogue.ladders.isEmpty)
        let actions = Self.everyAction(lib.catalogue)
        for ladder in lib.catalogue.ladders.values {
            var onARung = 0
            for action in actions {
                var expected: Int?
                for index in ladder.rungs.indices where ladder.rungs[index].actions.contains(where: { $0.matches(action) }) {
                    if expected.map({ ladder.rungs[index].level > ladder.rungs[$0].level }) ?? true { expected = index }
                }
                if expected != nil { onARung += 1 }
                #expect(ladder.rungIndex(of: action) == expected, "\(ladder.id): \(action.verb) \(action.code)")
            }
            #expect(onARung > 0, "\(ladder.id)")
        }
    }
}
