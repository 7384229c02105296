import SpineSimCLI
import Testing
import SpineSimCore

/// The parser half of issue 13 against the bundled catalogue: multi-word names longest
/// first, commas, fillers, one-off doses, panels, volumes, rejected lines that say nothing
/// on them was done, and suggestions that name a medicine's class.
@Suite struct Issue13ParserTests {
    static let catalogue: Catalogue? = try? Repo.lib().catalogue

    func parse(_ line: String) throws -> ParsedLine {
        CommandParser(catalogue: try #require(Issue13ParserTests.catalogue)).parse(line)
    }

    func items(_ line: String) throws -> [String]? {
        if case .command(let command) = try parse(line) { return command.items }
        return nil
    }

    func command(_ line: String) throws -> Command {
        guard case .command(let command) = try parse(line) else {
            Issue.record("'\(line)' was not understood: \(try parse(line))")
            throw Failed()
        }
        return command
    }

    func rejection(_ line: String) throws -> Rejection? {
        if case .rejected(let rejection) = try parse(line) { return rejection }
        return nil
    }

    struct Failed: Error {}

    @Test func commasSeparateMultiWordItems() throws {
        #expect(try items("advise stay active, exercise, return to work") == ["stay-active", "exercise", "return-to-work"])
        #expect(try items("order u&e, lft, fbc") == ["renal", "lft", "fbc"])
        #expect(try items("order u&e,lft ,fbc urgent") == ["renal", "lft", "fbc"])
    }

    @Test func multiWordNamesLongestFirst() throws {
        #expect(try items("examine general inspection") == ["general", "inspection"])
        #expect(try items("examine sacroiliac joints skin") == ["sacroiliac", "skin"])
        #expect(try items("advise stay active") == ["stay-active"])
        // A comma ends a name: the two words are not joined across it.
        #expect(try items("examine sacroiliac, joints") == ["sacroiliac", "joints"])
    }

    @Test func fillerWordsAreSkipped() throws {
        #expect(try items("refer to vascular surgery") == ["vascular-surgery"])
        #expect(try items("order fbc and crp") == ["fbc", "crp"])
        #expect(try items("admit") == ["medicine"])
        #expect(try rejection("refer to")?.problem == .missingArgument(.refer))
    }

    @Test func aDoseWithNoFrequencyOnAOneOffRouteIsOnce() throws {
        let im = try command("give diclofenac 75mg im")
        #expect(im.regimen?.frequency == .once)
        #expect(im.takenAsOnce)
        // By mouth, diclofenac is regular dosing: the usual frequency fills in later.
        let oral = try command("give diclofenac 50mg oral")
        #expect(oral.regimen?.frequency == nil)
        #expect(!oral.takenAsOnce)
        // A frequency written is kept.
        #expect(try command("give diclofenac 75mg im bd").regimen?.frequency == .bd)
        #expect(try command("give diclofenac 75mg stat im").regimen?.frequency == .stat)
    }

    @Test func panelsExpandToTheirCodes() throws {
        #expect(try items("examine neuro") == ["gait", "lower-limb-power", "lower-limb-reflexes", "lower-limb-sensation", "plantar-response"])
        #expect(try items("order sepsis-screen")?.count == 8)
        #expect(try command("order sepsis screen").panels == ["sepsis-screen"])
        // A code already on the line is not ordered twice.
        #expect(try items("order fbc sepsis-screen")?.filter { $0 == "fbc" }.count == 1)
    }

    @Test func fluidsTakeVolumesRatesAndDurations() throws {
        let bag = try command("give sodium-chloride-0-9 1000ml over 4h iv")
        #expect(bag.items == ["sodium-chloride-0-9"])
        #expect(bag.regimen == Regimen(dose: Quantity(amount: 1000, unit: .ml), route: .iv, over: 240))
        #expect(try command("give saline 500 ml stat").regimen?.dose == Quantity(amount: 500, unit: .ml))
        #expect(try command("give saline 1l iv").regimen?.dose == Quantity(amount: 1, unit: .l))
        #expect(try command("give saline 125ml/h iv").regimen?.dose == Quantity(amount: 125, unit: .mlPerHour))
        #expect(try rejection("give saline 1000ml over iv")?.problem == .unreadableRegimen(example: "give sodium-chloride-0-9 once iv"))
    }

    @Test func oxygenTakesAFlowAndTheInhaledRoute() throws {
        let given = try command("give oxygen 15l/min")
        #expect(given.items == ["oxygen"])
        #expect(given.regimen?.dose == Quantity(amount: 15, unit: .litresPerMinute))
        let spaced = try command("give o2 2 lpm inhaled")
        #expect(spaced.items == ["oxygen"])
        #expect(spaced.regimen?.dose == Quantity(amount: 2, unit: .litresPerMinute))
        #expect(spaced.regimen?.route == .inhaled)
        #expect(Quantity.parse("15l/min")?.description == "15 l/min")
    }

    @Test func regimensWithVolumesRoundTrip() throws {
        for line in ["give saline 1000 ml once iv over 4h", "give saline 125 ml/h iv", "give saline 1 l stat iv over 1h30m"] {
            let first = try command(line)
            let printed = "give saline " + (first.regimen?.description ?? "")
            #expect(try command(printed).regimen == first.regimen, "\(line) -> \(printed)")
        }
    }

    @Test func aRejectedLineSaysNothingOnItWasDone() throws {
        guard case .rejected(let reason) = try parse("order crossmatch fbc u-and-e-plz clotting") else {
            Issue.record("a line with an unknown code should be rejected")
            return
        }
        #expect(reason.word == "u-and-e-plz")
        #expect(reason.message.contains("'u-and-e-plz'"))
        #expect(reason.message.contains("nothing on this line was done"))
    }

    @Test func medicineSuggestionsOfAnotherClassSaySo() throws {
        let r = try #require(try rejection("give naproxin"))
        #expect(r.suggestions.first == "naproxen")
        // Every suggested medicine carries its class; an alias names its drug.
        for s in r.suggestions { #expect(r.notes[s] != nil, "\(s) has no class beside it") }
        #expect(r.message.contains("'naproxen' (an NSAID)"))
        #expect(r.message.contains("'ciproxin' (ciprofloxacin, an antibiotic)"))
        #expect(try rejection("give clindamicin")?.message.hasSuffix("did you mean 'clindamycin' (an antibiotic)?") == true)
    }

    @Test func theCorrectedLineReplacesTheWordAtFault() throws {
        let r = try #require(try rejection("order fbc crpp esr"))
        #expect(r.corrected("order fbc crpp esr") == "order fbc \(r.suggestions.first ?? "") esr")
        let comma = try #require(try rejection("order fbc,crpp, esr"))
        #expect(comma.corrected("order fbc,crpp, esr") == "order fbc,\(comma.suggestions.first ?? ""), esr")
        #expect(try rejection("order u-and-e-plz")?.corrected("order u-and-e-plz") == nil)
    }

    @Test func helpPagesAVerbByGroup() throws {
        let catalogue = try #require(Issue13ParserTests.catalogue)
        let order = Help.lines(for: .order, catalogue: catalogue).map(\.text)
        #expect(order.count < 40, "help order is a wall of \(order.count) lines")
        #expect(order.contains { $0.contains("imaging-ct") && $0.contains("6") })
        guard case .command(let c) = try parse("help order imaging-ct") else {
            Issue.record("help order imaging-ct was not understood")
            return
        }
        let ct = Help.lines(for: .order, group: c.list.first, catalogue: catalogue).map(\.text)
        #expect(ct.contains { $0.contains("ct-kub") })
        #expect(!ct.contains { $0.contains("mri-lumbar") })
        #expect(try rejection("help order imagnig")?.problem == .noHelpOn)
    }

    /// Tab on a verb of the large catalogue lists a page of stems, not a wall of codes; a
    /// stem typed narrows to the codes again.
    @Test func completionOfALargeListIsAPageOfStems() throws {
        let completer = Completer(catalogue: try #require(Issue13ParserTests.catalogue))
        let all = completer.complete("order ").candidates
        #expect(all.contains("mri-"))
        #expect(!all.contains("mri-lumbar"))
        #expect(all.count < 90, "\(all.count) candidates")
        let mri = completer.complete("order mri-").candidates
        #expect(mri.contains("mri-lumbar"))
    }
}
