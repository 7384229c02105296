import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// A failing attempt with critical errors leads its text debrief, right after the score
/// line, with why it fails: each critical error once.
@Suite struct DebriefLeadTests {
    @Test func criticalErrorsLeadTheDebrief() throws {
        let lib = try Repo.lib()
        var checked = 0
        for scenario in lib.scenarios {
            for outcome in SelfTestRunner.run(scenario, catalogue: lib.catalogue) where !outcome.report.criticalErrors.isEmpty {
                let name = "\(scenario.id) / \(outcome.test.name)"
                let lines = outcome.report.debrief.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let score = try #require(lines.firstIndex { $0.hasPrefix("Score: ") })
                #expect(lines[score + 1].hasPrefix("Failed because: "), "\(name)")
                for error in Set(outcome.report.criticalErrors) {
                    // A long error is broken between words over several lines, each once.
                    var block = "\n"
                    GradeReport.wrap("  ! \(error)", into: &block)
                    #expect(outcome.report.debrief.ranges(of: block).count == 1, "\(name): \(error)")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    /// No debrief line is wider than the debrief's width unless it is one unbroken word, so a
    /// terminal never splits a word; a long line is broken between words, not mid-word.
    @Test func longLinesBreakBetweenWords() throws {
        let lib = try Repo.lib()
        var long = 0
        for scenario in lib.scenarios {
            for outcome in SelfTestRunner.run(scenario, catalogue: lib.catalogue) {
                for line in outcome.report.debrief.split(separator: "\n") where line.count > GradeReport.debriefWidth {
                    #expect(!line.trimmingPrefix(while: { $0 == " " }).contains(" "), "\(scenario.id): \(line)")
                }
                long += outcome.report.criteria.flatMap(\.feedback).filter { $0.count > GradeReport.debriefWidth }.count
            }
        }
        #expect(long > 0)
        let wrapped = Self.wrapped("  - " + String(repeating: "word ", count: 30) + "end", width: 40)
        #expect(wrapped.count > 1 && wrapped.allSatisfy { $0.count <= 40 })
        #expect(wrapped.dropFirst().allSatisfy { $0.hasPrefix("    w") || $0.hasPrefix("    e") })
        #expect(wrapped.joined(separator: " ").split(separator: " ") == ("- " + String(repeating: "word ", count: 30) + "end").split(separator: " "))
    }

    /// Widths are counted in characters, not bytes or scalars: "é" written as e and a
    /// combining accent is one character, an em dash is one.
    @Test func widthCountsCharacters() {
        let accented = "caf\u{65}\u{301}"
        #expect(Self.wrapped("  - \(accented) \(accented) — \(accented) \(accented)", width: 16)
                == ["  - café café —", "    café café"])
        // Runs of spaces between words close up; a word wider than the line stays whole.
        #expect(Self.wrapped("xxxxxx   yyyyyy  zzzzzzzzzzzz", width: 10) == ["xxxxxx", "  yyyyyy", "  zzzzzzzzzzzz"])
        #expect(Self.wrapped("short line", width: 10) == ["short line"])
    }

    /// `GradeReport.wrap`'s lines, without their newlines.
    static func wrapped(_ line: String, width: Int) -> [String] {
        var out = ""
        GradeReport.wrap(line, width: width, into: &out)
        return out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
