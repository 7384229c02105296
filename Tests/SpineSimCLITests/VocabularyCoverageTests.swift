import SpineSimCLI
import Foundation
import Testing
import SpineSimCore

/// The vocabulary a clinician types: every line of `Tests/Data/coverage-orders.txt` (orders
/// written for the bundled cases) must be understood by the bundled catalogue.
@Suite struct VocabularyCoverageTests {
    static func orderLines() throws -> [(number: Int, text: String)] {
        let text = try String(contentsOfFile: Repo.path("Tests/Data/coverage-orders.txt"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : (index + 1, trimmed)
        }
    }

    @Test func atLeastThreeHundredOrdersAcrossEveryVerb() throws {
        let lines = try Self.orderLines()
        #expect(lines.count >= 300)
        let verbs = Set(lines.compactMap { $0.text.split(separator: " ").first.map(String.init) })
        for verb in ["ask", "examine", "order", "give", "advise", "refer", "perform", "admit"] {
            #expect(verbs.contains(verb), "no \(verb) line in the coverage list")
        }
    }

    @Test func everyOrderIsUnderstood() throws {
        let parser = CommandParser(catalogue: try Repo.lib().catalogue)
        var notUnderstood: [String] = []
        for (number, text) in try Self.orderLines() {
            switch parser.parse(text) {
            case .command: break
            case .nothing: notUnderstood.append("line \(number): '\(text)' read as nothing")
            case .rejected(let reason): notUnderstood.append("line \(number): '\(text)': \(reason)")
            }
        }
        if !notUnderstood.isEmpty { print("Not understood:\n" + notUnderstood.joined(separator: "\n")) }
        #expect(notUnderstood.isEmpty, "\(notUnderstood.count) orders not understood:\n\(notUnderstood.joined(separator: "\n"))")
    }

    /// Each line names the items a clinician meant: a line of several codes keeps every one.
    @Test func multiCodeLinesKeepEveryItem() throws {
        let parser = CommandParser(catalogue: try Repo.lib().catalogue)
        guard case .command(let command) = parser.parse("order fbc u&e lfts crp") else {
            Issue.record("order fbc u&e lfts crp was not understood")
            return
        }
        #expect(command.items == ["fbc", "renal", "lft", "crp"])
    }
}
