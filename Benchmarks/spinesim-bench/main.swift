// Grading benchmark: writes a few thousand transcripts (the bundled cases' self-test
// transcripts, varied by seed and by extra lines), then in one process measures
//   1. reading the files only,
//   2. reading + parsing + replaying + grading,
//   3. the same plus rendering the JSON report,
// and prints transcripts per second and peak memory (getrusage ru_maxrss).
// Run: swift run -c release spinesim-bench [COUNT]
import Foundation
import SpineSimCLI
import SpineSimCore

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5000

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
let byID = Dictionary(uniqueKeysWithValues: library.scenarios.map { ($0.id, $0) })

func measure(_ label: String, _ body: () -> Int) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    let checksum = body()
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(count) / seconds
    print("\(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%8.3f", seconds)) s  \(String(format: "%10.0f", rate)) transcripts/s  (checksum \(checksum))")
    return seconds
}

print("SpineSim grading benchmark: \(count) transcripts, \(library.scenarios.count) cases, \(bytes / 1024) KiB, \(ProcessInfo.processInfo.activeProcessorCount) cores")
let readOnly = measure("read files") {
    var total = 0
    for f in files { total += (try? String(contentsOfFile: f, encoding: .utf8))?.utf8.count ?? 0 }
    return total
}
let grading = measure("read + replay + grade") {
    var passed = 0
    for f in files {
        guard let text = try? String(contentsOfFile: f, encoding: .utf8) else { continue }
        let t = Transcript.parse(text)
        guard let id = t.metadata["scenario"], let s = byID[id] else { continue }
        let session = Grader.replay(t, scenario: s, catalogue: library.catalogue)
        if Grader.grade(session, context: .init(transcriptPath: f)).passed { passed += 1 }
    }
    return passed
}
let withJSON = measure("read + replay + grade + JSON") {
    var total = 0
    for f in files {
        guard let text = try? String(contentsOfFile: f, encoding: .utf8) else { continue }
        let t = Transcript.parse(text)
        guard let id = t.metadata["scenario"], let s = byID[id] else { continue }
        let session = Grader.replay(t, scenario: s, catalogue: library.catalogue)
        total += Grader.grade(session, context: .init(transcriptPath: f)).json.rendered().utf8.count
    }
    return total
}
/// Grades `files[i]` for every i, spread over the cores; returns how many passed.
func gradeInParallel(_ files: [String], _ libraries: [ScenarioLibrary]) -> Int {
    let workers = libraries.count
    let passedPerWorker = PassCounts(count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        // Each worker grades against its own copy of the cases: sharing one copy makes the
        // cores fight over the reference counts of the same objects.
        let catalogue = libraries[w].catalogue
        let byID = Dictionary(uniqueKeysWithValues: libraries[w].scenarios.map { ($0.id, $0) })
        var passed = 0
        var i = w
        while i < files.count {
            if let text = try? String(contentsOfFile: files[i], encoding: .utf8) {
                let t = Transcript.parse(text)
                if let id = t.metadata["scenario"], let s = byID[id] {
                    let session = Grader.replay(t, scenario: s, catalogue: catalogue)
                    if Grader.grade(session, context: .init(transcriptPath: files[i])).passed { passed += 1 }
                }
            }
            i += workers
        }
        passedPerWorker.set(w, passed)
    }
    return passedPerWorker.total
}

/// Per-worker results, each slot written by one worker only.
final class PassCounts: @unchecked Sendable {
    private var counts: [Int]
    private let lock = NSLock()
    init(count: Int) { counts = Array(repeating: 0, count: count) }
    func set(_ i: Int, _ value: Int) { lock.lock(); counts[i] = value; lock.unlock() }
    var total: Int { lock.lock(); defer { lock.unlock() }; return counts.reduce(0, +) }
}

let workerLibraries = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount)).compactMap { _ in
    try? ScenarioLibrary.load(extraFolders: [])
}
let parallel = measure("read + replay + grade, all cores") { [files] in gradeInParallel(files, workerLibraries) }

var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print(String(format: "grading costs %.1f× reading; with JSON %.1f×; all cores %.1f×", grading / readOnly, withJSON / readOnly, parallel / readOnly))
print("peak memory (max RSS): \(usage.ru_maxrss / 1024) MiB")
try? FileManager.default.removeItem(at: dir)
