import Foundation
import Testing
@testable import SpineSimCLI
import SpineSimCore

/// `Docs/cases.md`, the instructors' case index, names exactly the bundled cases: every
/// bundled id has a row, every row (and every per-case note) names a case that exists, and
/// the numbers are the ones `spinesim list` shows.
@Suite struct CaseIndexTests {
    struct Row: Equatable { var number: Int; var id: String }

    static func document() throws -> String {
        try String(contentsOfFile: Repo.path("Docs/cases.md"), encoding: .utf8)
    }

    /// The lines of one `## ` section (up to the next `## ` heading).
    static func section(_ heading: String, in text: String) -> [Substring] {
        var lines: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                inside = line.dropFirst(3).trimmingCharacters(in: .whitespaces) == heading
                continue
            }
            if inside { lines.append(line) }
        }
        return lines
    }

    static func unquote(_ cell: some StringProtocol) -> String {
        cell.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
    }

    /// The `| # | id | ...` rows of the "Case index" table (header and separator skipped).
    static func indexRows(_ text: String) -> [Row] {
        section("Case index", in: text).compactMap { line -> Row? in
            guard line.hasPrefix("|") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
            guard cells.count >= 2, let number = Int(cells[cells.startIndex].trimmingCharacters(in: .whitespaces)) else {
                return nil
            }
            return Row(number: number, id: unquote(cells[cells.startIndex + 1]))
        }
    }

    /// The `### N. \`id\`` headings of the per-case notes.
    static func noteHeadings(_ text: String) -> [Row] {
        section("What each case teaches", in: text).compactMap { line -> Row? in
            guard line.hasPrefix("### ") else { return nil }
            let words = line.dropFirst(4).split(separator: " ", maxSplits: 1)
            guard words.count == 2, words[0].hasSuffix("."), let number = Int(words[0].dropLast()) else { return nil }
            return Row(number: number, id: unquote(words[1]))
        }
    }

    /// The bundled cases in `spinesim list` order (extra folders from the environment left out).
    static func bundled() throws -> [Row] {
        let folder = URL(fileURLWithPath: Repo.path("Scenarios")).standardized.path + "/"
        let ids = try Repo.lib().scenarios
            .filter { URL(fileURLWithPath: $0.sourcePath).standardized.path.hasPrefix(folder) }
            .map(\.id)
        return ids.enumerated().map { Row(number: $0.offset + 1, id: $0.element) }
    }

    @Test func everyBundledCaseHasARow() throws {
        let expected = try Self.bundled()
        #expect(!expected.isEmpty, "no bundled scenarios found")
        let rows = Set(Self.indexRows(try Self.document()).map(\.id))
        for row in expected {
            #expect(rows.contains(row.id), "Docs/cases.md has no row for bundled case '\(row.id)'")
        }
    }

    @Test func everyRowNamesAnExistingCase() throws {
        let known = Set(try Self.bundled().map(\.id))
        let text = try Self.document()
        let rows = Self.indexRows(text)
        #expect(!rows.isEmpty, "Docs/cases.md: no rows found in the 'Case index' table")
        for row in rows {
            #expect(known.contains(row.id), "Docs/cases.md lists '\(row.id)', which is not a bundled case")
        }
        for note in Self.noteHeadings(text) {
            #expect(known.contains(note.id), "Docs/cases.md has a note for '\(note.id)', which is not a bundled case")
        }
        let ids = rows.map(\.id)
        #expect(Set(ids).count == ids.count, "Docs/cases.md lists a case twice: \(ids)")
    }

    @Test func numbersAndNotesFollowTheListOrder() throws {
        let expected = try Self.bundled()
        let text = try Self.document()
        let want = expected.map { "\($0.number) \($0.id)" }
        let rows = Self.indexRows(text).map { "\($0.number) \($0.id)" }
        let notes = Self.noteHeadings(text).map { "\($0.number) \($0.id)" }
        #expect(rows == want, "the index's numbers and order must match `spinesim list`: expected \(want), found \(rows)")
        #expect(notes == want, "the per-case notes must follow the index, one per case: expected \(want), found \(notes)")
    }
}
