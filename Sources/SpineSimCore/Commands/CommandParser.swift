/// Turns a line of the command language into a `Command`, resolving aliases against the
/// catalogue, or into a `Rejection` saying what it could not understand.
public struct CommandParser: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue) { self.catalogue = catalogue }

    /// Resolves a verb or its alias (case-insensitive).
    public static func verb(_ word: String) -> Verb? {
        verbs[word.lowercased()]
    }

    /// Every verb and alias: a verb's own name wins over an alias spelt the same.
    private static let verbs: [String: Verb] = Verb.aliases.merging(
        Verb.allCases.map { ($0.rawValue, $0) }, uniquingKeysWith: { _, verb in verb })

    private static let qualifiers: Set<String> = ["urgent", "urgently", "routine"]

    /// Reads one line: `.nothing` for a blank line or comment, the command it states, or why it
    /// was not understood.
    public func parse(_ rawLine: String) -> ParsedLine {
        parse(trimmed: rawLine.trimmingWhitespace)
    }

    /// `parse(_:)` of a line already trimmed of surrounding white space.
    func parse(trimmed line: String) -> ParsedLine {
        if line.isEmpty || line.hasPrefix("#") { return .nothing }
        if line.utf8.count > Limits.lineBytes { return .rejected(Rejection(.lineTooLong)) }
        // The verb is the first word as typed (a comma does not end it); the rest of the line
        // is split once, as the verb reads it.
        let first = line.prefix { !$0.isWhitespace }.lowercased()
        guard !first.isEmpty else { return .nothing }
        guard let verb = CommandParser.verbs[first] else {
            let options = Suggestions.closest(to: first, among: Array(CommandParser.verbs.keys))
                .compactMap { CommandParser.verb($0)?.rawValue }
            let unique = options.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            return .rejected(Rejection(.unknownVerb, word: first, position: 0, suggestions: unique))
        }
        // Catalogue verbs read commas as separators; free text (diagnose, note, differential) keeps them.
        if verb == .give || verb.itemKind != nil {
            let (listed, breaks) = CommandParser.separatedWords(line)
            if verb == .give { return parseGive(listed) }
            if let kind = verb.itemKind { return parseItems(verb: verb, kind: kind, words: listed, breaks: breaks) }
        }
        let typed = line.split(whereSeparator: \.isWhitespace).map(String.init)
        return parseOther(verb, words: typed.map { $0.lowercased() }, typed: typed)
    }

    /// The lower-cased words of a line split at white space and commas, and the indices of
    /// the words a comma came before (a comma ends an item: no name runs across it).
    static func separatedWords(_ line: String) -> (words: [String], breaks: Set<Int>) {
        var words: [String] = []
        var breaks = Set<Int>()
        var previousEnd = line.startIndex
        for word in line.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            if line[previousEnd..<word.startIndex].contains(",") { breaks.insert(words.count) }
            words.append(word.lowercased())
            previousEnd = word.endIndex
        }
        return (words, breaks)
    }

    /// Words skipped between items when they name nothing: `refer to vascular surgery`,
    /// `ask about bladder`, `order fbc and crp`.
    static let fillers: Set<String> = ["to", "and", "about", "under", "for", "with", "the", "a", "an", "of", "&"]

    /// The verbs that take no catalogue items: durations, free text, help and bare verbs.
    private func parseOther(_ verb: Verb, words: [String], typed: [String]) -> ParsedLine {
        let args = words.dropFirst()
        // The words after the verb as typed (not lower-cased), for free text.
        let text = typed.dropFirst().joined(separator: " ")
        var command = Command(verb: verb)
        switch verb {
        case .discharge, .chart, .results, .end:
            if !args.isEmpty { return .rejected(Rejection(.nothingAllowedAfter(verb), word: args.first, position: 1)) }
        case .wait:
            guard !args.isEmpty else { return .rejected(Rejection(.missingArgument(.wait))) }
            guard let minutes = CommandParser.parseDuration(args) else {
                return .rejected(Rejection(.notADuration, word: args.joined(separator: " "), position: 1))
            }
            guard minutes > 0, minutes <= 52 * 10080 else { return .rejected(Rejection(.durationOutOfRange, position: 1)) }
            command.duration = minutes
        case .diagnose, .note:
            guard !args.isEmpty else { return .rejected(Rejection(.missingArgument(verb))) }
            command.text = text
        case .differential:
            guard !args.isEmpty else { return .rejected(Rejection(.missingArgument(.differential))) }
            command.list = differentialList(Array(typed.dropFirst()))
            command.text = text
        case .help:
            if args.count > 2 { return .rejected(Rejection(.helpTakesOneVerb, word: words[3], position: 3)) }
            if let topic = args.first {
                guard let v = CommandParser.verb(topic) else {
                    let options = Suggestions.closest(to: topic, among: Verb.allCases.map(\.rawValue))
                    return .rejected(Rejection(.noHelpOn, word: topic, position: 1, suggestions: options))
                }
                command.text = v.rawValue
                // `help order imaging`: one group of the verb's list.
                if args.count == 2 {
                    guard let kind = v.itemKind else { return .rejected(Rejection(.helpTakesOneVerb, word: words[2], position: 2)) }
                    let group = words[2]
                    guard catalogue.groups(kind).contains(where: { Help.groupKey($0.name) == group || Help.groupKey($0.name).hasPrefix(group) }) else {
                        let keys = catalogue.groups(kind).map { Help.groupKey($0.name) }
                        return .rejected(Rejection(.noHelpOn, word: group, position: 2, suggestions: Suggestions.closest(to: group, among: keys)))
                    }
                    command.list = [group]
                }
            }
        case .ask, .examine, .order, .give, .advise, .refer, .perform, .stop, .admit:
            break // read by parseItems and parseGive
        }
        return .command(command)
    }

    /// A differential: entries separated by commas, or several known diagnoses, or one entry.
    private func differentialList(_ entries: [String]) -> [String] {
        let joined = entries.joined(separator: " ")
        if joined.contains(",") {
            return joined.split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
        }
        if entries.allSatisfy({ catalogue.diagnosis(matching: $0) != nil }) { return entries }
        return [joined]
    }

    /// Resolves item words (allowing multi-word names typed with spaces or hyphens, longest
    /// first, never across a comma) for a verb, with at most one `urgent` or `routine` for
    /// order and refer. A panel stands for its codes.
    private func parseItems(verb: Verb, kind: ItemKind, words: [String], breaks: Set<Int>) -> ParsedLine {
        var command = Command(verb: verb)
        let qualifierPositions = words.indices.dropFirst().filter { CommandParser.qualifiers.contains(words[$0]) }
        if let first = qualifierPositions.first {
            guard verb == .order || verb == .refer else {
                return .rejected(Rejection(.qualifierNotAllowed, word: words[first], position: first))
            }
            if qualifierPositions.count > 1 {
                return .rejected(Rejection(.qualifierRepeated, word: words[qualifierPositions[1]], position: qualifierPositions[1]))
            }
            command.urgent = words[first] != "routine"
        }
        // The item words, with where each stands in the line.
        let positions = words.indices.dropFirst().filter { !qualifierPositions.contains($0) }
        let itemWords = positions.map { words[$0] }
        // Where each item word's comma-separated part ends.
        var partEnd = [Int](repeating: itemWords.count, count: itemWords.count)
        var end = itemWords.count
        for j in itemWords.indices.reversed() {
            partEnd[j] = end
            if j > 0, breaks.contains(where: { $0 > positions[j - 1] && $0 <= positions[j] }) { end = j }
        }
        var i = 0
        while i < itemWords.count {
            let meaning = catalogue.wordMeaning(kind, itemWords[i])
            if CommandParser.fillers.contains(itemWords[i]), meaning.item == nil, meaning.panel == nil, !meaning.mayContinue {
                i += 1
                continue
            }
            guard let (match, next) = longestItem(kind, in: itemWords, from: i, limit: min(partEnd[i], i + 5)) else {
                let qualifiers = verb == .order || verb == .refer ? ["urgent", "routine"] : []
                let options = suggestions(for: itemWords[i], kind: kind, also: qualifiers)
                return .rejected(Rejection(.unknownItem(kind), word: itemWords[i], position: positions[i], suggestions: options,
                                           notes: kind == .medicine ? medicineNotes(options) : [:]))
            }
            if let panel = match.panel {
                command.panels.append(panel.code)
                for code in panel.expands where !command.items.contains(code) { command.items.append(code) }
            } else if let item = match.item, !command.items.contains(item.code) {
                command.items.append(item.code)
            }
            i = next
        }
        if command.items.isEmpty {
            // A bare `admit` (or `admit to hospital`-like fillers) admits under medicine.
            guard verb == .admit else { return .rejected(Rejection(.missingArgument(verb))) }
            command.items = catalogue.code(.service, "medicine") == nil ? [] : ["medicine"]
        }
        if verb == .admit, command.items.count > 1 { return .rejected(Rejection(.oneServiceOnly)) }
        if verb == .admit || verb == .stop, !command.panels.isEmpty { return .rejected(Rejection(.missingArgument(verb))) }
        return .command(command)
    }

    /// The item or panel named by the longest run of words from `start` (before `limit`),
    /// joined by hyphens, and the index after that run (longest first: `examine sacroiliac
    /// joints skin` is the sacroiliac-joints alias, then skin).
    private func longestItem(_ kind: ItemKind, in words: [String], from start: Int, limit: Int) -> (WordMeaning, Int)? {
        var meaning = catalogue.wordMeaning(kind, words[start])
        var longest: (WordMeaning, Int)?
        if meaning.item != nil || meaning.panel != nil { longest = (meaning, start + 1) }
        // Every leading run of words of a longer code is a hyphen prefix of it, so the run is
        // extended only while it is one: this finds the same code as trying every length.
        var run = words[start]
        var end = start + 1
        while meaning.mayContinue, end < min(words.count, limit) {
            run += "-" + words[end]
            end += 1
            meaning = catalogue.wordMeaning(kind, run)
            if meaning.item != nil || meaning.panel != nil { longest = (meaning, end) }
        }
        return longest
    }

    /// `give DRUG [DOSE] [FREQUENCY] [ROUTE] [over DURATION]`, the parts in any order after
    /// the drug. With no frequency, a route the drug is usually given once in is taken as once.
    private func parseGive(_ words: [String]) -> ParsedLine {
        guard words.count > 1 else { return .rejected(Rejection(.missingArgument(.give))) }
        guard let (match, next) = longestItem(.medicine, in: words, from: 1, limit: 5), let drugItem = match.item else {
            // One medicine a line: a panel is never suggested.
            let options = suggestions(for: words[1], kind: .medicine, panels: false)
            return .rejected(Rejection(.unknownItem(.medicine), word: words[1], position: 1, suggestions: options,
                                       notes: medicineNotes(options)))
        }
        // The medicine's usual regimen, for the examples a rejection gives (never another drug's dose).
        let usual = drugItem.usual.map { [$0.dose?.description.replacingSpaces(), $0.frequency?.description, $0.route?.rawValue].compactMap { $0 } } ?? []
        let example = "give \(drugItem.code) " + (usual.isEmpty ? "DOSE FREQUENCY ROUTE" : usual.joined(separator: " "))
        var regimen = Regimen()
        var i = next
        while i < words.count {
            let word = words[i]
            func reject(_ problem: Rejection.Problem, suggestions: [String] = []) -> ParsedLine {
                .rejected(Rejection(problem, word: word, position: i, suggestions: suggestions))
            }
            if let q = Quantity.parse(word) {
                if q.amount > Limits.doseAmount { return reject(.doseTooLarge) }
                if regimen.dose != nil { return reject(.twoDoses(example: example)) }
                regimen.dose = q
            } else if i + 1 < words.count, Double(word) != nil, let q = Quantity.parse(word + words[i + 1]) {
                if q.amount > Limits.doseAmount {
                    return .rejected(Rejection(.doseTooLarge, word: word + " " + words[i + 1], position: i))
                }
                if regimen.dose != nil { return reject(.twoDoses(example: nil)) }
                regimen.dose = q
                i += 1
            } else if let f = Frequency.parse(word) {
                if regimen.frequency != nil { return reject(.twoFrequencies) }
                regimen.frequency = f
            } else if let r = Route.parse(word) {
                if regimen.route != nil { return reject(.twoRoutes) }
                regimen.route = r
            } else if word == "over" {
                guard i + 1 < words.count, let minutes = DurationText.parse(words[i + 1]), minutes > 0 else {
                    return reject(.unreadableRegimen(example: example))
                }
                regimen.over = minutes
                i += 1
            } else if catalogue.code(.medicine, word) != nil {
                return reject(.oneMedicinePerLine)
            } else if Double(word) != nil {
                return reject(.doseNeedsUnit)
            } else {
                let options = Suggestions.closest(to: word, among: Frequency.vocabulary + Route.vocabulary)
                return reject(.unreadableRegimen(example: example), suggestions: options)
            }
            i += 1
        }
        var command = Command(verb: .give)
        if regimen.frequency == nil, let route = regimen.route ?? drugItem.usual?.route, drugItem.oneOffRoutes.contains(route) {
            regimen.frequency = .once
            command.takenAsOnce = true
        }
        command.items = [drugItem.code]
        command.regimen = regimen
        return .command(command)
    }

    /// The codes and aliases of `kind`'s items (and of its panels), and the words `also`,
    /// that are close to `word` (read where they are kept, not copied into one list first).
    private func suggestions(for word: String, kind: ItemKind, panels: Bool = true, also: [String] = []) -> [String] {
        var search = Suggestions.Search(for: word)
        for item in catalogue.items[kind] ?? [] {
            search.consider(item.code)
            for alias in item.aliases { search.consider(alias) }
        }
        for panel in panels ? catalogue.panels[kind] ?? [] : [] {
            search.consider(panel.code)
            for alias in panel.aliases { search.consider(alias) }
        }
        for other in also { search.consider(other) }
        return search.best(3)
    }

    /// What to show beside suggested medicines: the drug an alias stands for, and its class.
    /// The class is always shown, since the parser cannot know the class of the drug the
    /// trainee meant: a misspelt painkiller is never offered an antibiotic without saying so.
    func medicineNotes(_ suggestions: [String]) -> [String: String] {
        let found = suggestions.compactMap { word in catalogue.item(.medicine, word).map { (word, $0) } }
        var notes: [String: String] = [:]
        for (word, item) in found {
            var parts: [String] = []
            if item.code != word { parts.append(item.name) }
            if let family = catalogue.family(of: item) { parts.append(Rejection.article(family)) }
            if !parts.isEmpty { notes[word] = parts.joined(separator: ", ") }
        }
        return notes
    }

    /// Reads `2d`, `1h 30m`, `2 days`, `30 min`.
    public static func parseDuration<Words: Collection<String>>(_ words: Words) -> Minutes? {
        // A single word is read as it is: a unit word is appended only after a number.
        if words.count == 1, let word = words.first { return DurationText.parse(word) }
        var text = ""
        for w in words {
            if let u = unitWords[w], !text.isEmpty, text.last?.isNumber == true { text += u } else { text += w }
        }
        return DurationText.parse(text)
    }

    private static let unitWords: [String: String] = [
        "min": "m", "mins": "m", "minute": "m", "minutes": "m", "m": "m",
        "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
        "d": "d", "day": "d", "days": "d", "w": "w", "wk": "w", "wks": "w",
        "week": "w", "weeks": "w",
    ]
}
