import Testing
@testable import SpineSimCore

@Suite struct CompleterTests {
    let completer: Completer

    init() throws { completer = Completer(catalogue: try Fixtures.catalogue()) }

    func candidates(_ line: String) -> [String] { completer.complete(line).candidates }

    @Test func verbsComplete() {
        #expect(candidates("ord") == ["order"])
        #expect(completer.complete("ord").replaceLength == 3)
    }

    @Test func codesAfterTheirVerb() {
        #expect(candidates("examine rec") == ["rectal"])
        #expect(candidates("ask bla") == ["bladder"])
    }

    @Test func aliasesAreOfferedOnlyWhenTheirCodeIsNot() {
        // `slr` is an alias of straight-leg-raise: listed once, by its code.
        let s = candidates("examine s")
        #expect(s.contains("straight-leg-raise"))
        #expect(!s.contains("slr"))
        // `dre` matches only as an alias, so the alias is what is offered.
        #expect(candidates("examine dr") == ["dre"])
    }

    @Test func diagnosisComesFromTheGlobalList() {
        #expect(candidates("diagnose cauda") == ["cauda-equina-syndrome"])
        #expect(candidates("diagnose cauda-equina-syndrome x").isEmpty)
    }

    @Test func doseFormsFollowADrug() {
        let forms = candidates("give paracetamol ")
        #expect(forms.contains("1g"))
        #expect(forms.contains("qds"))
        #expect(forms.contains("iv"))
        #expect(candidates("give paracetamol 1g q").contains("qds"))
    }

    @Test func urgentAndDurations() {
        #expect(candidates("order mri-lumbar ur").contains("urgent"))
        #expect(!candidates("order ur").contains("urgent"))
        #expect(candidates("wait 2").contains("2h"))
        #expect(candidates("wait 2h ").isEmpty)
    }

    @Test func commonPrefix() {
        #expect(Completer.commonPrefix(["xray-lumbar", "xray-chest"]) == "xray-")
        #expect(Completer.commonPrefix([]) == "")
    }
}
