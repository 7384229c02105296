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

    /// Reads a transcript: metadata from the leading comment lines, then every other
    /// non-blank, non-comment line, trimmed.
    public static func parse(_ text: String) -> Transcript {
        var reader = Reader()
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { reader.read($0) }
        guard done != nil else { return parseLines(text) }
        return Transcript(metadata: reader.metadata, lines: reader.lines)
    }

    /// `parse` the general way, splitting the string into lines (also what the byte-level
    /// reading must agree with).
    static func parseLines(_ text: String) -> Transcript {
        var reader = Reader()
        var number = 0
        // "\r\n" is one Character: a CR LF ends a line as a LF does (the CR is trimmed).
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            reader.add(String(raw).trimmingWhitespace, number: number)
        }
        return Transcript(metadata: reader.metadata, lines: reader.lines)
    }

    /// Collects metadata and lines, line by line.
    private struct Reader {
        var metadata: [String: String] = [:]
        var lines: [Line] = []
        var inHeader = true

        /// Reads the UTF-8 bytes of a whole file. Lines end at every LF (a CR before it is
        /// white space, trimmed with the rest), so a file saved with CR LF reads as with LF.
        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
            let newline = UInt8(ascii: "\n")
            lines.reserveCapacity(bytes.reduce(0) { $0 + ($1 == newline ? 1 : 0) } + 1)
            var number = 0
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == newline {
                number += 1
                addBytes(UnsafeBufferPointer(rebasing: bytes[start..<i]), number: number)
                start = i + 1
            }
        }

        /// One line's bytes, untrimmed. A plain ASCII line is read byte by byte; any other
        /// goes the general way, as a string.
        private mutating func addBytes(_ raw: UnsafeBufferPointer<UInt8>, number: Int) {
            guard raw.allSatisfy({ $0 < 0x80 }) else {
                add(String(decoding: raw, as: UTF8.self).trimmingWhitespace, number: number)
                return
            }
            let line = ASCII.trimmed(raw)
            guard let first = line.first else { return }
            if first == UInt8(ascii: "#") {
                if inHeader {
                    let body = ASCII.trimmed(UnsafeBufferPointer(rebasing: line.drop(while: { $0 == UInt8(ascii: "#") })))
                    if let colon = body.firstIndex(of: UInt8(ascii: ":")) {
                        let key = ASCII.lowercasedString(ASCII.trimmed(UnsafeBufferPointer(rebasing: body[..<colon])))
                        let value = ASCII.trimmed(UnsafeBufferPointer(rebasing: body[(colon + 1)...]))
                        if metadataKeys.contains(key), metadata[key] == nil, !value.isEmpty {
                            metadata[key] = String(decoding: value, as: UTF8.self)
                        }
                    }
                }
                return
            }
            inHeader = false
            lines.append(Line(number: number, text: String(decoding: line, as: UTF8.self)))
        }

        /// One line, already trimmed (the general path).
        mutating func add(_ line: String, number: Int) {
            if line.isEmpty { return }
            if line.hasPrefix("#") {
                if inHeader {
                    let body = line.drop(while: { $0 == "#" }).trimmingWhitespace
                    if let colon = body.firstIndex(of: ":") {
                        let key = body[..<colon].trimmingWhitespace.lowercased()
                        let value = body[body.index(after: colon)...].trimmingWhitespace
                        if metadataKeys.contains(key), metadata[key] == nil, !value.isEmpty { metadata[key] = value }
                    }
                }
                return
            }
            inHeader = false
            lines.append(Line(number: number, text: line))
        }
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
