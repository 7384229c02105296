import Testing
@testable import SpineSimCore

/// The word table answers as a dictionary would, through growth, overwrites and removals
/// (which must keep every other key findable along its probe run).
@Suite struct WordTableTests {
    @Test func behavesAsADictionaryUnderRandomEdits() {
        var table = WordTable<Int>()
        var reference: [String: Int] = [:]
        // A fixed-seed generator, so that a failure can be replayed.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let words = (0..<300).map { index in
            index % 7 == 0 ? "straight-leg-raise-\(index)" : (index % 11 == 0 ? "größe-\(index)" : "w\(index)")
        }
        for step in 0..<5000 {
            let key = words[abs(next()) % words.count]
            switch abs(next()) % 4 {
            case 0, 1:
                table[key] = step
                reference[key] = step
            case 2:
                table[key] = nil
                reference[key] = nil
            default:
                table[key, default: 0] += 1
                reference[key, default: 0] += 1
            }
        }
        #expect(table.count == reference.count)
        #expect(reference.count > 50)
        for word in words + ["", "missing", "W1"] {
            #expect(table[word] == reference[word], "\(word)")
        }
    }

    @Test func findsWordsBuiltAtRunTimeAndShortOnes() {
        let table = WordTable([("straight-leg-raise", 1), ("a", 2), ("", 3)])
        let built = ["straight", "leg", "raise"].joined(separator: "-")
        #expect(table[built] == 1)
        #expect(table["a"] == 2)
        #expect(table[""] == 3)
        #expect(table["straight-leg"] == nil)
        #expect(table.count == 3)
    }
}
