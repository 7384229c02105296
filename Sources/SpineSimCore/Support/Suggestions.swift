/// "Did you mean" suggestions by edit distance and prefix.
public enum Suggestions {
    /// Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions),
    /// counted in Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
    }

    /// The distance, or `limit + 1` as soon as it is sure to be more than `limit`: a row's
    /// smallest entry never shrinks further down the table.
    static func distance(_ s: [UInt32], _ t: [UInt32], limit: Int = .max) -> Int {
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        let width = t.count + 1
        // One flat table, row i at i * width.
        var d = [Int](repeating: 0, count: (s.count + 1) * width)
        for i in 0...s.count { d[i * width] = i }
        for j in 0...t.count { d[j] = j }
        for i in 1...s.count {
            var rowMinimum = d[i * width]
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var best = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    best = min(best, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = best
                rowMinimum = min(rowMinimum, best)
            }
            if rowMinimum > limit { return limit + 1 }
        }
        return d[s.count * width + t.count]
    }

    /// Up to `limit` candidates close to `word`, best first, ties alphabetical.
    public static func closest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        // No vocabulary word is anywhere near this long: skip the search (and the work of
        // lower-casing and comparing megabytes of text).
        guard word.utf8.count <= Limits.suggestionWordLength else { return [] }
        let w = word.lowercased()
        let wScalars = w.unicodeScalars.map(\.value)
        guard !wScalars.isEmpty else { return [] }
        let length = w.count
        let threshold = max(1, min(3, length / 3))
        var scored: [(String, Int)] = []
        // A candidate listed twice scores the same both times; it is kept once.
        var seen = Set<String>()
        for c in candidates {
            // The distance is at least the difference in length: skip the table (and copying
            // the candidate's scalars) when that is too far.
            let dist = abs(c.unicodeScalars.count - wScalars.count) <= threshold
                ? distance(wScalars, c.unicodeScalars.map(\.value), limit: threshold) : Int.max
            let score: Int
            if dist <= threshold {
                score = dist
            } else if length >= 3, c.hasPrefix(w) {
                score = threshold + 1
            } else if length >= 4, contains(c.unicodeScalars, wScalars) {
                score = threshold + 2
            } else {
                continue
            }
            if seen.insert(c).inserted { scored.append((c, score)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map(\.0)
    }

    /// Whether `text` holds `part` as one run of scalars (as the distance counts them).
    static func contains(_ text: String.UnicodeScalarView, _ part: [UInt32]) -> Bool {
        var start = text.startIndex
        while start != text.endIndex {
            if text[start...].starts(with: part, by: { $0.value == $1 }) { return true }
            text.formIndex(after: &start)
        }
        return false
    }

    /// `; did you mean 'a' or 'b'?` or an empty string.
    public static func phrase(_ options: [String], notes: [String: String] = [:]) -> String {
        guard !options.isEmpty else { return "" }
        let quoted = options.map { option in "'\(option)'" + (notes[option].map { " (\($0))" } ?? "") }
        if quoted.count == 1 { return "; did you mean \(quoted[0])?" }
        return "; did you mean " + quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1] + "?"
    }
}
