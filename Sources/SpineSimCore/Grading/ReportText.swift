extension GradeReport {
    /// A debrief a student can read, ending with what an expert would have done.
    public var debrief: String {
        var out: [String] = []
        let percent = maxScore > 0 ? score / maxScore * 100 : 0
        out.append("DEBRIEF — \(scenarioTitle)")
        out.append(String(repeating: "=", count: 60))
        out.append("Score: \(JSONValue.format(score)) / \(JSONValue.format(maxScore)) (\(JSONValue.format(percent)) %; pass mark \(JSONValue.format(passMark)) %) — \(passed ? "PASSED" : "NOT PASSED")")
        // A failing attempt leads with why it fails: each critical error once.
        var failedBecause: [String] = []
        for e in criticalErrors where !failedBecause.contains(e) { failedBecause.append(e) }
        if !failedBecause.isEmpty {
            out.append("Failed because: \(failedBecause.count == 1 ? "a critical error" : "\(failedBecause.count) critical errors") (each fails the case):")
            for e in failedBecause { out.append("  ! \(e)") }
        }
        out.append("Diagnosis: \(diagnosisGiven ?? "none given") — \(diagnosisCorrect ? "correct" : "the diagnosis was \(acceptedDiagnosis)")")
        out.append("Outcome: \(outcome)")
        if !failReasons.isEmpty {
            out.append("")
            out.append("Why it did not pass:")
            for r in failReasons { out.append("  ! \(r)") }
        }
        for c in criteria {
            out.append("")
            out.append("\(title(of: c.criterion)): \(JSONValue.format(c.score)) / \(JSONValue.format(c.maxScore))")
            for f in c.feedback { out.append("  - \(f)") }
            if !c.references.isEmpty { out.append("    References: \(c.references.joined(separator: "; "))") }
        }
        if !rejected.isEmpty {
            out.append("")
            out.append("Lines not understood (they cost no time and changed nothing):")
            for r in rejected { out.append("  line \(r.line): \(r.text) — \(r.reason)") }
        }
        if !expertPath.isEmpty {
            out.append("")
            out.append("What an expert would have done:")
            for line in expertPath { out.append("  > \(line)") }
        }
        out.append("")
        out.append("SpineSim is a teaching simulator; nothing here is advice about a real patient.")
        return out.flatMap { Self.wrap($0) }.joined(separator: "\n") + "\n"
    }

    /// The debrief's width: a long feedback line is broken between words, so that a terminal
    /// narrower than the line never splits a word (a terminal of 140 columns once did).
    static let debriefWidth = 100

    /// `line` broken between words into lines of at most `width` characters (a word longer
    /// than that stays whole); continuations line up under the text after the line's marker
    /// ("  - ", "  ! ", "  > "), or two spaces in when it has none.
    static func wrap(_ line: String, width: Int = debriefWidth) -> [String] {
        guard line.count > width else { return [line] }
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        let marker = ["- ", "! ", "> "].first { rest.hasPrefix($0) }.map(\.count) ?? 0
        let first = String(line.prefix(indent + marker))
        let hanging = String(repeating: " ", count: indent + marker + (marker == 0 ? 2 : 0))
        var lines: [String] = []
        var current = first
        // The length of `current` in characters, kept as it grows (counting a string walks it).
        var length = first.count
        var empty = true
        // Split at space scalars (splitting by characters is several times slower); a word's
        // length is still counted in characters.
        for scalars in String(line.dropFirst(indent + marker)).unicodeScalars.split(separator: " ") {
            let word = Substring(scalars)
            let wordLength = word.count
            if empty {
                current += word
                length += wordLength
            } else if length + 1 + wordLength <= width {
                current += " "
                current += word
                length += 1 + wordLength
            } else {
                lines.append(current)
                current = hanging + word
                length = hanging.count + wordLength
            }
            empty = false
        }
        lines.append(current)
        return lines
    }
}
