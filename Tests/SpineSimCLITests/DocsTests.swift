import Foundation
import Testing

/// The user documentation stands on its own: users have the repository, not the project's
/// working files beside it, so nothing in README.md or Docs/ points outside the repository.
@Suite struct DocsTests {
    @Test func noDocumentPointsOutsideTheRepository() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: Repo.path("Docs")).filter { $0.hasSuffix(".md") }
        #expect(docs.contains("interface.md") && docs.contains("clinical-reference.md"))
        for path in ["README.md"] + docs.map({ "Docs/\($0)" }) {
            let text = try String(contentsOfFile: Repo.path(path), encoding: .utf8)
            #expect(!text.contains("../shared"), "\(path) points into ../shared, which users do not have")
        }
    }
}
