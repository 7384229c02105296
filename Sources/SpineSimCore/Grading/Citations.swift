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

    /// The sources of one reference, trimmed, empty ones dropped. Scans scalars: the
    /// separators and brackets are ASCII, and whitespace is ASCII whitespace.
    private static func sources(in reference: String) -> [String] {
        let scalars = Array(reference.unicodeScalars)
        var out: [String] = []
        var start = 0
        var depth = 0
        for (index, scalar) in scalars.enumerated() {
            if scalar == "(" || scalar == "[" { depth += 1 }
            if scalar == ")" || scalar == "]" { depth = max(0, depth - 1) }
            guard scalar == ";", depth == 0 else { continue }
            let next = scalars[(index + 1)...].first { !isSpace($0) }
            if let next, ("0"..."9").contains(next) { continue }
            out.append(trimmed(scalars[start..<index]))
            start = index + 1
        }
        out.append(trimmed(scalars[start...]))
        return out.filter { !$0.isEmpty }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || ("\t"..."\r").contains(scalar)
    }

    private static func trimmed(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
        return String(view)
    }
}
