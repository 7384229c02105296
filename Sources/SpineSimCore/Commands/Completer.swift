/// Tab completion for the command language. It offers only global vocabulary (verbs,
/// catalogue codes, the global diagnosis list), never anything from the case in play.
public struct Completer: Sendable {
    public struct Result: Sendable, Equatable {
        /// Whole words that could replace the word being typed.
        public var candidates: [String]
        /// How many characters before the cursor the candidates replace.
        public var replaceLength: Int
    }

    public let catalogue: Catalogue

    public init(catalogue: Catalogue) { self.catalogue = catalogue }

    public static let durations = ["10m", "30m", "1h", "2h", "4h", "6h", "12h", "1d", "2d", "3d", "1w", "2w", "4w", "6w", "12w"]

    public func complete(_ lineBeforeCursor: String) -> Result {
        let endsWithSpace = lineBeforeCursor.last.map(\.isWhitespace) ?? true
        var words = lineBeforeCursor.split(whereSeparator: \.isWhitespace).map(String.init)
        let current = endsWithSpace ? "" : (words.popLast() ?? "")
        let prefix = current.lowercased()
        var options: [String]
        if words.isEmpty {
            options = Verb.allCases.map(\.rawValue)
        } else if let verb = CommandParser.verb(words[0]) {
            options = vocabulary(for: verb, previous: Array(words.dropFirst()))
        } else {
            options = []
        }
        var seen = Set<String>()
        var matches = options.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
        if let verb = words.first.flatMap(CommandParser.verb), let kind = verb.itemKind {
            matches = Completer.collapsed(withoutRedundantAliases(matches, kind: kind), limit: Completer.pageLimit)
        }
        return Result(candidates: matches, replaceLength: current.count)
    }

    private func vocabulary(for verb: Verb, previous: [String]) -> [String] {
        switch verb {
        case .ask, .examine, .advise, .perform:
            return words(verb.itemKind)
        case .order, .refer:
            return words(verb.itemKind) + (previous.isEmpty ? [] : ["urgent"])
        case .admit:
            return previous.isEmpty ? words(.service) : []
        case .give:
            guard let drugWord = previous.first, let drug = catalogue.item(.medicine, drugWord) else {
                return previous.isEmpty ? words(.medicine) : []
            }
            var forms: [String] = []
            if let dose = drug.usual?.dose { forms.append(dose.description.replacingSpaces()) }
            forms += Frequency.vocabulary
            forms += drug.routes.map(\.rawValue)
            return forms
        case .stop:
            return previous.isEmpty ? words(.medicine) : []
        case .wait:
            return previous.isEmpty ? Completer.durations : []
        case .diagnose:
            return previous.isEmpty ? catalogue.diagnoses.map(\.code) : []
        case .differential:
            return catalogue.diagnoses.map(\.code)
        case .help:
            return previous.isEmpty ? Verb.allCases.map(\.rawValue) : []
        case .discharge, .chart, .results, .end, .note:
            return []
        }
    }

    private func words(_ kind: ItemKind?) -> [String] {
        guard let kind else { return [] }
        return catalogue.codes(kind).sorted() + catalogue.words(kind).sorted()
    }

    /// An alias is listed only when the code it stands for is not itself a candidate, so
    /// `order x` lists `xray-lumbar` once rather than beside `x-ray-lumbar`.
    private func withoutRedundantAliases(_ matches: [String], kind: ItemKind) -> [String] {
        let matchedCodes = Set(matches.filter { catalogue.item(kind, $0)?.code == $0 })
        var shownCodes = Set<String>()
        return matches.filter { word in
            guard let item = catalogue.item(kind, word) else { return true }
            if item.code == word { return shownCodes.insert(word).inserted }
            if matchedCodes.contains(item.code) { return false }
            return shownCodes.insert(item.code).inserted
        }
    }

    /// More candidates than this are listed by stem (see `collapsed`).
    public static let pageLimit = 40

    /// Past `limit` words, every first hyphen part that several words share stands for them
    /// (`mri-` for mri-lumbar, mri-whole-spine, …), so a Tab on a large list shows a page of
    /// stems to narrow down rather than a wall of codes (`help VERB` shows the groups).
    static func collapsed(_ words: [String], limit: Int) -> [String] {
        guard words.count > limit else { return words }
        var counts: [Substring: Int] = [:]
        for w in words { if let dash = w.firstIndex(of: "-") { counts[w[...dash], default: 0] += 1 } }
        var seen = Set<String>()
        var out: [String] = []
        for w in words {
            var entry = w
            if let dash = w.firstIndex(of: "-"), counts[w[...dash], default: 0] > 1 { entry = String(w[...dash]) }
            if seen.insert(entry).inserted { out.append(entry) }
        }
        return out
    }

    /// The longest prefix all candidates share.
    public static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for c in candidates.dropFirst() {
            while !c.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
