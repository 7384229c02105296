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

    func rejection(_ line: String) -> String? {
        if case .rejected(let reason) = parser.parse(line) { return reason }
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
        #expect(rejection("advise stay-active urgent")?.contains("order and refer") == true)
    }

    @Test func doses() throws {
        let c = try command("give naproxen 250mg q8h oral")
        #expect(c.regimen == Regimen(dose: Quantity(amount: 250, unit: .mg), frequency: .everyHours(8), route: .oral))
        let spaced = try command("give paracetamol 1 g qds po")
        #expect(spaced.regimen?.dose == Quantity(amount: 1, unit: .g))
        #expect(spaced.regimen?.route == .oral)
        #expect(try command("give codeine").regimen == Regimen())
        #expect(rejection("give naproxen 250")?.contains("needs a unit") == true)
        #expect(rejection("give naproxen 250mg q8h orl")?.contains("did you mean 'oral'") == true)
        #expect(rejection("give naproxen codeine")?.contains("one medicine per line") == true)
    }

    @Test func durations() throws {
        #expect(try command("wait 2d").duration == 2880)
        #expect(try command("wait 30 min").duration == 30)
        #expect(try command("wait 1h 30m").duration == 90)
        #expect(rejection("wait soon")?.contains("not a duration") == true)
        #expect(rejection("wait") != nil)
    }

    @Test func didYouMean() {
        #expect(rejection("ordr esr")?.contains("did you mean 'order'") == true)
        #expect(rejection("ask bladdr")?.contains("did you mean 'bladder'") == true)
        #expect(rejection("examine xyzzy")?.hasPrefix("unknown examination 'xyzzy'") == true)
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
        #expect(rejection("order mri-lumbar urgnt")?.contains("did you mean 'urgent'") == true)
        #expect(rejection("ask bladder urgnt")?.contains("'urgent'") == false)
    }
}
