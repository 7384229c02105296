import SpineSimCLI
import SpineSimCore

/// Two reports to compare against: the golden competent transcript and an empty one.
let reports: [GradeReport] = {
    guard let library = try? ScenarioLibrary.load(extraFolders: []), let scenario = library.scenarios.first else {
        fatalError("cannot load the bundled cases")
    }
    let empty = Grader.replay(Transcript(), scenario: scenario, catalogue: library.catalogue)
    let ended = Grader.replay(Transcript.parse("ask onset\nend\n"), scenario: scenario, catalogue: library.catalogue)
    return [Grader.grade(empty, context: .init(transcriptPath: "a.txt")),
            Grader.grade(ended, context: .init(transcriptPath: "b.txt"))]
}()

/// Each input is a `--baseline` file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBaseline(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = Regrade.compare(old: text, baselinePath: "baseline.json", new: reports)
    return 0
}
