import Testing
@testable import SpineSimCore

@Suite struct PatternTests {
    func pattern(_ text: String) throws -> ActionPattern {
        try ActionPattern.parse(text, catalogue: Fixtures.catalogue()).get()
    }

    func given(_ line: String) throws -> PerformedAction {
        let session = try Fixtures.session([line])
        return try #require(session.actions.first { $0.verb == .give })
    }

    @Test func aRouteNarrowsAGivePattern() throws {
        let iv = try pattern("give paracetamol iv")
        #expect(iv.route == .iv)
        #expect(iv.matches(try given("give paracetamol 1g qds iv")))
        // Written without a route, the usual (oral) regimen is what was given.
        #expect(!iv.matches(try given("give paracetamol")))
        #expect(try pattern("give paracetamol").matches(try given("give paracetamol 1g qds iv")))
    }

    @Test func aRouteTheDrugCannotTakeIsAnError() throws {
        let result = ActionPattern.parse("give paracetamol sc", catalogue: try Fixtures.catalogue())
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.message.contains("not given by the sc route"))
    }

    @Test func routeWordsOnlyQualifyGive() {
        let result = ActionPattern.parse("order mri-lumbar iv", catalogue: (try? Fixtures.catalogue()) ?? Catalogue())
        guard case .failure = result else {
            Issue.record("'order mri-lumbar iv' should not parse")
            return
        }
    }
}
