import Testing
@testable import SpineSimCore

/// The snapshot form of loaded data (`Snapshot`): values read back as written, and damaged
/// bytes are refused with an error, never a trap.
struct SnapshotTests {
    @Test func standardValuesReadBackAsWritten() throws {
        let numbers = [0, 1, -1, 63, -64, 64, 1 << 40, -(1 << 40), Int.max, Int.min]
        #expect(try Snapshot.decode([Int].self, from: Snapshot.encode(numbers)) == numbers)
        let doubles = [0.0, -0.0, 1.5, -2.25e-300, .infinity, -.infinity, .greatestFiniteMagnitude]
        let readDoubles = try Snapshot.decode([Double].self, from: Snapshot.encode(doubles))
        #expect(readDoubles.map(\.bitPattern) == doubles.map(\.bitPattern))
        let texts = ["", "plain", "µg/L · 37.5 °C — naïve", String(repeating: "x", count: 300)]
        #expect(try Snapshot.decode([String].self, from: Snapshot.encode(texts)) == texts)
        let nested: [String: [Int?]] = ["a": [1, nil, 3], "b": [], "c": [nil]]
        #expect(try Snapshot.decode([String: [Int?]].self, from: Snapshot.encode(nested)) == nested)
        let set: Set<String> = ["nsaid", "opioid", "ppi"]
        #expect(try Snapshot.decode(Set<String>.self, from: Snapshot.encode(set)) == set)
        let range = 12...55
        #expect(try Snapshot.decode(ClosedRange<Int>.self, from: Snapshot.encode(range)) == range)
        #expect(try Snapshot.decode(Route.self, from: Snapshot.encode(Route.iv)) == .iv)
        let frequencies: [Frequency] = [.once, .stat, .daily, .bd, .tds, .qds, .everyHours(4), .weekly, .prn]
        #expect(try Snapshot.decode([Frequency].self, from: Snapshot.encode(frequencies)) == frequencies)
    }

    @Test func aCatalogueReadsBackWhole() throws {
        let catalogue = try Fixtures.catalogue()
        let read = try Catalogue(snapshot: catalogue.snapshot())
        #expect(read.snapshot() == catalogue.snapshot())
        for kind in ItemKind.allCases {
            #expect(read.items[kind] == catalogue.items[kind])
            for word in catalogue.words(kind) { #expect(read.item(kind, word) == catalogue.item(kind, word)) }
        }
        #expect(read.diagnoses == catalogue.diagnoses)
        #expect(read.diagnosis(matching: "cauda equina syndrome") == catalogue.diagnosis(matching: "cauda equina syndrome"))
    }

    @Test func aCaseReadsBackWhole() throws {
        let (scenario, _) = try Fixtures.scenario()
        let read = try Scenario(snapshot: scenario.snapshot())
        #expect(read.snapshot() == scenario.snapshot())
        #expect(read.id == scenario.id && read.opaqueReference == scenario.opaqueReference)
        #expect(read.rubric.items.map(\.id) == scenario.rubric.items.map(\.id))
    }

    /// Every cut-short snapshot is refused: each length check holds.
    @Test func everyTruncationIsRefused() throws {
        let bytes = try Fixtures.catalogue().snapshot()
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 2000)) {
            #expect(throws: Snapshot.Damaged.self) { try Catalogue(snapshot: Array(bytes[..<length])) }
        }
        #expect(throws: Snapshot.Damaged.self) { try Catalogue(snapshot: bytes + [0]) }
    }

    /// Bytes changed at random read back as something or are refused; they never trap.
    @Test func changedBytesNeverTrap() throws {
        let bytes = try Fixtures.scenario().0.snapshot()
        var generator = SystemRandomNumberGenerator()
        var refused = 0
        for _ in 0..<2000 {
            var damaged = bytes
            for _ in 0..<3 { damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            if (try? Scenario(snapshot: damaged)) == nil { refused += 1 }
        }
        #expect(refused > 0)
    }

    /// A result whose stages nest past the limit is refused before the stack runs out.
    @Test func nestingPastTheLimitIsRefused() throws {
        var result = ResultSpec(value: "x")
        for depth in 0..<(SnapshotReader.depthLimit + 1) { result = ResultSpec(stages: ["s\(depth)": result]) }
        #expect(throws: Snapshot.Damaged.self) { try Snapshot.decode(ResultSpec.self, from: Snapshot.encode(result)) }
        var shallow = ResultSpec(value: "x")
        for depth in 0..<(SnapshotReader.depthLimit - 2) { shallow = ResultSpec(stages: ["s\(depth)": shallow]) }
        #expect(try Snapshot.decode(ResultSpec.self, from: Snapshot.encode(shallow)) == shallow)
    }
}
