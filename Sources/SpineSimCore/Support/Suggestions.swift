/// "Did you mean" suggestions by edit distance and prefix.
public enum Suggestions {
    /// Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions),
    /// counted in Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
    }

    /// The distance when it is at most `limit`; otherwise more than `limit` (`limit + 1` as
    /// soon as that is sure: a row's smallest entry never shrinks further down the table).
    static func distance(_ s: [UInt32], _ t: [UInt32], limit: Int = .max) -> Int {
        var table: [Int] = []
        return distance(s, t, limit: limit, table: &table)
    }

    /// `distance(_:_:limit:)` in `table`'s storage, which a search reuses from one candidate
    /// to the next.
    static func distance(_ s: [UInt32], _ t: [UInt32], limit: Int, table d: inout [Int]) -> Int {
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        let width = t.count + 1
        // A cell more than `band` off the diagonal compares prefixes whose lengths differ by
        // more than `limit`, so it holds more than `limit`: such cells keep `band + 1`, and
        // only the cells near the diagonal are worked out (each then holds its distance or
        // `band + 1`, whichever is less).
        let band = min(limit, max(s.count, t.count))
        // One flat table, row i at i * width.
        d.removeAll(keepingCapacity: true)
        d.append(contentsOf: repeatElement(band + 1, count: (s.count + 1) * width))
        for i in 0...min(s.count, band) { d[i * width] = i }
        for j in 0...min(t.count, band) { d[j] = j }
        for i in 1...s.count {
            let (from, to) = (max(1, i - band), min(t.count, i + band))
            // The row's band lies past the end of `t`: the distance is more than `limit`.
            guard from <= to else { return limit + 1 }
            var rowMinimum = d[i * width]
            for j in from...to {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var best = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    best = min(best, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = min(best, band + 1)
                rowMinimum = min(rowMinimum, best)
            }
            if rowMinimum > limit { return limit + 1 }
        }
        return d[s.count * width + t.count]
    }

    /// Up to `limit` candidates close to `word`, best first, ties alphabetical.
    public static func closest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        var search = Search(for: word)
        for c in candidates { search.consider(c) }
        return search.best(limit)
    }

    /// The candidates close to one word, given one at a time (so that words kept in several
    /// lists need not be joined into one first). The order they come in makes no difference.
    struct Search {
        private let word: String
        private let wordScalars: [UInt32]
        private let wordBytes: [UInt8]
        /// The word's length in characters.
        private let length: Int
        private let threshold: Int
        private var scored: [(String, Int)] = []
        // A candidate listed twice scores the same both times; it is kept once.
        private var seen = Set<String>()
        /// The distance table, kept from one candidate to the next.
        private var table: [Int] = []

        init(for word: String) {
            // No vocabulary word is anywhere near this long: skip the search (and the work of
            // lower-casing and comparing megabytes of text).
            self.word = word.utf8.count <= Limits.suggestionWordLength ? word.lowercased() : ""
            wordScalars = self.word.unicodeScalars.map(\.value)
            wordBytes = Array(self.word.utf8)
            length = self.word.count
            threshold = max(1, min(3, length / 3))
        }

        mutating func consider(_ candidate: String) {
            guard !wordScalars.isEmpty else { return }
            // The distance is at least the difference in length: skip the table (and decoding
            // the candidate's scalars) when that is too far. A scalar starts at every byte
            // that does not continue one.
            let scalarCount = candidate.utf8.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            let dist = abs(scalarCount - wordScalars.count) <= threshold
                ? Suggestions.distance(wordScalars, candidate.unicodeScalars.map(\.value), limit: threshold, table: &table) : Int.max
            let score: Int
            if dist <= threshold {
                score = dist
            } else if length >= 3, candidate.hasPrefix(word) {
                score = threshold + 1
            } else if length >= 4, Suggestions.contains(Array(candidate.utf8), wordBytes) {
                score = threshold + 2
            } else {
                return
            }
            if seen.insert(candidate).inserted { scored.append((candidate, score)) }
        }

        /// Up to `limit` candidates, best first, ties alphabetical.
        func best(_ limit: Int) -> [String] {
            scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
        }
    }

    /// Whether `text` holds `part` as one run of scalars (as the distance counts them).
    /// Compared as UTF-8, which is the same: a run of whole scalars' bytes can only match
    /// where a scalar starts.
    static func contains(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        guard let head = part.first, part.count <= text.count else { return false }
        return (0...(text.count - part.count)).contains { start in
            text[start] == head && text[start..<(start + part.count)].elementsEqual(part)
        }
    }

    /// `; did you mean 'a' or 'b'?` or an empty string.
    public static func phrase(_ options: [String], notes: [String: String] = [:]) -> String {
        guard !options.isEmpty else { return "" }
        let quoted = options.map { option in "'\(option)'" + (notes[option].map { " (\($0))" } ?? "") }
        if quoted.count == 1 { return "; did you mean \(quoted[0])?" }
        return "; did you mean " + quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1] + "?"
    }
}
