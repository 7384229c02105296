import Testing
@testable import SpineSimCore

@Suite struct ParserTests {
    let parser: CommandParser

    init() throws { parser = CommandParser(catalogue: try Fixtures.catalogue()) }

    func command(_ line: String) throws -> Command {
        guard case .command(let c) = parser.parse(line) else {
            Issue.record("'\(line)' was not accepted: \(parser.parse(line))")
            throw ParseFailed()
        }
        return c
    }

    struct ParseFailed: Error {}

    func rejection(_ line: String) -> Rejection? {
        if case .rejected(let rejection) = parser.parse(line) { return rejection }
        return nil
    }

    @Test func severalItemsAliasesAndCase() throws {
        let c = try command("EXAMINE dre SLR")
        #expect(c.verb == .examine)
        #expect(c.items == ["rectal", "straight-leg-raise"])
    }

    @Test func multiWordItems() throws {
        #expect(try command("ask saddle numbness").items == ["saddle-numbness"])
        #expect(try command("examine straight leg raise").items == ["straight-leg-raise"])
    }

    @Test func urgentOrders() throws {
        let c = try command("order mri-lumbar urgent")
        #expect(c.urgent)
        #expect(c.items == ["mri-lumbar"])
        #expect(rejection("advise stay-active urgent") == Rejection(.qualifierNotAllowed, word: "urgent", position: 2))
        #expect(rejection("order esr urgent routine") == Rejection(.qualifierRepeated, word: "routine", position: 3))
        // The qualifier may stand anywhere; the words around it still join into one code.
        #expect(try command("order mri urgent lumbar").items == ["mri-lumbar"])
    }

    @Test func doses() throws {
        let c = try command("give naproxen 250mg q8h oral")
        #expect(c.regimen == Regimen(dose: Quantity(amount: 250, unit: .mg), frequency: .everyHours(8), route: .oral))
        let spaced = try command("give paracetamol 1 g qds po")
        #expect(spaced.regimen?.dose == Quantity(amount: 1, unit: .g))
        #expect(spaced.regimen?.route == .oral)
        #expect(try command("give codeine").regimen == Regimen())
        #expect(rejection("give naproxen 250") == Rejection(.doseNeedsUnit, word: "250", position: 2))
        #expect(rejection("give naproxen 250mg q8h orl")
                == Rejection(.unreadableRegimen(example: "give naproxen 250mg q8h oral"), word: "orl", position: 4, suggestions: ["oral"]))
        #expect(rejection("give naproxen codeine") == Rejection(.oneMedicinePerLine, word: "codeine", position: 2))
        #expect(rejection("give naproxen 250mg 500mg") == Rejection(.twoDoses(example: "give naproxen 250mg q8h oral"), word: "500mg", position: 3))
        #expect(rejection("give") == Rejection(.missingArgument(.give)))
    }

    @Test func durations() throws {
        #expect(try command("wait 2d").duration == 2880)
        #expect(try command("wait 30 min").duration == 30)
        #expect(try command("wait 1h 30m").duration == 90)
        #expect(rejection("wait soon") == Rejection(.notADuration, word: "soon", position: 1))
        #expect(rejection("wait") == Rejection(.missingArgument(.wait)))
        #expect(rejection("wait 53w") == Rejection(.durationOutOfRange, position: 1))
    }

    @Test func didYouMean() {
        #expect(rejection("ordr esr") == Rejection(.unknownVerb, word: "ordr", position: 0, suggestions: ["order"]))
        #expect(rejection("ask onset bladdr") == Rejection(.unknownItem(.question), word: "bladdr", position: 2, suggestions: ["bladder"]))
        #expect(rejection("examine xyzzy") == Rejection(.unknownItem(.examination), word: "xyzzy", position: 1))
        #expect(rejection("chart now") == Rejection(.nothingAllowedAfter(.chart), word: "now", position: 1))
        #expect(rejection("help ordr") == Rejection(.noHelpOn, word: "ordr", position: 1, suggestions: ["order"]))
    }

    @Test func commentsAndBlanksAreNothing() {
        #expect(parser.parse("   ") == .nothing)
        #expect(parser.parse("# a comment") == .nothing)
    }

    @Test func freeTextVerbs() throws {
        #expect(try command("diagnose Cauda Equina Syndrome").text == "Cauda Equina Syndrome")
        #expect(try command("differential ces, slipped disc").list == ["ces", "slipped disc"])
        #expect(try command("note worried about work").text == "worried about work")
        #expect(try command("admit").items == ["medicine"])
    }

    @Test func completionOffersGlobalVocabularyOnly() throws {
        let completer = Completer(catalogue: try Fixtures.catalogue())
        #expect(completer.complete("ord").candidates == ["order"])
        #expect(completer.complete("ask bla").candidates == ["bladder"])
        #expect(completer.complete("ask bla").replaceLength == 3)
        #expect(completer.complete("order mri-lumbar ur").candidates == ["urgent"])
        #expect(completer.complete("diagnose cauda").candidates == ["cauda-equina-syndrome"])
        #expect(completer.complete("wait 2").candidates.contains("2d"))
        #expect(completer.complete("give naproxen ").candidates.contains("250mg"))
        #expect(completer.complete("examine d").candidates == ["dre"])
    }

    @Test func aMisspeltUrgentIsSuggested() {
        #expect(rejection("order mri-lumbar urgnt")?.suggestions == ["urgent"])
        #expect(rejection("ask bladder urgnt")?.suggestions.contains("urgent") == false)
    }

    /// The wording is written apart from the value; these pin the sentences a trainee reads.
    @Test func rejectionsAreWordedForTheTrainee() {
        #expect(Rejection(.unknownVerb, word: "ordr", position: 0, suggestions: ["order"]).message
                == "unknown verb 'ordr'; did you mean 'order'? (type 'help' for the list)")
        #expect(Rejection(.unknownItem(.question), word: "x", position: 1, suggestions: ["a", "b", "c"]).message
                == "'x' is not a history topic I know, so nothing on this line was done; did you mean 'a', 'b' or 'c'?")
        #expect(Rejection(.missingArgument(.order)).message == "order what? e.g. 'order esr crp' or 'order mri-lumbar urgent'")
        #expect(Rejection(.twoDoses(example: nil), word: "1", position: 3).message == "two doses given")
        #expect(Rejection(.twoDoses(example: "give naproxen 250mg q8h oral"), word: "1g", position: 3).message
                == "two doses given; write one, e.g. 'give naproxen 250mg q8h oral'")
    }
}
