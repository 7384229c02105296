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
            let store = try library.open()
            var files: [String] = []
            for p in paths {
                if FileAccess.isDirectory(p) { files += FileAccess.files(in: p, extensions: ["txt", "transcript"]) } else { files.append(p) }
            }
            if files.isEmpty { throw .usage("no transcripts found in \(paths.joined(separator: ", "))") }
            // Read before grading, so that a missing baseline stops the run before any output.
            let old = try baseline.map { path throws(CLIError) in try FileAccess.readText(path, limit: Limits.baselineBytes, what: "a baseline report") }
            // A large batch is graded on every core; all workers share the one copy of each case.
            let workers = files.count >= TranscriptGrading.parallelThreshold ? ProcessInfo.processInfo.activeProcessorCount : 1
            // The output goes to standard output as it is known (nothing is kept), or into
            // one text for `--output`.
            var text = ""
            func emit(_ part: String) {
                guard !part.isEmpty else { return }
                if output == nil { print(part, terminator: "") } else { text += part }
            }
            var assembler = ReportAssembler(format: format.core)
            var kept: [GradeReport] = []
            var problems = 0
            TranscriptGrading.grade(files, workers: workers, store: store, scenarioOverride: scenario, format: format.core) { outcome in
                switch outcome {
                case .success(let graded):
                    emit(assembler.add(graded.report, piece: graded.piece))
                    if baseline != nil { kept.append(graded.report) }
                case .failure(let failure):
                    problems += 1
                    printError(failure.description)
                }
            }
            emit(assembler.finish())
            if let baseline, let old {
                let changes = Regrade.compare(old: old, baselinePath: baseline, new: kept)
                // Machine-readable formats stay parseable: the comparison goes to standard error.
                if format == .text { emit(changes) } else { printError(changes) }
            }
            if let output { try SafeOutput.write(text, to: output) }
            return problems == 0 ? 0 : 1
        }
    }
}

/// Grading transcript files: read, find the case, replay, grade.
public enum TranscriptGrading {
    /// Below this many files one core grades them all; above it every core takes a share.
    public static let parallelThreshold = 64

    /// A graded transcript and its piece of the output (`ReportRenderer.piece`).
    public struct Graded: Sendable {
        public var report: GradeReport
        public var piece: String
    }

    /// Grades `files` on `workers` threads, each rendering its report's piece of `format`'s
    /// output as soon as it is graded; `consume` gets the outcomes on this thread in the
    /// order of `files`, and nothing keeps them after it.
    public static func grade(_ files: [String], workers: Int, store: CaseStore, scenarioOverride: String?, format: ReportFormat,
                             consume: (Result<Graded, CLIError>) -> Void) {
        Parallel.forEachInOrder(count: files.count, workers: workers, { index in
            Result { () throws(CLIError) -> Graded in
                let report = try grade(file: files[index], store: store, scenarioOverride: scenarioOverride)
                return Graded(report: report, piece: ReportRenderer.piece(report, format: format))
            }
        }, consume: { _, outcome in consume(outcome) })
    }

    /// Grades `files` on `workers` threads; the reports in the order of `files`.
    public static func gradeAll(_ files: [String], workers: Int, store: CaseStore, scenarioOverride: String?) -> [Result<GradeReport, CLIError>] {
        Parallel.map(count: files.count, workers: workers) { index in
            Result { () throws(CLIError) in try grade(file: files[index], store: store, scenarioOverride: scenarioOverride) }
        }
    }

    public static func grade(file: String, store: CaseStore, scenarioOverride: String?) throws(CLIError) -> GradeReport {
        let transcript = try FileAccess.readTranscript(file)
        let scenario = try store.scenario(for: transcript, path: file, override: scenarioOverride)
        let session = Grader.replay(transcript, scenario: scenario, catalogue: store.catalogue)
        return Grader.grade(session, plan: store.plan(for: scenario), context: .init(transcriptPath: file, student: transcript.metadata["student"],
                                                  started: transcript.metadata["started"]))
    }
}

/// `--format` values.
enum ReportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit, gradescope, xapi, csv

    var core: ReportFormat { ReportFormat(rawValue: rawValue) ?? .text }
}
