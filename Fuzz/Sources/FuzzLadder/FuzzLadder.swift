import SpineSimCLI
import SpineSimCore

let catalogue: Catalogue? = try? ScenarioLibrary.loadCatalogue()

/// Each input is an analgesic ladder file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLadder(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let catalogue else { fatalError("cannot load the bundled catalogue") }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try LadderLoader.load(text: text, path: "ladder.yaml", catalogue: catalogue)
    } catch {
        for d in error.diagnostics { _ = d.description }
    }
    return 0
}
