// Grading benchmark: writes a few thousand transcripts (the bundled cases' self-test
// transcripts, varied by seed and by extra lines), then in one process measures
//   1. reading the files only, the way `grade` reads them,
//   2. reading + parsing + replaying + grading (the path `spinesim grade` takes),
//   3. the same plus rendering the JSON report,
//   4. grading on every core, all cores sharing one copy of the cases, keeping every report,
//      and then, timed on its own, freeing those reports on the main thread,
// then peak memory (getrusage ru_maxrss), then
//   5. on every core, rendering CSV and JSON as each report is graded, keeping only the output
//      (what `grade` does),
//   6. each phase alone on one core (parse, replay, grade), texts already in memory,
// printing wall time, transcripts per second and CPU time for each.
// Run: swift run -c release spinesim-bench [COUNT]
// (Start-up and whole-command figures: Benchmarks/whole-commands.sh; see Docs/commands.md.)
import Foundation
import SpineSimCLI
import SpineSimCore

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5000

/// Milliseconds `body` takes, best of five (start-up's parts are short and the first run warms caches).
func bestOfFive(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<5 {
        let start = clock.now
        body()
        let d = clock.now - start
        best = min(best, Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
    }
    return best
}

// Start-up's parts: what `list` and `play N` do before the first prompt.
let folders = ScenarioLibrary.folders(extra: [])
let indexMs = bestOfFive { _ = CaseIndex.build(folders: folders) }
let catalogueMs = bestOfFive { _ = try? ScenarioLibrary.loadCatalogue() }
if let catalogue = try? ScenarioLibrary.loadCatalogue(), let first = CaseIndex.build(folders: folders).entries.first {
    let caseMs = bestOfFive { _ = try? CaseStore(catalogue: catalogue, index: CaseIndex(entries: [first], diagnostics: [])).scenario(first) }
    print(String(format: "start-up parts: index of the cases %.2f ms, catalogue %.2f ms, one case (%@) %.2f ms",
                 indexMs, catalogueMs, first.id, caseMs))
    // What the start-up cache reads instead of YAML (Docs/commands.md, "The start-up cache").
    let catalogueBytes = catalogue.snapshot()
    if let scenario = try? CaseStore(catalogue: catalogue, index: CaseIndex(entries: [first], diagnostics: [])).scenario(first) {
        let caseBytes = scenario.snapshot()
        let catalogueSnapshotMs = bestOfFive { _ = try? Catalogue(snapshot: catalogueBytes) }
        let caseSnapshotMs = bestOfFive { _ = try? Scenario(snapshot: caseBytes) }
        print(String(format: "  from snapshots instead: catalogue %.2f ms (%d KB), one case %.2f ms (%d KB)",
                     catalogueSnapshotMs, catalogueBytes.count / 1024, caseSnapshotMs, caseBytes.count / 1024))
    }
}

let library: ScenarioLibrary
do { library = try ScenarioLibrary.load(extraFolders: []) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
var sources: [(Scenario, String)] = []
for s in library.scenarios {
    for t in s.selfTests { sources.append((s, t.transcript)) }
}
guard !sources.isEmpty else { print("no self-test transcripts found"); exit(1) }

let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-bench-\(getpid())")
try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
var files: [String] = []
var bytes = 0
for i in 0..<count {
    let (scenario, body) = sources[i % sources.count]
    let extra = i % 3 == 0 ? "note variant \(i)\nchart\n" : ""
    let text = "# scenario: \(scenario.id)\n# seed: \(i)\n# student: s\(i)\n" + extra + body
    let path = dir.appendingPathComponent("t\(i).txt").path
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    files.append(path)
    bytes += text.utf8.count
}

/// CPU time this process has used: on a busy machine it moves less than the wall clock.
func processCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func measure(_ label: String, _ body: () -> Int) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = processCPUSeconds()
    let checksum = body()
    let elapsed = clock.now - start
    let cpu = processCPUSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(count) / seconds
    print("\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%8.3f", seconds)) s  \(String(format: "%10.0f", rate)) transcripts/s  (cpu \(String(format: "%.3f", cpu)) s, checksum \(checksum))")
    return seconds
}

/// What `spinesim grade` does for one file: read it, find its case, replay, grade.
let store = CaseStore(catalogue: library.catalogue, index: CaseIndex.build(folders: library.folders))
func grade(_ file: String, with library: ScenarioLibrary) -> GradeReport? {
    try? TranscriptGrading.grade(file: file, store: store, scenarioOverride: nil)
}

print("SpineSim grading benchmark: \(count) transcripts, \(library.scenarios.count) cases, \(bytes / 1024) KiB, \(ProcessInfo.processInfo.activeProcessorCount) cores")
// Reading the way `grade` reads (open, fstat, read, check the UTF-8), and nothing else.
let readOnly = measure("read files") {
    files.reduce(0) { $0 + ((try? FileAccess.readText($1))?.utf8.count ?? 0) }
}
let grading = measure("read + replay + grade") {
    files.reduce(0) { $0 + (grade($1, with: library)?.passed == true ? 1 : 0) }
}
let withJSON = measure("read + replay + grade + JSON") {
    files.reduce(0) { $0 + (grade($1, with: library)?.json.rendered().utf8.count ?? 0) }
}
let cores = ProcessInfo.processInfo.activeProcessorCount
// The reports are freed outside this line's time: one thread frees them all (about a sixth
// of the time the cores took to make them), which `grade` never does as it renders a large
// batch report by report and exits.
var kept: [Result<GradeReport, CLIError>] = []
let parallel = measure("read + replay + grade, all cores") { [files] in
    kept = TranscriptGrading.gradeAll(files, workers: cores, store: store, scenarioOverride: nil)
    return kept.reduce(0) { $0 + ((try? $1.get())?.passed == true ? 1 : 0) }
}
_ = measure("  freeing those reports") { let n = kept.count; kept = []; return n }

var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print(String(format: "grading costs %.1f× reading; with JSON %.1f×; all cores %.1f×", grading / readOnly, withJSON / readOnly, parallel / readOnly))
print("peak memory (max RSS): \(usage.ru_maxrss / 1024) MiB")

// What `spinesim grade --format csv|json` does with a large batch: each report is rendered as
// soon as it is graded, and only its piece of the output is kept.
for format in [ReportFormat.csv, .json] {
    _ = measure("all cores, as grade --format \(format.rawValue)") { [files] in
        var assembler = ReportAssembler(format: format)
        var bytes = 0
        TranscriptGrading.grade(files, workers: cores, store: store, scenarioOverride: nil, format: format) { outcome in
            if case .success(let graded) = outcome { bytes += assembler.add(graded.report, piece: graded.piece).utf8.count }
        }
        return bytes + assembler.finish().utf8.count
    }
}

// Where one core's time goes: each phase alone, on texts already in memory.
let texts = files.map { (try? FileAccess.readText($0)) ?? "" }
let transcripts = texts.map(Transcript.parse)
let scenarios = transcripts.map { try? library.scenario(for: $0, path: "", override: nil) }
let sessions = zip(transcripts, scenarios).map { t, s in s.map { Grader.replay(t, scenario: $0, catalogue: library.catalogue) } }
print("phases, one core (after the peak above, so their arrays do not count in it):")
_ = measure("  parse transcripts") { texts.reduce(0) { $0 + Transcript.parse($1).lines.count } }
_ = measure("  replay commands") {
    zip(transcripts, scenarios).reduce(0) { sum, pair in
        guard let scenario = pair.1 else { return sum }
        return sum + Grader.replay(pair.0, scenario: scenario, catalogue: library.catalogue).actions.count
    }
}
_ = measure("  grade sessions") {
    sessions.reduce(0) { $0 + (($1.map { Grader.grade($0, context: .init(transcriptPath: "", student: nil, started: nil)) })?.passed == true ? 1 : 0) }
}
try? FileManager.default.removeItem(at: dir)
