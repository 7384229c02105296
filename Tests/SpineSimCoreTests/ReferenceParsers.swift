@testable import SpineSimCore

// Reference implementations for the equivalence tests in ParserEquivalenceTests.swift. Only
// code the fast paths rewrote is kept here; where the old way still stands in the sources as
// the general path (`DurationText.parseCharacters`, `Transcript.parseLines`), the tests call it.

/// The command parser as it was before its fast paths (commit 0c819ac), kept verbatim but for
/// its name, its catalogue lookups (below), and the helpers it shares unchanged with
/// `CommandParser` (duration words, nouns and examples in messages), which it calls. It is the
/// reference the fast parser must agree with.
struct ReferenceCommandParser {
    let catalogue: ReferenceCatalogue

    init(catalogue: Catalogue) { self.catalogue = ReferenceCatalogue(catalogue) }

    /// Resolves a verb or its alias.
    static func verb(_ word: String) -> Verb? {
        let w = word.lowercased()
        return Verb(rawValue: w) ?? Verb.aliases[w]
    }

    /// The whitespace-separated words of a line (a fast path for plain ASCII lines).
    static func words(of line: String) -> [String] {
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            return line.utf8.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) })
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return line.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    func parse(_ rawLine: String) -> ParsedLine {
        let line = rawLine.trimmingWhitespace
        if line.isEmpty || line.hasPrefix("#") { return .nothing }
        let originalWords = ReferenceCommandParser.words(of: line)
        let words = originalWords.map { $0.lowercased() }
        guard let verb = ReferenceCommandParser.verb(words[0]) else {
            let options = Suggestions.closest(to: words[0], among: Verb.allCases.map(\.rawValue) + Array(Verb.aliases.keys))
                .compactMap { ReferenceCommandParser.verb($0)?.rawValue }
            let unique = options.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            return .rejected("unknown verb '\(words[0])'\(Suggestions.phrase(unique)) (type 'help' for the list)")
        }
        let args = Array(words.dropFirst())
        let originalArgs = Array(originalWords.dropFirst())
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
            guard !originalArgs.isEmpty else { return .rejected("diagnose what? e.g. 'diagnose mechanical-low-back-pain'") }
            command.text = originalArgs.joined(separator: " ")
            return .command(command)
        case .differential:
            guard !originalArgs.isEmpty else { return .rejected("differential needs one or more diagnoses, e.g. 'differential renal-colic spinal-metastasis'") }
            let joined = originalArgs.joined(separator: " ")
            if joined.contains(",") {
                command.list = joined.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            } else if originalArgs.allSatisfy({ catalogue.diagnosis(matching: $0) != nil }) {
                command.list = originalArgs
            } else {
                command.list = [joined]
            }
            command.text = joined
            return .command(command)
        case .help:
            if args.count > 1 { return .rejected("help takes one verb, e.g. 'help order'") }
            if let topic = args.first {
                guard let v = ReferenceCommandParser.verb(topic) else {
                    return .rejected("no help on '\(topic)'\(Suggestions.phrase(Suggestions.closest(to: topic, among: Verb.allCases.map(\.rawValue))))")
                }
                command.text = v.rawValue
            }
            return .command(command)
        case .note:
            guard !originalArgs.isEmpty else { return .rejected("note what? e.g. 'note patient anxious about work'") }
            command.text = originalArgs.joined(separator: " ")
            return .command(command)
        }
    }

    /// Resolves item words (allowing multi-word names joined by hyphens) for a verb.
    private func parseItems(verb: Verb, args: [String]) -> ParsedLine {
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
                if catalogue.item(.service, "medicine") == nil { command.items = [] }
                return .command(command)
            }
            return .rejected("\(verb.rawValue) what? \(CommandParser.example(verb))")
        }
        var i = 0
        while i < words.count {
            var matched: (CatalogueItem, Int)?
            // Joining words is worth trying only when the first could begin a longer code.
            var j = catalogue.mayContinue(kind, words[i]) ? min(words.count, i + 5) : i + 1
            while j > i {
                let candidate = j == i + 1 ? words[i] : words[i..<j].joined(separator: "-")
                if let item = catalogue.item(kind, candidate) { matched = (item, j); break }
                j -= 1
            }
            guard let (item, next) = matched else {
                let word = words[i]
                if verb == .order, ["urgent", "routine"].contains(word) { return .rejected("say 'urgent' once") }
                let qualifiers = verb == .order || verb == .refer ? ["urgent", "routine"] : []
                let hint = Suggestions.phrase(Suggestions.closest(to: word, among: catalogue.words(kind) + qualifiers))
                let noun = CommandParser.noun(kind)
                return .rejected("unknown \(noun) '\(word)'\(hint)")
            }
            if !command.items.contains(item.code) { command.items.append(item.code) }
            i = next
        }
        if verb == .admit, command.items.count > 1 { return .rejected("admit under one service, e.g. 'admit medicine'") }
        if verb == .refer, command.items.count > 1, command.urgent {
            // Allowed: several urgent referrals on one line.
        }
        return .command(command)
    }

    private func parseGive(_ args: [String]) -> ParsedLine {
        guard !args.isEmpty else { return .rejected("give what? e.g. 'give naproxen 250mg q8h oral'") }
        var drug: CatalogueItem?
        var i = 0
        var j = catalogue.mayContinue(.medicine, args[0]) ? min(args.count, 4) : 1
        while j > 0 {
            let name = j == 1 ? args[0] : args[0..<j].joined(separator: "-")
            if let item = catalogue.item(.medicine, name) { drug = item; i = j; break }
            j -= 1
        }
        guard let drug else {
            let hint = Suggestions.phrase(Suggestions.closest(to: args[0], among: catalogue.words(.medicine)))
            return .rejected("unknown medicine '\(args[0])'\(hint)")
        }
        var regimen = Regimen()
        while i < args.count {
            let word = args[i]
            if let q = Quantity.parse(word) {
                if regimen.dose != nil { return .rejected("two doses given; write one, e.g. 'give \(drug.code) 250mg q8h oral'") }
                regimen.dose = q
            } else if i + 1 < args.count, Double(word) != nil, let q = Quantity.parse(word + args[i + 1]) {
                if regimen.dose != nil { return .rejected("two doses given") }
                regimen.dose = q
                i += 1
            } else if let f = Frequency.parse(word) {
                if regimen.frequency != nil { return .rejected("two frequencies given; write one (e.g. q8h)") }
                regimen.frequency = f
            } else if let r = Route.parse(word) {
                if regimen.route != nil { return .rejected("two routes given; write one (oral, iv, im, sc, topical)") }
                regimen.route = r
            } else if catalogue.item(.medicine, word) != nil {
                return .rejected("give one medicine per line ('\(word)' on its own line)")
            } else if Double(word) != nil {
                return .rejected("'\(word)' needs a unit: mg, g, mcg or units (e.g. 250mg)")
            } else {
                let vocabulary = Frequency.vocabulary + Route.vocabulary
                let hint = Suggestions.phrase(Suggestions.closest(to: word, among: vocabulary))
                return .rejected("could not read '\(word)' in the regimen\(hint); write e.g. 'give \(drug.code) 250mg q8h oral'")
            }
            i += 1
        }
        var command = Command(verb: .give)
        command.items = [drug.code]
        command.regimen = regimen
        return .command(command)
    }
}

/// The catalogue lookups as they were before the merged word tables: built here from the
/// public item lists, so the reference does not share the code under test.
struct ReferenceCatalogue {
    let catalogue: Catalogue
    private var lookup: [ItemKind: [String: Int]] = [:]
    private var hyphenPrefixes: [ItemKind: Set<String>] = [:]

    init(_ catalogue: Catalogue) {
        self.catalogue = catalogue
        for kind in ItemKind.allCases {
            for (index, item) in (catalogue.items[kind] ?? []).enumerated() {
                var map = lookup[item.kind] ?? [:]
                map[item.code] = index
                for alias in item.aliases where map[alias] == nil { map[alias] = index }
                lookup[item.kind] = map
                var prefixes = hyphenPrefixes[item.kind] ?? []
                for key in [item.code] + item.aliases {
                    let parts = key.lowercased().split(separator: "-", omittingEmptySubsequences: false)
                    for n in stride(from: 1, to: parts.count, by: 1) { prefixes.insert(parts[..<n].joined(separator: "-")) }
                }
                hyphenPrefixes[item.kind] = prefixes
            }
        }
    }

    func mayContinue(_ kind: ItemKind, _ word: String) -> Bool {
        hyphenPrefixes[kind]?.contains(word) ?? false
    }

    func item(_ kind: ItemKind, _ codeOrAlias: String) -> CatalogueItem? {
        guard let table = lookup[kind],
              let index = table[codeOrAlias] ?? table[codeOrAlias.lowercased()] else { return nil }
        return catalogue.items[kind]?[index]
    }

    func words(_ kind: ItemKind) -> [String] { catalogue.words(kind) }
    func diagnosis(matching text: String) -> DiagnosisEntry? { catalogue.diagnosis(matching: text) }
}

/// `Quantity.parse` as it was before its ASCII fast path.
enum ReferenceUnits {
    static func quantity(_ text: String) -> Quantity? {
        let lower = String(text.lowercased().filter { !$0.isWhitespace })
        var numberPart = ""
        var unitPart = ""
        for ch in lower {
            if unitPart.isEmpty, ch.isNumber || ch == "." { numberPart.append(ch) } else { unitPart.append(ch) }
        }
        guard let amount = Double(numberPart), amount > 0, amount.isFinite else { return nil }
        let unit: Quantity.Unit
        switch unitPart {
        case "mg", "milligram", "milligrams": unit = .mg
        case "g", "gram", "grams", "gm": unit = .g
        case "mcg", "microgram", "micrograms", "µg", "ug": unit = .mcg
        case "units", "unit", "u", "iu": unit = .units
        default: return nil
        }
        return Quantity(amount: amount, unit: unit)
    }
}
