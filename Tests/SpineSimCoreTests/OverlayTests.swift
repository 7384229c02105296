import Testing
@testable import SpineSimCore

/// A case folder's own catalogue additions (`DIR/catalogue/`) merged into the catalogue.
@Suite struct OverlayTests {
    static let overlayYAML = """
    version: 1
    services:
      - {code: regional-vascular-service, name: regional vascular service, aliases: [vascular-hub]}
    """

    @Test func anOverlayAddsCodesAndRecordsEveryFile() throws {
        let base = try Fixtures.catalogue()
        #expect(base.item(.service, "regional-vascular-service") == nil)
        let merged = try CatalogueLoader.overlay(base, catalogue: (Self.overlayYAML, "dir/catalogue/catalogue.yaml"), diagnoses: nil)
        #expect(merged.item(.service, "vascular-hub")?.code == "regional-vascular-service")
        #expect(merged.item(.service, "physio")?.code == "physiotherapy")
        #expect(merged.files.map(\.name) == ["bundled", "dir/catalogue/catalogue.yaml"])
        #expect(merged.files.first?.sha256 == base.sha256)
        #expect(merged.sha256 != base.sha256)
        #expect(base.files.isEmpty)
    }

    @Test func aCodeOrAliasOfTheBundledCatalogueIsALocatedError() throws {
        let base = try Fixtures.catalogue()
        let clash = """
        version: 1
        services:
          - {code: vascular, name: vascular}
          - {code: physio-plus, name: physio plus, aliases: [physio]}
        """
        do {
            _ = try CatalogueLoader.overlay(base, catalogue: (clash, "d/catalogue/catalogue.yaml"), diagnoses: nil)
            Issue.record("an alias of a bundled code was accepted")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.count == 1)
            #expect(messages.first?.hasPrefix("d/catalogue/catalogue.yaml:4:5: error: services: 'physio' is an alias of 'physiotherapy'") == true)
            #expect(messages.first?.contains("give this entry a code and aliases of its own") == true)
        }
    }

    @Test func aDiagnosisTheCatalogueKnowsIsAnError() throws {
        let base = try Fixtures.catalogue()
        let clash = """
        version: 1
        diagnoses:
          - {code: ces-2, name: ces}
        """
        #expect(throws: LoadFailure.self) {
            _ = try CatalogueLoader.overlay(base, catalogue: nil, diagnoses: (clash, "d/catalogue/diagnoses.yaml"))
        }
    }

    @Test func settingsOfTheBundledCatalogueAreRefusedInAnOverlay() throws {
        let base = try Fixtures.catalogue()
        let text = "version: 1\nunlisted:\n  order: {tier: neutral}\n"
        do {
            _ = try CatalogueLoader.overlay(base, catalogue: (text, "d/catalogue/catalogue.yaml"), diagnoses: nil)
            Issue.record("unlisted accepted in an overlay")
        } catch {
            #expect(error.diagnostics.first?.description.contains("'unlisted' belongs to the bundled catalogue only") == true)
        }
    }

    @Test func aCatalogueFileAmongTheCasesSaysWhereItBelongs() {
        let found = MisplacedCatalogue.diagnostic(text: Fixtures.catalogueYAML, path: "dir/catalogue.yaml")
        #expect(found?.description.hasPrefix("dir/catalogue.yaml:1:1: error: this is a catalogue file, not a case") == true)
        #expect(found?.message.contains("catalogue/catalogue.yaml") == true)
        let ladder = MisplacedCatalogue.diagnostic(text: "id: x\nname: X\nrungs: []\n", path: "dir/x.yaml")
        #expect(ladder?.message.contains("catalogue/ladders/x.yaml") == true)
        #expect(MisplacedCatalogue.diagnostic(text: Fixtures.scenarioYAML, path: "dir/test-ces.yaml") == nil)
    }

    @Test func aCaseWithoutALadderHasAPlainManagementTitle() throws {
        let session = try Fixtures.session(["examine rectal", "end"])
        let report = Grader.grade(session, context: .init(transcriptPath: "t.txt"))
        #expect(report.debrief.contains("\nManagement: "))
        #expect(!report.debrief.contains("guideline ladder"))
        #expect(ReportRenderer.render([report], format: .gradescope).contains("\"Management\""))
    }

    @Test func theCSVHeaderNamesEachColumnOnce() throws {
        let session = try Fixtures.session(["end"])
        let csv = ReportRenderer.render([Grader.grade(session, context: .init(transcriptPath: "t.txt"))], format: .csv)
        let header = csv.split(separator: "\n")[0].split(separator: ",")
        #expect(Set(header).count == header.count)
        #expect(header.suffix(3) == ["diagnosis_given", "diagnosis_correct", "rejected_lines"])
    }
}

@Suite struct UnknownCodeHintTests {
    @Test func anUnknownCodeWithNoNearMatchSaysWhereToAddIt() throws {
        let result = ActionPattern.parse("refer regional-vascular-service", catalogue: try Fixtures.catalogue())
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.message == "unknown refer code 'regional-vascular-service'; to add a code the catalogue lacks, put it in the case folder's catalogue/catalogue.yaml (Docs/catalogue-format.md, 'Overlays')")
    }
}
