import Foundation
import SpineSimCLI
import SpineSimCore

/// The bundled diagnoses file, read once.
let diagnoses: String = {
    guard let folder = ScenarioLibrary.bundledFolder(),
          let text = try? FileAccess.readText(folder + "/catalogue/diagnoses.yaml") else { fatalError("cannot find the bundled catalogue") }
    return text
}()

/// Each input is a catalogue file; the bundled diagnoses go with it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalogue(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try CatalogueLoader.load(catalogueText: text, cataloguePath: "catalogue.yaml",
                                     diagnosesText: diagnoses, diagnosesPath: "diagnoses.yaml", ladders: [])
    } catch {
        for d in error.diagnostics { _ = d.description }
    }
    return 0
}
