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
            // A large batch is graded on every core. Each further worker loads its own copy of
            // the cases (the first was checked above) while the first starts grading.
            let large = files.count >= TranscriptGrading.parallelThreshold
            let workers = large ? ProcessInfo.processInfo.activeProcessorCount : 1
            let folders = library.folders
            let libraryForWorker: @Sendable (Int) -> ScenarioLibrary = { worker in
                guard worker > 0, let copy = try? ScenarioLibrary.load(extraFolders: folders) else { return lib }
                return copy
            }
            // A large batch in a format made of one piece per report is rendered as it is graded,
            // keeping each piece rather than every report.
            if large, baseline == nil, ReportRenderer.rendersPiecewise(format.core) {
                var pieces: [String] = []
                var failures = 0
                for outcome in TranscriptGrading.gradeAndRender(files, format: format.core, workers: workers,
                                                                scenarioOverride: scenario, library: libraryForWorker) {
                    switch outcome {
                    case .success(let rendered):
                        pieces.append(rendered.piece)
                        failures += rendered.failures
                    case .failure(let failure):
                        problems += 1
                        printError(failure.description)
                    }
                }
                let text = ReportRenderer.assemble(pieces, failures: failures, format: format.core)
                try SafeOutput.write(text, to: output)
                return problems == 0 ? 0 : 1
            }
            let outcomes = TranscriptGrading.gradeAll(files, workers: workers, scenarioOverride: scenario, library: libraryForWorker)
            for outcome in outcomes {
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
                let old = try FileAccess.readText(baseline, limit: Limits.baselineBytes, what: "a baseline report")
                let changes = Regrade.compare(old: old, baselinePath: baseline, new: reports)
                // Machine-readable formats stay parseable: the comparison goes to standard error.
                if format == .text { text += changes } else { printError(changes) }
            }
            try SafeOutput.write(text, to: output)
            return problems == 0 ? 0 : 1
        }
    }
}

/// Grading transcript files: read, find the case, replay, grade.
public enum TranscriptGrading {
    /// Below this many files one core grades them all; above it every core takes a share.
    public static let parallelThreshold = 64

    /// Grades `files` in order, one worker per library given (pass one copy of the cases per
    /// core: workers sharing one copy spend their time contending for the same reference
    /// counts). Results come back in the order of `files`.
    public static func gradeAll(_ files: [String], libraries: [ScenarioLibrary], scenarioOverride: String?) -> [Result<GradeReport, CLIError>] {
        guard let first = libraries.first else {
            return files.map { _ in .failure(.usage("internal: no cases were loaded to grade against")) }
        }
        return gradeAll(files, workers: libraries.count, scenarioOverride: scenarioOverride) { worker in
            worker < libraries.count ? libraries[worker] : first
        }
    }

    /// Grades `files` in order on `workers` threads. Each worker gets its cases from
    /// `library(worker)` on its own thread, so loading a copy overlaps the others' grading.
    public static func gradeAll(_ files: [String], workers: Int, scenarioOverride: String?,
                                library: @Sendable (_ worker: Int) -> ScenarioLibrary) -> [Result<GradeReport, CLIError>] {
        guard workers > 1 else {
            let only = library(0)
            return files.map { file in
                Result { () throws(CLIError) in try grade(file: file, library: only, scenarioOverride: scenarioOverride) }
            }
        }
        return Parallel.map(count: files.count, workers: workers, setUp: library) { library, index in
            Result { () throws(CLIError) in try grade(file: files[index], library: library, scenarioOverride: scenarioOverride) }
        }
    }

    /// One report's piece of a format's output and its JUnit failure count.
    public struct RenderedPiece: Sendable {
        public var piece: String
        public var failures: Int
    }

    /// Like `gradeAll`, but each worker renders its report's piece of `format`'s output as soon
    /// as it is graded (see `ReportRenderer.rendersPiecewise`) and keeps only that.
    public static func gradeAndRender(_ files: [String], format: ReportFormat, workers: Int, scenarioOverride: String?,
                                      library: @Sendable (_ worker: Int) -> ScenarioLibrary) -> [Result<RenderedPiece, CLIError>] {
        Parallel.map(count: files.count, workers: workers, setUp: library) { library, index in
            Result { () throws(CLIError) in
                let report = try grade(file: files[index], library: library, scenarioOverride: scenarioOverride)
                return RenderedPiece(piece: ReportRenderer.piece(report, format: format) ?? "", failures: ReportRenderer.junitFailures(report))
            }
        }
    }

    public static func grade(file: String, library: ScenarioLibrary, scenarioOverride: String?) throws(CLIError) -> GradeReport {
        let transcript = try FileAccess.readTranscript(file)
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
        Parallel.map(count: reports.count, workers: ProcessInfo.processInfo.activeProcessorCount) { _, index in
            ReportJSON.element(reports[index])
        }
    }
}
