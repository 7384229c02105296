import Foundation
import Testing
@testable import SpineSimCore

@Suite struct LoaderTests {
    @Test func fixtureLoads() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        #expect(scenario.id == "test-ces")
        #expect(scenario.rubric.items.count == 7)
        #expect(scenario.course.events.count == 2)
        #expect(catalogue.item(.examination, "dre")?.code == "rectal")
        #expect(catalogue.diagnosis(matching: "CES")?.code == "cauda-equina-syndrome")
    }

    func diagnostics(for yaml: String) throws -> [Diagnostic] {
        let catalogue = try Fixtures.catalogue()
        return ScenarioLoader.load(text: yaml, path: "x.yaml", catalogue: catalogue).diagnostics.filter { $0.severity == .error }
    }

    @Test func unknownKeyIsLocated() throws {
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(of: "difficulty: intermediate", with: "difficulty: intermediate\ndifficultly: hard")
        let errors = try diagnostics(for: yaml)
        let error = try #require(errors.first)
        #expect(error.line == 5)
        #expect(error.column == 1)
        #expect(error.message.contains("unknown key 'difficultly'"))
        #expect(error.message.contains("did you mean 'difficulty'"))
    }

    @Test func unknownCodeIsLocated() throws {
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(of: "  rectal: Reduced anal tone", with: "  rectl: Reduced anal tone")
        let errors = try diagnostics(for: yaml)
        let error = try #require(errors.first)
        #expect(error.message.contains("unknown examine code 'rectl'"))
        #expect(error.message.contains("'rectal'"))
        #expect(error.description.hasPrefix("x.yaml:\(error.line):3: error:"))
    }

    @Test func unknownActionInRubricIsAnError() throws {
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(of: "action: perform decompression\n      points: 5", with: "action: perform decompresion\n      points: 5")
        let errors = try diagnostics(for: yaml)
        #expect(errors.contains { $0.message.contains("unknown perform code 'decompresion'") })
    }

    @Test func missingFieldIsAnError() throws {
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(of: "summary: A small case for unit tests.\n", with: "")
        let errors = try diagnostics(for: yaml)
        #expect(errors.contains { $0.message.contains("missing required key 'summary'") && $0.line == 1 })
    }

    @Test func brokenYAMLIsLocated() throws {
        let errors = try diagnostics(for: "id: x\ntitle: [unclosed\nsetting: primary-care\n")
        let error = try #require(errors.first)
        #expect(error.message.hasPrefix("YAML syntax"))
        #expect(error.line >= 2)
    }

    @Test func aliasBombIsRefusedQuickly() throws {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [*\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous), *\(previous)]\n"
            previous = name
        }
        let clock = ContinuousClock()
        let start = clock.now
        let errors = try diagnostics(for: yaml)
        #expect(clock.now - start < .seconds(1))
        #expect(errors.contains { $0.message.contains("anchors and aliases") })
    }

    @Test func weightsMustAddUp() throws {
        let yaml = Fixtures.scenarioYAML.replacingOccurrences(of: "diagnosis: 10}", with: "diagnosis: 20}")
        let errors = try diagnostics(for: yaml)
        #expect(errors.contains { $0.message.contains("add up to 110") })
    }

    @Test func everyErrorIsReportedNotJustTheFirst() throws {
        let yaml = Fixtures.scenarioYAML
            .replacingOccurrences(of: "setting: emergency-department", with: "setting: hospital")
            .replacingOccurrences(of: "difficulty: intermediate", with: "difficulty: hard")
        let errors = try diagnostics(for: yaml)
        #expect(errors.count >= 2)
    }

    @Test func catalogueAliasCollisionIsAnError() throws {
        let bad = Fixtures.catalogueYAML.replacingOccurrences(of: "aliases: [physio]", with: "aliases: [neurosurgery]")
        #expect(throws: LoadFailure.self) {
            try CatalogueLoader.load(catalogueText: bad, cataloguePath: "c.yaml", diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "d.yaml")
        }
    }
}

@Suite struct AnchorScanTests {
    @Test func windowsLineEndsPlaceARefusalOnItsLine() {
        #expect(YAMLReader.firstRefusedEvent(in: "a: 1\r\nb: 2\r\nc: &x 3\r\n")?.0 == 3)
    }

    // The last four got past the old text pre-scan (issue 11): a "|" in a comment, a quote in
    // a plain scalar, a tag bomb, and nesting deep enough to exhaust the stack.
    @Test(arguments: ["a: &x 1", "b: *x", "- *x", "c: [*x, 1]", "d: {e: *x}", "  - &anchor\n    k: v",
                      "rubric: # |\n  a: &x [1]\n  b: [*x, *x]", "a: it's\nb: &x [1]\nc: [*x]", "a: !big [1, 2]",
                      String(repeating: "[", count: 100) + String(repeating: "]", count: 100)])
    func anchorsAndAliasesAreFound(yaml: String) {
        #expect(YAMLReader.firstRefusedEvent(in: yaml) != nil)
    }

    @Test(arguments: ["a: 5*3", "b: see *bold* text", "c: \"*quoted\"", "d: 'x & y'", "e: |\n  *not an alias\n  &nor this", "f: x # *comment"])
    func proseIsNotMistakenForAliases(yaml: String) {
        #expect(YAMLReader.firstRefusedEvent(in: yaml) == nil)
    }
}

@Suite struct SuggestionTests {
    @Test func aWordInsideALongerCodeIsSuggestedOnceAfterCloserOnes() {
        // "lumbar" is far from every candidate by edit distance: only containment finds it.
        let options = Suggestions.closest(to: "lumbar", among: ["mri-lumbar", "xray-lumbar", "mri-lumbar", "fbc"])
        #expect(options == ["mri-lumbar", "xray-lumbar"])
    }
}

@Suite struct BoundedDistanceTests {
    @Test func aDistanceBeyondTheLimitStopsAtOneMoreThanIt() {
        let far = (Array("lumbar".unicodeScalars.map(\.value)), Array("straight-leg-raise".unicodeScalars.map(\.value)))
        #expect(Suggestions.distance(far.0, far.1) > 3)
        #expect(Suggestions.distance(far.0, far.1, limit: 3) == 4)
        let near = (Array("fcb".unicodeScalars.map(\.value)), Array("fbc".unicodeScalars.map(\.value)))
        #expect(Suggestions.distance(near.0, near.1, limit: 1) == 1)
        #expect(Suggestions.distance("kitten", "sitting") == 3)
    }
}
