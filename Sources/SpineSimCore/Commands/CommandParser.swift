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
        let typed = line.split(whereSeparator: \.isWhitespace).map(String.init)
        let words = typed.map { $0.lowercased() }
        guard let first = words.first else { return .nothing }
        guard let verb = CommandParser.verbs[first] else {
            let options = Suggestions.closest(to: first, among: Array(CommandParser.verbs.keys))
                .compactMap { CommandParser.verb($0)?.rawValue }
            let unique = options.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            return .rejected(Rejection(.unknownVerb, word: first, position: 0, suggestions: unique))
        }
        if verb == .give { return parseGive(words) }
        if let kind = verb.itemKind { return parseItems(verb: verb, kind: kind, words: words) }
        return parseOther(verb, words: words, typed: typed)
    }

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
            if args.count > 1 { return .rejected(Rejection(.helpTakesOneVerb, word: words[2], position: 2)) }
            if let topic = args.first {
                guard let v = CommandParser.verb(topic) else {
                    let options = Suggestions.closest(to: topic, among: Verb.allCases.map(\.rawValue))
                    return .rejected(Rejection(.noHelpOn, word: topic, position: 1, suggestions: options))
                }
                command.text = v.rawValue
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

    /// Resolves item words (allowing multi-word names joined by hyphens) for a verb, with at
    /// most one `urgent` or `routine` for order and refer.
    private func parseItems(verb: Verb, kind: ItemKind, words: [String]) -> ParsedLine {
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
        if itemWords.isEmpty {
            guard verb == .admit else { return .rejected(Rejection(.missingArgument(verb))) }
            command.items = catalogue.code(.service, "medicine") == nil ? [] : ["medicine"]
            return .command(command)
        }
        var i = 0
        while i < itemWords.count {
            guard let (code, next) = longestItem(kind, in: itemWords, from: i, maxWords: 5) else {
                let qualifiers = verb == .order || verb == .refer ? ["urgent", "routine"] : []
                let options = Suggestions.closest(to: itemWords[i], among: catalogue.words(kind) + qualifiers)
                return .rejected(Rejection(.unknownItem(kind), word: itemWords[i], position: positions[i], suggestions: options))
            }
            if !command.items.contains(code) { command.items.append(code) }
            i = next
        }
        if verb == .admit, command.items.count > 1 { return .rejected(Rejection(.oneServiceOnly)) }
        return .command(command)
    }

    /// The code named by the longest run of up to `maxWords` words from `start`, joined by
    /// hyphens, and the index after that run.
    private func longestItem(_ kind: ItemKind, in words: [String], from start: Int, maxWords: Int) -> (String, Int)? {
        var meaning = catalogue.meaning(kind, words[start])
        var longest = meaning.item.map { ($0.code, start + 1) }
        // Every leading run of words of a longer code is a hyphen prefix of it, so the run is
        // extended only while it is one: this finds the same code as trying every length.
        var run = words[start]
        var end = start + 1
        while meaning.mayContinue, end < min(words.count, start + maxWords) {
            run += "-" + words[end]
            end += 1
            meaning = catalogue.meaning(kind, run)
            if let item = meaning.item { longest = (item.code, end) }
        }
        return longest
    }

    /// `give DRUG [DOSE] [FREQUENCY] [ROUTE]`, the parts in any order after the drug.
    private func parseGive(_ words: [String]) -> ParsedLine {
        guard words.count > 1 else { return .rejected(Rejection(.missingArgument(.give))) }
        guard let (drug, next) = longestItem(.medicine, in: words, from: 1, maxWords: 4) else {
            let options = Suggestions.closest(to: words[1], among: catalogue.words(.medicine))
            return .rejected(Rejection(.unknownItem(.medicine), word: words[1], position: 1, suggestions: options))
        }
        var regimen = Regimen()
        var i = next
        while i < words.count {
            let word = words[i]
            func reject(_ problem: Rejection.Problem, suggestions: [String] = []) -> ParsedLine {
                .rejected(Rejection(problem, word: word, position: i, suggestions: suggestions))
            }
            if let q = Quantity.parse(word) {
                if q.amount > Limits.doseAmount { return reject(.doseTooLarge) }
                if regimen.dose != nil { return reject(.twoDoses(drug: drug)) }
                regimen.dose = q
            } else if i + 1 < words.count, Double(word) != nil, let q = Quantity.parse(word + words[i + 1]) {
                if q.amount > Limits.doseAmount {
                    return .rejected(Rejection(.doseTooLarge, word: word + " " + words[i + 1], position: i))
                }
                if regimen.dose != nil { return reject(.twoDoses(drug: nil)) }
                regimen.dose = q
                i += 1
            } else if let f = Frequency.parse(word) {
                if regimen.frequency != nil { return reject(.twoFrequencies) }
                regimen.frequency = f
            } else if let r = Route.parse(word) {
                if regimen.route != nil { return reject(.twoRoutes) }
                regimen.route = r
            } else if catalogue.code(.medicine, word) != nil {
                return reject(.oneMedicinePerLine)
            } else if Double(word) != nil {
                return reject(.doseNeedsUnit)
            } else {
                let options = Suggestions.closest(to: word, among: Frequency.vocabulary + Route.vocabulary)
                return reject(.unreadableRegimen(drug: drug), suggestions: options)
            }
            i += 1
        }
        var command = Command(verb: .give)
        command.items = [drug]
        command.regimen = regimen
        return .command(command)
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
