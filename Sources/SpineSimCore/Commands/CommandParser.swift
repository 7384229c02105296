/// Turns a line of the command language into a `Command`, resolving aliases against the
/// catalogue and explaining, with suggestions, what it could not understand.
public struct CommandParser: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue) { self.catalogue = catalogue }

    /// Resolves a verb or its alias.
    public static func verb(_ word: String) -> Verb? {
        // Lower-casing a word that has no upper-case letter would change nothing.
        verbs[word.isLowercaseASCII ? word : word.lowercased()]
    }

    /// Every verb and alias: a verb's own name wins over an alias spelt the same.
    private static let verbs = WordTable(Verb.aliases.merging(
        Verb.allCases.map { ($0.rawValue, $0) }, uniquingKeysWith: { _, verb in verb }).map { ($0.key, $0.value) })

    /// The whitespace-separated words of a line (a fast path for plain ASCII lines).
    static func words(of line: String) -> [String] {
        asciiWords(of: line, lowercased: false) ?? line.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// `words(of: line).map { $0.lowercased() }`, in one pass for plain ASCII lines.
    static func lowercasedWords(of line: String) -> [String] {
        asciiWords(of: line, lowercased: true) ?? words(of: line).map { $0.lowercased() }
    }

    /// The words of a plain ASCII line, split and (if asked) lower-cased on its bytes; nil for
    /// any other line. In ASCII, Unicode's white space is exactly `ASCII.isWhitespace`.
    private static func asciiWords(of line: String, lowercased: Bool) -> [String]? {
        let words = line.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            var words: [String] = []
            words.reserveCapacity(8)
            var start = 0
            while start < bytes.count {
                if bytes[start] >= 0x80 { return nil }
                if ASCII.isWhitespace(bytes[start]) { start += 1; continue }
                var end = start + 1
                while end < bytes.count, bytes[end] < 0x80, !ASCII.isWhitespace(bytes[end]) { end += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                words.append(lowercased ? ASCII.lowercasedString(word) : String(decoding: word, as: UTF8.self))
                start = end
            }
            return words
        }
        return words ?? nil
    }

    /// Reads one line: `.nothing` for a blank line or comment, the command it states, or why it
    /// was not understood. Plain ASCII lines are split on their bytes; others the general way.
    public func parse(_ rawLine: String) -> ParsedLine {
        parse(trimmed: rawLine.trimmingWhitespace)
    }

    /// `parse(_:)` of a line already trimmed of surrounding white space, as `Session.handle`
    /// has it (it logs the trimmed text), so that the line is not scanned for it twice.
    func parse(trimmed line: String) -> ParsedLine {
        if line.isEmpty || line.hasPrefix("#") { return .nothing }
        if line.utf8.count > Limits.lineBytes {
            return .rejected("the line is longer than \(Limits.lineBytes) bytes; a command is a few words")
        }
        let words = CommandParser.lowercasedWords(of: line)
        // A trimmed, non-empty line begins with a word; the guard only avoids a trap.
        guard let first = words.first else { return .nothing }
        // The words are lower-cased already, so the verb table is asked directly.
        guard let verb = CommandParser.verbs[first] else {
            let options = Suggestions.closest(to: first, among: Verb.allCases.map(\.rawValue) + Array(Verb.aliases.keys))
                .compactMap { CommandParser.verb($0)?.rawValue }
            let unique = options.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            return .rejected("unknown verb '\(first)'\(Suggestions.phrase(unique)) (type 'help' for the list)")
        }
        let args = words.dropFirst()
        // The words after the verb as typed (not lower-cased), for free text.
        var originalArgs: ArraySlice<String> { CommandParser.words(of: line).dropFirst() }
        var command = Command(verb: verb)
        switch verb {
        case .ask, .examine, .order, .advise, .refer, .perform, .stop, .admit:
            return parseItems(verb: verb, args: args)
        case .give:
            return parseGive(args)
        case .discharge, .chart, .results, .end:
            if !args.isEmpty { return .rejected("'\(verb.rawValue)' takes nothing after it") }
            return .command(command)
        case .wait:
            guard !args.isEmpty else { return .rejected("wait how long? e.g. 'wait 30m', 'wait 6h', 'wait 2d', 'wait 3w'") }
            guard let minutes = CommandParser.parseDuration(args) else {
                return .rejected("'\(args.joined(separator: " "))' is not a duration; write a number and a unit: 30m, 6h, 2d, 3w")
            }
            guard minutes > 0, minutes <= 52 * 10080 else { return .rejected("wait between 1 minute and 52 weeks") }
            command.duration = minutes
            return .command(command)
        case .diagnose:
            let originalArgs = originalArgs
            guard !originalArgs.isEmpty else { return .rejected("diagnose what? e.g. 'diagnose mechanical-low-back-pain'") }
            command.text = originalArgs.joined(separator: " ")
            return .command(command)
        case .differential:
            let originalArgs = originalArgs
            guard !originalArgs.isEmpty else { return .rejected("differential needs one or more diagnoses, e.g. 'differential renal-colic spinal-metastasis'") }
            let joined = originalArgs.joined(separator: " ")
            if joined.contains(",") {
                command.list = joined.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            } else if originalArgs.allSatisfy({ catalogue.diagnosis(matching: $0) != nil }) {
                command.list = Array(originalArgs)
            } else {
                command.list = [joined]
            }
            command.text = joined
            return .command(command)
        case .help:
            if args.count > 1 { return .rejected("help takes one verb, e.g. 'help order'") }
            if let topic = args.first {
                guard let v = CommandParser.verb(topic) else {
                    return .rejected("no help on '\(topic)'\(Suggestions.phrase(Suggestions.closest(to: topic, among: Verb.allCases.map(\.rawValue))))")
                }
                command.text = v.rawValue
            }
            return .command(command)
        case .note:
            let originalArgs = originalArgs
            guard !originalArgs.isEmpty else { return .rejected("note what? e.g. 'note patient anxious about work'") }
            command.text = originalArgs.joined(separator: " ")
            return .command(command)
        }
    }

    /// Resolves item words (allowing multi-word names joined by hyphens) for a verb.
    private func parseItems(verb: Verb, args: ArraySlice<String>) -> ParsedLine {
        guard let kind = verb.itemKind else { return .rejected("internal: \(verb.rawValue) takes no items") }
        var command = Command(verb: verb)
        var words = args
        if let index = words.firstIndex(where: { $0 == "urgent" || $0 == "urgently" || $0 == "routine" }) {
            guard verb == .order || verb == .refer else {
                return .rejected("'\(words[index])' goes with order and refer only")
            }
            command.urgent = words[index] != "routine"
            words.remove(at: index)
            if words.contains(where: { $0 == "urgent" || $0 == "urgently" || $0 == "routine" }) {
                return .rejected("say 'urgent' once, or put routine and urgent orders on separate lines")
            }
        }
        if words.isEmpty {
            if verb == .admit {
                command.items = ["medicine"]
                if catalogue.code(.service, "medicine") == nil { command.items = [] }
                return .command(command)
            }
            return .rejected("\(verb.rawValue) what? \(CommandParser.example(verb))")
        }
        command.items.reserveCapacity(words.count)
        var i = words.startIndex
        while i < words.endIndex {
            guard let (code, next) = longestItem(kind, in: words[i...], maxWords: 5) else {
                let word = words[i]
                if verb == .order, ["urgent", "routine"].contains(word) { return .rejected("say 'urgent' once") }
                let qualifiers = verb == .order || verb == .refer ? ["urgent", "routine"] : []
                let hint = Suggestions.phrase(Suggestions.closest(to: word, among: catalogue.words(kind) + qualifiers))
                let noun = CommandParser.noun(kind)
                return .rejected("unknown \(noun) '\(word)'\(hint)")
            }
            if !command.items.contains(code) { command.items.append(code) }
            i = next
        }
        if verb == .admit, command.items.count > 1 { return .rejected("admit under one service, e.g. 'admit medicine'") }
        if verb == .refer, command.items.count > 1, command.urgent {
            // Allowed: several urgent referrals on one line.
        }
        return .command(command)
    }

    /// The code named by the longest run of up to `maxWords` words at the start of `words`,
    /// joined by hyphens, and the index after that run.
    private func longestItem(_ kind: ItemKind, in words: ArraySlice<String>, maxWords: Int) -> (String, Int)? {
        let i = words.startIndex
        var (code, mayContinue) = catalogue.codeAndContinuation(kind, words[i])
        var longest = code.map { ($0, i + 1) }
        // Every leading run of words of a longer code is a hyphen prefix of it, so the run is
        // extended only while it is one: this finds the same code as trying every length.
        var run = words[i]
        var end = i + 1
        let limit = min(words.endIndex, i + maxWords)
        while mayContinue, end < limit {
            run += "-"
            run += words[end]
            end += 1
            (code, mayContinue) = catalogue.codeAndContinuation(kind, run)
            if let code { longest = (code, end) }
        }
        return longest
    }

    private func tooLarge(_ dose: String) -> ParsedLine {
        .rejected("the dose '\(dose)' is too large; a dose is at most \(Int(Limits.doseAmount)) of its unit (mg, g, mcg or units)")
    }

    private func parseGive(_ args: ArraySlice<String>) -> ParsedLine {
        guard let first = args.first else { return .rejected("give what? e.g. 'give naproxen 250mg q8h oral'") }
        guard let (drug, next) = longestItem(.medicine, in: args, maxWords: 4) else {
            let hint = Suggestions.phrase(Suggestions.closest(to: first, among: catalogue.words(.medicine)))
            return .rejected("unknown medicine '\(first)'\(hint)")
        }
        var regimen = Regimen()
        var i = next
        while i < args.endIndex {
            let word = args[i]
            if let q = Quantity.parse(word) {
                if q.amount > Limits.doseAmount { return tooLarge(word) }
                if regimen.dose != nil { return .rejected("two doses given; write one, e.g. 'give \(drug) 250mg q8h oral'") }
                regimen.dose = q
            } else if i + 1 < args.endIndex, Double(word) != nil, let q = Quantity.parse(word + args[i + 1]) {
                if q.amount > Limits.doseAmount { return tooLarge(word + " " + args[i + 1]) }
                if regimen.dose != nil { return .rejected("two doses given") }
                regimen.dose = q
                i += 1
            } else if let f = Frequency.parse(word) {
                if regimen.frequency != nil { return .rejected("two frequencies given; write one (e.g. q8h)") }
                regimen.frequency = f
            } else if let r = Route.parse(word) {
                if regimen.route != nil { return .rejected("two routes given; write one (oral, iv, im, sc, topical)") }
                regimen.route = r
            } else if catalogue.code(.medicine, word) != nil {
                return .rejected("give one medicine per line ('\(word)' on its own line)")
            } else if Double(word) != nil {
                return .rejected("'\(word)' needs a unit: mg, g, mcg or units (e.g. 250mg)")
            } else {
                let vocabulary = Frequency.vocabulary + Route.vocabulary
                let hint = Suggestions.phrase(Suggestions.closest(to: word, among: vocabulary))
                return .rejected("could not read '\(word)' in the regimen\(hint); write e.g. 'give \(drug) 250mg q8h oral'")
            }
            i += 1
        }
        var command = Command(verb: .give)
        command.items = [drug]
        command.regimen = regimen
        return .command(command)
    }

    /// Reads `2d`, `1h 30m`, `2 days`, `30 min`.
    public static func parseDuration(_ words: [String]) -> Minutes? {
        parseDuration(words[...])
    }

    static func parseDuration(_ words: ArraySlice<String>) -> Minutes? {
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

    static func noun(_ kind: ItemKind) -> String {
        switch kind {
        case .question: return "history topic"
        case .examination: return "examination"
        case .test: return "test"
        case .medicine: return "medicine"
        case .advice: return "advice"
        case .service: return "service"
        case .procedure: return "procedure"
        }
    }

    static func example(_ verb: Verb) -> String {
        switch verb {
        case .ask: return "e.g. 'ask onset bladder'"
        case .examine: return "e.g. 'examine straight-leg-raise lower-limb-reflexes'"
        case .order: return "e.g. 'order esr crp' or 'order mri-lumbar urgent'"
        case .advise: return "e.g. 'advise stay-active heat'"
        case .refer: return "e.g. 'refer physiotherapy'"
        case .perform: return "e.g. 'perform decompression'"
        case .stop: return "e.g. 'stop naproxen'"
        default: return ""
        }
    }
}
