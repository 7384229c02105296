import Foundation
import Testing
@testable import SpineSimCore

/// A course event due while a procedure is under way fires when the procedure ends, and the
/// procedure counts (for `unless`, `after` and `within`) from when it starts.
@Suite struct ProcedureTimingTests {
    static let yaml = Fixtures.scenarioYAML.replacingOccurrences(
        of: "  events:\n", with: "  events:\n    - id: ward\n      at: 1h\n      message: He is back on the ward.\n")

    @Test func anEventDueMidProcedureFiresWhenItEnds() throws {
        var session = try Fixtures.session([], yaml: Self.yaml)
        let response = session.handle("perform decompression", lineNumber: 1)
        #expect(session.firedEvents.first { $0.id == "ward" }?.t == 90)
        let texts = response.lines.map(\.text)
        let performed = try #require(texts.firstIndex { $0.lowercased().contains("decompression") })
        let ward = try #require(texts.firstIndex { $0.contains("back on the ward") })
        #expect(performed < ward)
        // The procedure itself is recorded at its start.
        #expect(session.actions.first { $0.verb == .perform }?.t == 0)
    }

    @Test func anEventDueOutsideAProcedureKeepsItsTime() throws {
        let session = try Fixtures.session(["wait 2h"], yaml: Self.yaml)
        #expect(session.firedEvents.first { $0.id == "ward" }?.t == 60)
    }
}
