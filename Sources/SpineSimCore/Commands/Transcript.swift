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
    /// Lines that were rejected when typed, kept as `#! rejected: TEXT` comments (so that any
    /// SpineSim reads them as comments): never carried out, listed in the report.
    public var rejected: [Line]

    /// The comment prefix of a line kept although it was rejected.
    public static let rejectedPrefix = "#! rejected: "

    public init(metadata: [String: String] = [:], lines: [Line] = [], rejected: [Line] = []) {
        self.metadata = metadata
        self.lines = lines
        self.rejected = rejected
    }

    /// How a rejected line is written to the transcript.
    public static func rejectedLine(_ text: String) -> String { rejectedPrefix + text }

    /// Reads a transcript: metadata from the leading comment lines, then every other
    /// non-blank, non-comment line, trimmed. Lines end at LF (split as bytes: an LF byte is
    /// always a whole character, or the end of CR LF), and the CR of CR LF is trimmed with
    /// the other white space, so a file saved on Windows reads as one saved with LF.
    public static func parse(_ text: String) -> Transcript {
        var transcript = Transcript()
        var inHeader = true
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = Substring(raw).trimmingWhitespace
            if line.isEmpty { continue }
            if line.hasPrefix(rejectedPrefix.trimmingWhitespace) {
                let text = line.dropFirst(rejectedPrefix.trimmingWhitespace.count).trimmingWhitespace
                if !text.isEmpty { transcript.rejected.append(Line(number: index + 1, text: text)) }
                continue
            }
            guard line.hasPrefix("#") else {
                inHeader = false
                transcript.lines.append(Line(number: index + 1, text: line))
                continue
            }
            if inHeader { transcript.readMetadata(line) }
        }
        return transcript
    }

    /// Takes `# key: value` from a header comment, for a known key not already set.
    private mutating func readMetadata(_ line: String) {
        let body = line.drop(while: { $0 == "#" }).trimmingWhitespace
        guard let colon = body.firstIndex(of: ":") else { return }
        let key = body[..<colon].trimmingWhitespace.lowercased()
        let value = body[body.index(after: colon)...].trimmingWhitespace
        if Transcript.metadataKeys.contains(key), metadata[key] == nil, !value.isEmpty { metadata[key] = value }
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
