extension GradeReport {
    /// A debrief a student can read, ending with what an expert would have done.
    public var debrief: String {
        var out = ""
        // Each line is broken to the debrief's width as it is added.
        func add(_ line: String) { Self.wrap(line, into: &out) }
        let percent = maxScore > 0 ? score / maxScore * 100 : 0
        add("DEBRIEF — \(scenarioTitle)")
        add(String(repeating: "=", count: 60))
        add("Score: \(JSONValue.format(score)) / \(JSONValue.format(maxScore)) (\(JSONValue.format(percent)) %; pass mark \(JSONValue.format(passMark)) %) — \(passed ? "PASSED" : "NOT PASSED")")
        // A failing attempt leads with why it fails: each critical error once.
        var failedBecause: [String] = []
        for e in criticalErrors where !failedBecause.contains(e) { failedBecause.append(e) }
        if !failedBecause.isEmpty {
            add("Failed because: \(failedBecause.count == 1 ? "a critical error" : "\(failedBecause.count) critical errors") (each fails the case):")
            for e in failedBecause { add("  ! \(e)") }
        }
        add("Diagnosis: \(diagnosisGiven ?? "none given") — \(diagnosisCorrect ? "correct" : "the diagnosis was \(acceptedDiagnosis)")")
        add("Outcome: \(outcome)")
        if !failReasons.isEmpty {
            add("")
            add("Why it did not pass:")
            for r in failReasons { add("  ! \(r)") }
        }
        for c in criteria {
            add("")
            add("\(title(of: c.criterion)): \(JSONValue.format(c.score)) / \(JSONValue.format(c.maxScore))")
            for f in c.feedback { add("  - \(f)") }
            if !c.references.isEmpty { add("    References: \(c.references.joined(separator: "; "))") }
        }
        if !rejected.isEmpty {
            add("")
            add("Lines not understood (they cost no time and changed nothing):")
            for r in rejected { add("  line \(r.line): \(r.text) — \(r.reason)") }
        }
        if !expertPath.isEmpty {
            add("")
            add("What an expert would have done:")
            for line in expertPath { add("  > \(line)") }
        }
        add("")
        add("SpineSim is a teaching simulator; nothing here is advice about a real patient.")
        return out
    }

    /// The debrief's width: a long feedback line is broken between words, so that a terminal
    /// narrower than the line never splits a word (a terminal of 140 columns once did).
    static let debriefWidth = 100

    /// Appends `line` to `out` broken between words into lines of at most `width` characters
    /// (a word longer than that stays whole), each ending in a newline; continuations line up
    /// under the text after the line's marker ("  - ", "  ! ", "  > "), or two spaces in when
    /// it has none.
    static func wrap(_ line: String, width: Int = debriefWidth, into out: inout String) {
        // A line has no more characters than UTF-8 bytes: most lines are known short unread.
        guard line.utf8.count > width, line.count > width else {
            out += line
            out += "\n"
            return
        }
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        let marker = ["- ", "! ", "> "].first { rest.hasPrefix($0) }.map(\.count) ?? 0
        let textStart = line.index(line.startIndex, offsetBy: indent + marker)
        let hanging = String(repeating: " ", count: indent + marker + (marker == 0 ? 2 : 0))
        out.append(contentsOf: line[..<textStart])
        // The length of the output line so far, in characters.
        var length = indent + marker
        var empty = true
        // Words are split at space scalars, found as space bytes (UTF-8 has no other 0x20); a
        // word's length is counted in characters. Words taken for the output line and joined
        // by one space in `line` are copied together, as one run: `line[runStart..<runEnd]`.
        let utf8 = line.utf8
        let space = UInt8(ascii: " ")
        var runStart = textStart, runEnd = textStart
        var start = textStart
        while start < utf8.endIndex {
            guard utf8[start] != space else {
                utf8.formIndex(after: &start)
                continue
            }
            var end = start
            while end < utf8.endIndex, utf8[end] != space { utf8.formIndex(after: &end) }
            let wordLength = line[start..<end].count
            if empty {
                runStart = start
                empty = false
            } else if length + 1 + wordLength <= width {
                length += 1
                // More than one space before the word: the run ends, and one space stands for them.
                if utf8.index(after: runEnd) != start {
                    out.append(contentsOf: line[runStart..<runEnd])
                    out += " "
                    runStart = start
                }
            } else {
                out.append(contentsOf: line[runStart..<runEnd])
                out += "\n"
                out += hanging
                length = hanging.utf8.count
                runStart = start
            }
            runEnd = end
            length += wordLength
            start = end
        }
        out.append(contentsOf: line[runStart..<runEnd])
        out += "\n"
    }
}
