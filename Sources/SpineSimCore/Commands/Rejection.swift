/// Why the parser did not accept a line: what is wrong, the word at fault and where it
/// stands, and what the trainee may have meant. A value, so that callers and tests can
/// reason about it; its wording is `message`, written apart in one place.
public struct Rejection: Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        case unknownVerb
        /// The verb needs something after it (`order`, `wait`, `diagnose`, …).
        case missingArgument(Verb)
        /// `discharge`, `chart`, `results` and `end` stand alone.
        case nothingAllowedAfter(Verb)
        case notADuration
        case durationOutOfRange
        case helpTakesOneVerb
        case noHelpOn
        /// `urgent`, `urgently` or `routine` with a verb other than order and refer.
        case qualifierNotAllowed
        /// More than one `urgent`/`routine` on one line.
        case qualifierRepeated
        case unknownItem(ItemKind)
        case oneServiceOnly
        /// A second dose; `example` is the medicine's usual line ("give naproxen 250mg q8h
        /// oral"), when the message gives one.
        case twoDoses(example: String?)
        case twoFrequencies
        case twoRoutes
        case oneMedicinePerLine
        case doseNeedsUnit
        /// A dose above `Limits.doseAmount` of its unit.
        case doseTooLarge
        /// A line longer than `Limits.lineBytes`.
        case lineTooLong
        /// A word of a `give` line that is no dose, frequency, route or `over` duration;
        /// `example` is the medicine's usual line.
        case unreadableRegimen(example: String)
    }

    public var problem: Problem
    /// The word at fault, lower-cased as the parser read it (for `notADuration`, every word
    /// after `wait`).
    public var word: String?
    /// Where that word stands among the line's words: 0 is the verb.
    public var position: Int?
    /// Words the trainee may have meant, best first.
    public var suggestions: [String]
    /// A few words shown beside a suggestion (for a medicine: its class when the suggestions
    /// are of different classes, and the drug an alias stands for).
    public var notes: [String: String]

    public init(_ problem: Problem, word: String? = nil, position: Int? = nil, suggestions: [String] = [],
                notes: [String: String] = [:]) {
        self.problem = problem
        self.word = word
        self.position = position
        self.suggestions = suggestions
        self.notes = notes
    }

    /// The line with the word at fault replaced by the best suggestion, for the editor to
    /// offer back; nil when there is no suggestion or the word cannot be found.
    public func corrected(_ line: String) -> String? {
        guard let best = suggestions.first, let word, let position else { return nil }
        var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        if position < words.count, words[position].lowercased() == word {
            words[position] = best
            return words.joined(separator: " ")
        }
        // Commas split words the parser counts apart: replace the first occurrence of the word,
        // when it stands as a whole word.
        let original = Array(line), lower = Array(line.lowercased()), target = Array(word)
        guard original.count == lower.count, !target.isEmpty, target.count <= lower.count else { return nil }
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        guard let start = (0...(lower.count - target.count)).first(where: { Array(lower[$0..<$0 + target.count]) == target }) else {
            return nil
        }
        let end = start + target.count
        let before = start == 0 || !isWordCharacter(lower[start - 1])
        let after = end == lower.count || !isWordCharacter(lower[end])
        guard before, after else { return nil }
        return String(original[..<start]) + best + String(original[end...])
    }
}

extension Rejection {
    /// The rejection as the trainee reads it: one line saying what is wrong and what to type.
    public var message: String {
        let word = self.word ?? ""
        let hint = Suggestions.phrase(suggestions, notes: notes)
        switch problem {
        case .unknownVerb: return "unknown verb '\(word)'\(hint) (type 'help' for the list)"
        case .missingArgument(let verb): return Rejection.missing(verb)
        case .nothingAllowedAfter(let verb): return "'\(verb.rawValue)' takes nothing after it"
        case .notADuration: return "'\(word)' is not a duration; write a number and a unit: 30m, 6h, 2d, 3w"
        case .durationOutOfRange: return "wait between 1 minute and 52 weeks"
        case .helpTakesOneVerb: return "help takes one verb, e.g. 'help order'"
        case .noHelpOn: return "no help on '\(word)'\(hint)"
        case .qualifierNotAllowed: return "'\(word)' goes with order and refer only"
        case .qualifierRepeated: return "say 'urgent' once, or put routine and urgent orders on separate lines"
        case .unknownItem(let kind): return "'\(word)' is not \(Rejection.article(Rejection.noun(kind))) I know, so nothing on this line was done\(hint)"
        case .oneServiceOnly: return "admit under one service, e.g. 'admit medicine'"
        case .twoDoses(let example):
            return example.map { "two doses given; write one, e.g. '\($0)'" } ?? "two doses given"
        case .twoFrequencies: return "two frequencies given; write one (e.g. q8h)"
        case .twoRoutes: return "two routes given; write one (oral, iv, im, sc, topical)"
        case .oneMedicinePerLine: return "give one medicine per line ('\(word)' on its own line)"
        case .doseNeedsUnit: return "'\(word)' needs a unit: mg, g, mcg or units (e.g. 250mg)"
        case .doseTooLarge:
            return "the dose '\(word)' is too large; a dose is at most \(Int(Limits.doseAmount)) of its unit (mg, g, mcg or units)"
        case .lineTooLong: return "the line is longer than \(Limits.lineBytes) bytes; a command is a few words"
        case .unreadableRegimen(let example): return "could not read '\(word)' in the regimen\(hint); write e.g. '\(example)'"
        }
    }

    /// What to say when a verb is typed on its own.
    private static func missing(_ verb: Verb) -> String {
        switch verb {
        case .ask: return "ask what? e.g. 'ask onset bladder'"
        case .examine: return "examine what? e.g. 'examine straight-leg-raise lower-limb-reflexes'"
        case .order: return "order what? e.g. 'order esr crp' or 'order mri-lumbar urgent'"
        case .advise: return "advise what? e.g. 'advise stay-active heat'"
        case .refer: return "refer what? e.g. 'refer physiotherapy'"
        case .perform: return "perform what? e.g. 'perform decompression'"
        case .stop: return "stop what? e.g. 'stop naproxen'"
        case .give: return "give what? e.g. 'give naproxen 250mg q8h oral'"
        case .wait: return "wait how long? e.g. 'wait 30m', 'wait 6h', 'wait 2d', 'wait 3w'"
        case .diagnose: return "diagnose what? e.g. 'diagnose mechanical-low-back-pain'"
        case .differential: return "differential needs one or more diagnoses, e.g. 'differential renal-colic spinal-metastasis'"
        case .note: return "note what? e.g. 'note patient anxious about work'"
        case .admit, .discharge, .chart, .results, .help, .end: return "\(verb.rawValue) what? "
        }
    }

    /// "a test", "an examination", "advice".
    static func article(_ noun: String) -> String {
        if noun == "advice" { return "advice" }
        // Acronyms read letter by letter: "an NSAID", "a PPI".
        let firstWord = noun.prefix { $0 != " " }
        let spelt = firstWord.count > 1 && firstWord.allSatisfy(\.isUppercase)
        let vowelSound = spelt ? "AEFHILMNORSX".contains(noun.first ?? " ") : "aeiouAEIOU".contains(noun.first ?? " ")
        return (vowelSound ? "an " : "a ") + noun
    }

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
}
