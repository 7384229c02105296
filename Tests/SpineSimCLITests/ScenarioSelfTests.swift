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

    @Test(arguments: ids)
    func exemplarScoresAtLeast85(id: String) throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        for o in SelfTestRunner.run(scenario, catalogue: lib.catalogue) where o.test.expect == .pass {
            #expect(o.report.score / o.report.maxScore * 100 >= 85, "\(id) / \(o.test.name): \(o.report.score)")
        }
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

/// The pattern indexes the grader asks "is this act listed / judged by the rubric?" give the
/// same answers as trying every pattern, for every bundled case and every catalogue act.
@Suite struct PatternIndexTests {
    @Test(arguments: ScenarioSelfTests.ids)
    func indexAgreesWithTryingEveryPattern(id: String) throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        let listed = ScenarioLoader.listedPatterns(rubric: scenario.rubric, ladderUse: scenario.ladder, catalogue: lib.catalogue)
        let judged = scenario.rubric.items.flatMap(\.patterns)
        var actions: [PerformedAction] = []
        for verb in Verb.allCases where verb.isClinicalAction {
            let items = verb.itemKind.flatMap { lib.catalogue.items[$0] } ?? []
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
        #expect(actions.count > 100)
        var listedCount = 0
        for action in actions {
            let expected = listed.contains { $0.matches(action) }
            if expected { listedCount += 1 }
            #expect(scenario.listedIndex.anyMatches(action) == expected, "\(action.verb) \(action.code)")
            #expect(scenario.rubricIndex.anyMatches(action) == judged.contains { $0.matches(action) }, "\(action.verb) \(action.code)")
        }
        #expect(listedCount > 0)
    }
}
