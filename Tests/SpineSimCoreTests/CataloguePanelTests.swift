import Testing
@testable import SpineSimCore

/// Panels: one name for several codes, checked against the catalogue when it loads.
@Suite struct CataloguePanelTests {
    func catalogueText(panels: String) -> String { Fixtures.catalogueYAML + "\npanels:\n" + panels }

    func load(_ panels: String) throws -> Catalogue {
        try CatalogueLoader.load(catalogueText: catalogueText(panels: panels), cataloguePath: "catalogue.yaml",
                                 diagnosesText: Fixtures.diagnosesYAML, diagnosesPath: "diagnoses.yaml")
    }

    func errors(_ panels: String) -> [String] {
        do {
            _ = try load(panels)
            return []
        } catch let failure as LoadFailure {
            return failure.diagnostics.filter { $0.severity == .error }.map(\.message)
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    @Test func aPanelExpandsToItsCodesInOrderAndSaysWhatTheyAre() throws {
        let text = catalogueText(panels: """
          - {code: cauda-screen, verb: examine, name: cauda equina examination, aliases: [ces-exam], expands: [rectal, slr]}
        """)
        let catalogue = try load("""
          - {code: cauda-screen, verb: examine, name: cauda equina examination, aliases: [ces-exam], expands: [rectal, slr]}
        """)
        let panels = try CatalogueLoader.panels(catalogueText: text, cataloguePath: "catalogue.yaml", catalogue: catalogue)
        #expect(panels.count == 1)
        #expect(panels.first?.kind == .examination)
        #expect(panels.first?.expands == ["rectal", "straight-leg-raise"])
        #expect(panels.first?.expansionLine(in: catalogue) == "cauda equina examination: digital rectal examination, straight leg raise")
    }

    @Test func anUnknownCodeInAPanelIsAnError() {
        let found = errors("  - {code: screen, verb: order, name: screen, expands: [esr, crpp]}\n")
        #expect(found.contains { $0.contains("'crpp' is not a tests code") })
    }

    @Test func aPanelMayNotTakeAWordOfItsList() {
        let found = errors("  - {code: slr, verb: examine, name: raise, expands: [rectal, vitals]}\n")
        #expect(found.contains { $0.contains("'slr' already names the examinations entry 'straight-leg-raise'") })
    }

    @Test func aPanelNeedsTwoCodesAndAVerbWithAList() {
        #expect(errors("  - {code: one, verb: order, name: one, expands: [esr]}\n").contains { $0.contains("at least two codes") })
        #expect(errors("  - {code: two, verb: wait, name: two, expands: [esr, mri-lumbar]}\n").contains { $0.contains(".verb must be") })
    }
}
