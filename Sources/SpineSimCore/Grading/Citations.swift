/// Reference texts split into the sources they cite.
enum Citations {
    /// The sources a list of references names, each once, in order. A reference may list
    /// several sources separated by ";" ("NICE NG59; Cochrane CD007612"); a ";" inside
    /// brackets or before a number ("N Engl J Med 2008; 358:818") belongs to one citation.
    static func split(_ references: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for reference in references {
            for source in sources(in: reference) where seen.insert(source).inserted { out.append(source) }
        }
        return out
    }

    /// The sources of one reference, trimmed, empty ones dropped. Walks the scalars: the
    /// separators and brackets are ASCII, and whitespace is ASCII whitespace.
    private static func sources(in reference: String) -> [String] {
        let scalars = reference.unicodeScalars
        var out: [String] = []
        var start = scalars.startIndex
        var depth = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == "(" || scalar == "[" { depth += 1 }
            if scalar == ")" || scalar == "]" { depth = max(0, depth - 1) }
            if scalar == ";", depth == 0, !(scalars[next...].first { !isSpace($0) }.map { ("0"..."9").contains($0) } ?? false) {
                out.append(trimmed(scalars[start..<index]))
                start = next
            }
            index = next
        }
        out.append(trimmed(scalars[start...]))
        return out.filter { !$0.isEmpty }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || ("\t"..."\r").contains(scalar)
    }

    private static func trimmed(_ scalars: Substring.UnicodeScalarView) -> String {
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo, isSpace(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
        return String(scalars[lo..<hi])
    }
}
