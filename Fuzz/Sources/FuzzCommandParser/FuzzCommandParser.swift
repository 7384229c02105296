import SpineSimCLI
import SpineSimCore

/// The cases and catalogue, loaded once from the repository's Scenarios folder.
let library: ScenarioLibrary? = try? ScenarioLibrary.load(extraFolders: [])

/// Each input is one line of the command language (and its words as doses and durations).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let library else { fatalError("cannot load the bundled cases") }
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parser = CommandParser(catalogue: library.catalogue)
    if case .command(let command) = parser.parse(line) {
        _ = command.regimen?.description
    }
    for word in line.split(separator: " ").prefix(8) {
        if let q = Quantity.parse(String(word)) { _ = q.description }
        if let m = DurationText.parse(String(word)) { _ = DurationText.format(m) }
    }
    if let m = CommandParser.parseDuration(line.split(separator: " ").prefix(8).map(String.init)) { _ = DurationText.format(m) }
    return 0
}
