/// A transcript file: metadata comments at the top, then one command a line.
public struct Transcript: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var number: Int
        public var text: String
    }

    /// `scenario`, `case`, `seed`, `student`, `started`: the only metadata keys.
    public static let metadataKeys = ["scenario", "case", "seed", "student", "started"]

    public var metadata: [String: String]
    /// Every non-blank, non-comment line, with its 1-based line number in the file.
    public var lines: [Line]

    public init(metadata: [String: String] = [:], lines: [Line] = []) {
        self.metadata = metadata
        self.lines = lines
    }

    public static func parse(_ text: String) -> Transcript {
        var metadata: [String: String] = [:]
        var lines: [Line] = []
        var number = 0
        var inHeader = true
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = String(raw).trimmingWhitespace
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if inHeader {
                    let body = line.drop(while: { $0 == "#" }).trimmingWhitespace
                    if let colon = body.firstIndex(of: ":") {
                        let key = body[..<colon].trimmingWhitespace.lowercased()
                        let value = body[body.index(after: colon)...].trimmingWhitespace
                        if metadataKeys.contains(key), metadata[key] == nil, !value.isEmpty { metadata[key] = value }
                    }
                }
                continue
            }
            inHeader = false
            lines.append(Line(number: number, text: line))
        }
        return Transcript(metadata: metadata, lines: lines)
    }

    /// The header a new transcript starts with.
    public static func header(scenarioID: String?, caseReference: String?, seed: UInt64, student: String?, started: String?) -> String {
        var out = "# SpineSim transcript\n"
        if let scenarioID { out += "# scenario: \(scenarioID)\n" }
        if let caseReference { out += "# case: \(caseReference)\n" }
        out += "# seed: \(seed)\n"
        if let student { out += "# student: \(student)\n" }
        if let started { out += "# started: \(started)\n" }
        return out
    }

    public var seed: UInt64 { metadata["seed"].flatMap { UInt64($0) } ?? 0 }
}
