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

/// The pattern indexes the grader asks "is this act listed / judged by the rubric?", and the
/// rubric slots it asks "when was each pattern first done?", give the same answers as trying
/// every pattern, for every bundled case and every catalogue act.
@Suite struct PatternIndexTests {
    @Test(arguments: ScenarioSelfTests.ids)
    func indexAgreesWithTryingEveryPattern(id: String) throws {
        let lib = try Repo.lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        let listed = ScenarioLoader.listedPatterns(rubric: scenario.rubric, ladderUse: scenario.ladder, catalogue: lib.catalogue)
        let judged = scenario.rubric.items.flatMap(\.patterns)
        let actions = Self.everyAction(lib.catalogue)
        #expect(actions.count > 100)
        var listedCount = 0
        for action in actions {
            let expected = listed.contains { $0.matches(action) }
            if expected { listedCount += 1 }
            #expect(scenario.listedIndex.anyMatches(action) == expected, "\(action.verb) \(action.code)")
            #expect(scenario.rubricIndex.anyMatches(action) == judged.contains { $0.matches(action) }, "\(action.verb) \(action.code)")
        }
        #expect(listedCount > 0)

        // When each rubric pattern was first done: the slots give what trying each pattern
        // against the actions in order gives, with times out of order and windows of every kind.
        let timed = actions.enumerated().map { index, a in
            PerformedAction(t: (index * 37) % 101, verb: a.verb, code: a.code, classes: a.classes, urgent: a.urgent, regimen: a.regimen, line: a.line)
        }
        let windows = scenario.rubric.items.indices.map { index -> RubricSlots.Window? in
            switch index % 3 {
            case 0: return .open
            case 1: return RubricSlots.Window(from: 20, until: 80)
            default: return index % 5 == 0 ? nil : RubricSlots.Window(from: 50, until: .max)
            }
        }
        let slots = scenario.rubricSlots
        let found = slots.firstTimes(of: timed, windows: windows)
        #expect(slots.start.count == scenario.rubric.items.count + 1)
        #expect(found.count == judged.count)
        var foundCount = 0
        for (index, item) in scenario.rubric.items.enumerated() {
            for (offset, pattern) in item.patterns.enumerated() {
                let expected = timed.first { windows[index]?.contains($0.t) == true && pattern.matches($0) }?.t
                if expected != nil { foundCount += 1 }
                #expect(found[slots.start[index] + offset] == expected, "\(item.id): \(pattern.text)")
            }
        }
        #expect(foundCount > 0)
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
