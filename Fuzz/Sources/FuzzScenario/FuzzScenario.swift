import SpineSimCLI
import SpineSimCore

let catalogue: Catalogue? = try? ScenarioLibrary.loadCatalogue()

/// Each input is a scenario file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let catalogue else { fatalError("cannot load the bundled catalogue") }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let loaded = ScenarioLoader.load(text: text, path: "fuzz.yaml", catalogue: catalogue)
    for d in loaded.diagnostics { _ = d.description }
    if let scenario = loaded.scenario {
        // A case that loads must play: open it and end it.
        var session = Session(scenario: scenario, catalogue: catalogue)
        _ = session.handle("end", lineNumber: 1)
        _ = Grader.grade(session, context: .init(transcriptPath: "fuzz.txt")).debrief
    }
    return 0
}
