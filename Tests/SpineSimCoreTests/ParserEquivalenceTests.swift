import Foundation
import Testing
@testable import SpineSimCore

/// The command and transcript parsers have plain-ASCII fast paths; these tests check that they
/// agree exactly with the reference implementations in ReferenceParsers.swift (the code as it
/// was before the fast paths) on the bundled cases' lines and on many variants of them:
/// upper case, odd white space, Unicode white space, accents and combining marks, CR LF.
@Suite struct ParserEquivalenceTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bundledText(_ relativePath: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static func bundledCatalogue() throws -> Catalogue {
        try CatalogueLoader.load(catalogueText: try bundledText("Scenarios/catalogue/catalogue.yaml"), cataloguePath: "catalogue.yaml",
                                 diagnosesText: try bundledText("Scenarios/catalogue/diagnoses.yaml"), diagnosesPath: "diagnoses.yaml")
    }

    /// Every bundled case file, whole.
    static func caseFiles() throws -> [String] {
        let folder = repositoryRoot.appendingPathComponent("Scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count > 5)
        return try names.map { try bundledText("Scenarios/\($0)") }
    }

    /// Lines written to reach corners: every verb's rejections, units, Unicode.
    static let handWritten = [
        "", " ", "\t", "#", "# comment", "#ask onset", " #x", "?", "? order", "help", "help ordr", "help order give",
        "ask", "ask onset", "ASK Onset START", "Ask  onset\tbladder", "ask onset onset", "ask saddle numbness",
        "examine straight leg raise", "examine straight leg", "examine straight-leg-raise slr dre",
        "order", "order urgent", "order esr urgent", "order URGENT esr", "order esr urgently", "order esr routine",
        "order urgent esr urgent", "order esr routine urgent", "order esr crp urgnt", "order x-ray-lumbar",
        "refer urgent", "refer physiotherapy urgent", "advise stay-active urgent", "advise", "perform", "stop",
        "admit", "admit medicine", "admit medicine surgery", "admit urgent", "discharge", "discharge now",
        "chart", "results", "results esr", "end", "end now", "quit", "exit", "summary",
        "give", "give naproxen", "give naproxen 250mg q8h oral", "give naproxen 250 mg q8h po", "give paracetamol 1 g qds po",
        "give naproxen 250", "give naproxen 250 q8h", "give naproxen 250mg 500mg", "give naproxen q8h q6h", "give naproxen oral iv",
        "give naproxen codeine", "give naproxen 250mg q8h orl", "give naproxen 1.5g", "give naproxen .5g", "give naproxen 1..5g",
        "give naproxen 0mg", "give naproxen -1mg", "give naproxen 250MG Q8H ORAL", "give naproxen 5000units", "give naproxen 5000 unit",
        "give naproxen 100µg", "give naproxen 100 µg", "give naproxen ½g", "give naproxen ٢٥٠mg", "give naproxen 250mg q0h",
        "give naproxen 250mg q73h", "give naproxen 250mg q72h", "give naproxen 1e3mg", "give naproxen 250mg once-daily as-needed",
        "wait", "wait 30m", "wait 6h", "wait 2d", "wait 3w", "wait 1h30m", "wait 1h 30m", "wait 30 min", "wait 2 days", "wait 1 hour 30 minutes",
        "wait 0m", "wait 53w", "wait 52w", "wait soon", "wait 1234567m", "wait 123456m", "wait 1.5h", "wait h", "wait 5", "wait 5 5",
        "wait days 2", "wait 2 days days", "wait ５h", "wait 2Ｄ", "wait 1H", "wait 2 DAYS", "wait 30 Min",
        "diagnose", "diagnose mechanical low back pain", "diagnose Café au lait", "DX  Renal  Colic ",
        "differential", "differential renal-colic, spinal metastasis", "differential a,,b", "differential renal-colic spinal-metastasis",
        "ddx Renal-Colic", "note", "note patient  anxious\tabout work", "note café", "NOTE Zoë said so",
        "café", "ask café", "ask onse", "examne slr", "\u{212A}", "As\u{212A} onset", "ask \u{212A}", "İ", "ask İ",
        "ask onset\u{A0}bladder", "ask\u{3000}onset", "ask onset\u{2028}", "\u{A0}ask onset\u{A0}", "ask onset\u{85}",
        "ask e\u{301}", "ask onset \u{301}", "ask onset\u{301}", " \u{301}", "\u{301}", "\u{0600} ask", "ask onset\u{0600} ",
        "ask onset\r\nexamine slr", "ask\r\nonset", "ask onset\r", "ask\u{1C}onset", "ask\u{0}onset", "ask onset\u{7F}",
        "脊椎 ask", "ask 脊椎", "order épaule", "give épaule 1g",
    ]

    /// Ways a line may be typed differently.
    static func variants(of line: String) -> [String] {
        [
            line,
            line.uppercased(),
            line.capitalized,
            "  \t" + line + " \r",
            line.replacingOccurrences(of: " ", with: "\t  "),
            line.replacingOccurrences(of: "-", with: " "),
            line.replacingOccurrences(of: " ", with: "\u{A0}"),
            line.replacingOccurrences(of: " ", with: " \u{301}"),
            line + " café",
            "é" + line,
            "\u{3000}" + line + "\u{2003}",
        ]
    }

    static func corpus() throws -> [String] {
        var seen = Set<String>()
        var lines: [String] = []
        for text in try caseFiles() {
            for raw in text.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if seen.insert(line).inserted { lines.append(line) }
            }
        }
        // Lines that begin with a verb (transcript lines, mostly) in every variant; the rest of
        // the case files (prose, keys) as they are, for the rejection paths.
        var corpus = handWritten.flatMap(variants(of:))
        for line in lines {
            if let first = line.split(separator: " ").first, CommandParser.verb(String(first)) != nil {
                corpus += variants(of: line)
            } else {
                corpus.append(line)
            }
        }
        return corpus
    }

    @Test(arguments: ["fixture", "bundled"])
    func commandParserAgreesWithReference(catalogueName: String) throws {
        let catalogue = catalogueName == "fixture" ? try Fixtures.catalogue() : try ParserEquivalenceTests.bundledCatalogue()
        let parser = CommandParser(catalogue: catalogue)
        let reference = ReferenceCommandParser(catalogue: catalogue)
        var accepted = 0
        for line in try ParserEquivalenceTests.corpus() {
            let got = parser.parse(line)
            #expect(got == reference.parse(line), "line: \(line.debugDescription)")
            if case .command = got { accepted += 1 }
        }
        // The corpus must exercise the accepting paths, not only rejections.
        #expect(accepted > 500)
    }

    @Test func lowercasedWordsAgreeWithGeneralPath() throws {
        for line in try ParserEquivalenceTests.corpus() {
            let general = line.split(whereSeparator: \.isWhitespace).map(String.init)
            #expect(CommandParser.words(of: line) == general, "line: \(line.debugDescription)")
            #expect(CommandParser.lowercasedWords(of: line) == general.map { $0.lowercased() }, "line: \(line.debugDescription)")
        }
    }

    @Test func verbLookupAgreesWithReference() throws {
        let words = try ParserEquivalenceTests.corpus().flatMap { $0.split(separator: " ").map(String.init) }
            + Verb.allCases.map(\.rawValue) + Verb.aliases.keys.map { $0.uppercased() }
        for word in words {
            #expect(CommandParser.verb(word) == ReferenceCommandParser.verb(word), "word: \(word.debugDescription)")
        }
    }

    @Test func catalogueLookupsAgreeWithReference() throws {
        for catalogue in [try Fixtures.catalogue(), try ParserEquivalenceTests.bundledCatalogue()] {
            let reference = ReferenceCatalogue(catalogue)
            var words = try ParserEquivalenceTests.corpus().flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
            for kind in ItemKind.allCases {
                for word in catalogue.words(kind) {
                    let parts = word.split(separator: "-")
                    words += [word, word.uppercased(), word.capitalized, word + "-", word + "-x"]
                    words += (1..<max(1, parts.count)).map { parts[..<$0].joined(separator: "-") }
                }
            }
            for kind in ItemKind.allCases {
                for word in words {
                    #expect(catalogue.item(kind, word) == reference.item(kind, word), "\(kind) \(word.debugDescription)")
                    #expect(catalogue.code(kind, word) == reference.item(kind, word)?.code, "\(kind) \(word.debugDescription)")
                    #expect(catalogue.mayContinue(kind, word) == reference.mayContinue(kind, word), "\(kind) \(word.debugDescription)")
                    let both = catalogue.codeAndContinuation(kind, word)
                    #expect(both.code == reference.item(kind, word)?.code && both.mayContinue == reference.mayContinue(kind, word))
                }
            }
        }
    }

    /// Dose and duration words, and variants of them.
    static let unitWords = [
        "", " ", ".", "0", "250", "250mg", "250 mg", "250MG", "250Mg", " 250mg ", "250\tmg", "250\r\nmg", "1.5g", ".5g", "5.g",
        "1..5g", "1.5.5g", "0mg", "0.0g", "-1mg", "+1mg", "1e3mg", "1e3", "inf", "infmg", "nanmg", "1mg2", "mg", "mg250",
        "5000units", "5000 unit", "5000UNITS", "5u", "5iu", "5IU", "1gm", "1 gram", "2grams", "100mcg", "100µg", "100 µg",
        "100ug", "½g", "٢٥٠mg", "２５０mg", "250ｍｇ", "250mg\u{301}", "250\u{A0}mg", "250\u{3000}mg", "1" + String(repeating: "0", count: 400) + "mg",
        "30m", "6h", "2d", "3w", "1h30m", "0m", "1H", "2D", "3W", "30M", "1h 30m", "h", "5", "5x", "-3h", "1.5h", "abc",
        "123456m", "1234567m", "0000001m", "999999w", "999999w999999w", "1h1h", "1hh", "h1", "1h\r\n", "1\r\nh", "1h\r",
        "５h", "2Ｄ", "1h\u{301}", "1\u{212A}", "1ｍ", "1\u{A0}h", "\u{0}", "q8h", "oral", "1mg1mg",
    ]

    @Test func unitParsersAgreeWithReference() throws {
        let words = ParserEquivalenceTests.unitWords
            + (try ParserEquivalenceTests.corpus()).flatMap { $0.split(separator: " ").map(String.init) }
        for word in words {
            #expect(Quantity.parse(word) == ReferenceUnits.quantity(word), "word: \(word.debugDescription)")
            #expect(DurationText.parse(word) == DurationText.parseCharacters(word), "word: \(word.debugDescription)")
        }
    }

    static let handWrittenTranscripts = [
        "", "\n", "\n\n\n", "ask onset", "ask onset\n", "\r\n", "# seed: 7\r\nask onset\r\nend\r\n",
        "# scenario: test-ces\n# seed: 7\n# other: ignored\n\nask onset\n# comment\n  examine rectal  \n",
        "## Seed : 12\n#CASE:x\n#   student:   Zoë  \n# started: 2026-01-01T09:00\n# seed: 13\nask onset\n# seed: 14\n",
        "# Scenario:\n# scenario: \t \n# scenario: later\n",
        "#: x\n# :\n#seed:1:2\n\t# case: tabbed\nask onset",
        "# seed: 5\u{A0}\n\u{A0}# case: nbsp\u{A0}\nask onset\u{A0}\n\u{3000}examine slr\u{2003}\n",
        "# stüdent: x\n# student: é\u{301}\n# case: e\u{301}\nask e\u{301}\n\u{301}\n \u{301}\n#\u{301} seed: 3\n",
        "ask onset\n\u{0600} \nexamine slr\u{0600} \n",
        "# seed: 1\n\n\n# case: after blank\n\n   \nask onset\n\n# case: after command\n",
        "ask onset\r\r\nexamine\r\n\nend\r", "\u{85}ask onset\u{85}\n\u{2028}end\u{2029}",
        "# seed: 1\u{0}\nask\u{0}onset\u{1F}\n\u{7F}\n",
    ]

    @Test func transcriptParseAgreesWithReference() throws {
        var texts = ParserEquivalenceTests.handWrittenTranscripts + (try ParserEquivalenceTests.caseFiles())
        // Transcripts built from the corpus, as files with LF and with CR LF line ends.
        let corpus = try ParserEquivalenceTests.corpus()
        for start in stride(from: 0, to: corpus.count, by: 40) {
            let chunk = corpus[start..<min(corpus.count, start + 40)]
            texts.append("# seed: \(start)\n# Case : c\(start)\n" + chunk.joined(separator: "\n") + "\n")
            texts.append(chunk.joined(separator: "\r\n"))
        }
        for text in texts {
            #expect(Transcript.parse(text) == Transcript.parseLines(text), "text: \(text.prefix(200).debugDescription)")
        }
    }
}
