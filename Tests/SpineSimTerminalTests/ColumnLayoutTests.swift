import Testing
@testable import SpineSimTerminal

@Suite("Listing candidates in columns")
struct ColumnLayoutTests {
    @Test func nothingToShow() {
        #expect(ColumnLayout.lines([], width: 80).isEmpty)
    }

    @Test func itemsRunDownEachColumn() {
        // widest 6 + gap 2 = 8 per column; (20 + 2) / 8 = 2 columns; 5 items -> 3 rows
        let lines = ColumnLayout.lines(["alpha", "beta", "gamma", "delta", "epsilo"], width: 20)
        #expect(lines == [
            "alpha   delta",
            "beta    epsilo",
            "gamma",
        ])
    }

    @Test func aWideTerminalTakesOneRow() {
        #expect(ColumnLayout.lines(["crp", "esr", "fbc"], width: 80) == ["crp  esr  fbc"])
    }

    @Test func lastColumnMayExactlyFill() {
        // 3 columns of "aaaa" need 4+2+4+2+4 = 16 cells.
        #expect(ColumnLayout.lines(["aaaa", "bbbb", "cccc"], width: 16) == ["aaaa  bbbb  cccc"])
        #expect(ColumnLayout.lines(["aaaa", "bbbb", "cccc"], width: 15) == ["aaaa  cccc", "bbbb"])
    }

    @Test func anItemWiderThanTheTerminalGetsItsOwnLine() {
        let long = "crossed-straight-leg-raise"
        #expect(ColumnLayout.lines([long, "gait"], width: 10) == [long, "gait"])
    }

    @Test func noLineIsWiderThanTheTerminal() {
        let items = (1...40).map { "item-\(String(repeating: "x", count: $0 % 9))" }
        for width in [20, 37, 80, 132] {
            for line in ColumnLayout.lines(items, width: width) {
                #expect(ColumnLayout.displayWidth(line) <= width, "width \(width): \(line)")
            }
        }
    }

    @Test func everyItemIsShownOnce() {
        let items = (1...23).map { "code-\($0)" }
        let shown = ColumnLayout.lines(items, width: 50).flatMap { $0.split(separator: " ").map(String.init) }
        #expect(shown.sorted() == items.sorted())
    }

    @Test("display width", arguments: [
        ("esr", 3), ("épaule", 6), ("e\u{301}", 1), ("脊椎", 4), ("\u{1B}", 0), ("", 0),
    ] as [(String, Int)])
    func displayWidth(text: String, expected: Int) {
        #expect(ColumnLayout.displayWidth(text) == expected)
    }

    @Test func accentedItemsAlignByCells() {
        #expect(ColumnLayout.lines(["café", "esr", "tea"], width: 12) == ["café  tea", "esr"])
    }
}
