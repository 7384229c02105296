import ArgumentParser
import Foundation
import SpineSimCore

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Replay transcripts in fresh sessions and grade them, in the order given, going on past files that cannot be graded.")

    @Argument(help: "Transcript files, or folders of .txt transcripts.") var paths: [String]
    @Option(help: "The case, when the transcripts do not name it.") var scenario: String?
    @Option(help: "text, json, junit, gradescope, xapi or csv.") var format: ReportFormatOption = .text
    @Option(help: "Write the output to this file instead of standard output.") var output: String?
    @Option(help: "An earlier JSON report: show what changed for each transcript.") var baseline: String?
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try reportingErrors { () throws(CLIError) -> Int32 in
            let lib = try library.load()
            var files: [String] = []
            for p in paths {
                if FileAccess.isDirectory(p) { files += FileAccess.files(in: p, extensions: ["txt", "transcript"]) } else { files.append(p) }
            }
            if files.isEmpty { throw .usage("no transcripts found in \(paths.joined(separator: ", "))") }
            var reports: [GradeReport] = []
            var problems = 0
            for outcome in TranscriptGrading.gradeAll(files, library: lib, reload: { () throws(CLIError) in try library.load() },
                                                      scenarioOverride: scenario) {
                switch outcome {
                case .success(let report): reports.append(report)
                case .failure(let failure):
                    problems += 1
                    printError(failure.description)
                }
            }
            var text: String
            if format == .json, reports.count >= TranscriptGrading.parallelThreshold {
                text = ReportJSON.join(TranscriptGrading.renderInParallel(reports))
            } else {
                text = ReportRenderer.render(reports, format: format.core)
            }
            if let baseline {
                let old = try FileAccess.readText(baseline)
                let changes = Regrade.compare(old: old, baselinePath: baseline, new: reports)
                // Machine-readable formats stay parseable: the comparison goes to standard error.
                if format == .text { text += changes } else { printError(changes) }
            }
            if let output { try FileAccess.write(text, to: output) } else { print(text, terminator: "") }
            return problems == 0 ? 0 : 1
        }
    }
}

/// Grading one transcript file: read, find its case, replay, grade.
enum TranscriptGrading {
    /// Below this many files one core grades them all; above it every core takes a share.
    static let parallelThreshold = 64

    /// Grades `files` in order, spread over the cores for a large batch. Each extra worker
    /// loads its own copy of the cases (`reload`): workers sharing one copy spend their time
    /// contending for the same reference counts. Results come back in the order of `files`.
    static func gradeAll(_ files: [String], library: ScenarioLibrary, reload: () throws(CLIError) -> ScenarioLibrary,
                         scenarioOverride: String?) -> [Result<GradeReport, CLIError>] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard files.count >= parallelThreshold, cores > 1 else {
            return files.map { file in Result { () throws(CLIError) in try grade(file: file, library: library, scenarioOverride: scenarioOverride) } }
        }
        var libraries = [library]
        for _ in 1..<cores { if let copy = try? reload() { libraries.append(copy) } }
        let results = ResultSlots(count: files.count)
        let workers = libraries
        DispatchQueue.concurrentPerform(iterations: workers.count) { w in
            var i = w
            while i < files.count {
                results.set(i, Result { () throws(CLIError) in try grade(file: files[i], library: workers[w], scenarioOverride: scenarioOverride) })
                i += workers.count
            }
        }
        return results.all
    }

    static func grade(file: String, library: ScenarioLibrary, scenarioOverride: String?) throws(CLIError) -> GradeReport {
        let text = try FileAccess.readText(file)
        let transcript = Transcript.parse(text)
        let scenario = try library.scenario(for: transcript, path: file, override: scenarioOverride)
        let session = Grader.replay(transcript, scenario: scenario, catalogue: library.catalogue)
        return Grader.grade(session, context: .init(transcriptPath: file, student: transcript.metadata["student"],
                                                  started: transcript.metadata["started"]))
    }
}

/// `--format` values.
enum ReportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit, gradescope, xapi, csv

    var core: ReportFormat { ReportFormat(rawValue: rawValue) ?? .text }
}

extension TranscriptGrading {
    /// The JSON array elements of many reports, rendered on every core, in order.
    static func renderInParallel(_ reports: [GradeReport]) -> [String] {
        let slots = TextSlots(count: reports.count)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < reports.count {
                slots.set(i, ReportJSON.element(reports[i]))
                i += workers
            }
        }
        return slots.all
    }
}

/// One rendered text per report, each written by exactly one worker.
private final class TextSlots: @unchecked Sendable {
    private var slots: [String]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: "", count: count) }
    func set(_ index: Int, _ value: String) { lock.lock(); slots[index] = value; lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return slots }
}

/// One slot per transcript, each written by exactly one worker.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<GradeReport, CLIError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<GradeReport, CLIError>) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var all: [Result<GradeReport, CLIError>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failure(.usage("internal: a transcript was not graded")) }
    }
}
