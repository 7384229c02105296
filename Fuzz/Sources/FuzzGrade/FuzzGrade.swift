import SpineSimCLI
import SpineSimCore

let library: ScenarioLibrary? = try? ScenarioLibrary.load(extraFolders: [])

/// Each input is a transcript: replayed against the case it names (or one chosen by its
/// length), graded, and rendered in every report format.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGrade(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let library, !library.scenarios.isEmpty else { fatalError("cannot load the bundled cases") }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let transcript = Transcript.parse(text)
    let scenario = (try? library.scenario(for: transcript, path: "fuzz.txt", override: nil))
        ?? library.scenarios[size % library.scenarios.count]
    let session = Grader.replay(transcript, scenario: scenario, catalogue: library.catalogue)
    let report = Grader.grade(session, context: .init(transcriptPath: "fuzz.txt", student: transcript.metadata["student"],
                                                      started: transcript.metadata["started"]))
    for format in ReportFormat.allCases { _ = ReportRenderer.render([report], format: format) }
    _ = report.debrief
    return 0
}
