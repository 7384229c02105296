import ArgumentParser
import Foundation
import SpineSimCore
import SpineSimTerminal

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a case interactively (line editing on a terminal; plain lines when input is piped).")

    @Argument(help: "The case: its number from 'spinesim list', or its id. Without it, a picker.") var scenario: String?
    @Option(help: "Seed for the patient's phrasing (recorded in the transcript).") var seed: UInt64?
    @Option(help: "Student id written into the transcript.") var student: String?
    @Option(help: "Write the transcript here (must not exist yet).") var transcript: String?
    @Option(help: "Continue an earlier transcript, appending to it.") var resume: String?
    @Flag(help: "Instructor mode: may show the case id, diagnosis and rubric.") var instructor = false
    @Flag(help: "Exam mode: no dose warnings and no debrief; the transcript is the submission.") var exam = false
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try reportingErrors { () throws(CLIError) -> Int32 in
            if transcript != nil, resume != nil { throw .usage("give --transcript or --resume, not both") }
            let lib = try library.open()
            let interactive = Terminal.isInteractive(0)
            let colour = Terminal.colorEnabled(noColorFlag: library.noColor)
            var play = try PlayLoop.prepare(options: self, library: lib, interactive: interactive, colour: colour)
            return play.run()
        }
    }
}

/// The interactive session: reads lines, writes the transcript, shows responses.
struct PlayLoop {
    var session: Session
    let writer: TranscriptWriter
    var reader: LineReader
    /// The line editor, when `reader` is one: it knows whether a signal ended the input.
    let editor: LineEditor?
    let style: Style
    let instructor: Bool
    let exam: Bool
    let interactive: Bool
    /// Set when a second Ctrl-D answers the end-of-case question: leave, resumable.
    private var leftWithoutEnding = false

    static func prepare(options: PlayCommand, library: CaseStore, interactive: Bool, colour: Bool) throws(CLIError) -> PlayLoop {
        let env = ProcessInfo.processInfo.environment
        let style = Style(enabled: colour)
        var scenario: Scenario
        var seed = options.seed ?? UInt64.random(in: 0...999_999)
        var earlier = Transcript()
        let writer: TranscriptWriter
        if let resumePath = options.resume {
            let parsed = try FileAccess.readTranscript(resumePath)
            scenario = try library.scenario(for: parsed, path: resumePath, override: options.scenario)
            seed = parsed.metadata["seed"].flatMap { UInt64($0) } ?? seed
            earlier = parsed
            writer = try TranscriptWriter(path: resumePath, create: false, header: "")
        } else {
            if let name = options.scenario {
                scenario = try library.scenario(named: name)
            } else {
                scenario = try pick(from: library, interactive: interactive, instructor: options.instructor)
            }
            let stamp = Self.timestamp()
            let path = options.transcript ?? Self.defaultTranscriptPath(environment: env, reference: options.instructor ? scenario.id : scenario.opaqueReference)
            let header = Transcript.header(scenarioID: options.instructor ? scenario.id : nil,
                                           caseReference: options.instructor ? nil : scenario.opaqueReference,
                                           seed: seed, student: options.student, started: stamp)
            writer = try TranscriptWriter(path: path, create: true, header: header, student: options.student)
        }
        let session = Session.replaying(earlier, scenario: scenario, catalogue: library.catalogue,
                                        options: SessionOptions(seed: seed, exam: options.exam))

        let completer = Completer(catalogue: library.catalogue)
        var editor: LineEditor?
        if interactive {
            editor = try? LineEditor(programName: "spinesim", historyFile: Terminal.historyFilePath(environment: env)) { before in
                let result = completer.complete(before)
                return Completion(candidates: result.candidates, replaceLength: result.replaceLength)
            }
        }
        let reader: LineReader = editor ?? PlainLineReader(echoPrompt: interactive)
        var loop = PlayLoop(session: session, writer: writer, reader: reader, editor: editor, style: style,
                            instructor: options.instructor, exam: options.exam, interactive: interactive)
        loop.showOpening(resumed: !earlier.lines.isEmpty || options.resume != nil)
        return loop
    }

    static func pick(from library: CaseStore, interactive: Bool, instructor: Bool) throws(CLIError) -> Scenario {
        guard !library.index.entries.isEmpty else { throw .usage("no cases found; add scenario files or pass --scenarios DIR") }
        guard interactive else { throw .usage("name a case to play (a number or id from 'spinesim list')") }
        print("Choose a case:")
        print(CaseList.text(library.index.entries, instructor: instructor))
        while true {
            print("Case number: ", terminator: "")
            guard let answer = Swift.readLine() else { throw .usage("no case chosen") }
            let trimmed = answer.trimmingCharacters(in: .whitespaces)
            if let entry = library.index.entry(named: trimmed) {
                // A case file with errors says what they are; the trainee may choose another.
                do { return try library.scenario(entry) } catch { printError(error.description); continue }
            }
            print("Type a number from 1 to \(library.index.entries.count).")
        }
    }

    static func timestamp() -> String { ClockText.iso(ClockText.now) }

    static func defaultTranscriptPath(environment: [String: String], reference: String) -> String {
        let dir = (Terminal.stateDirectory(environment: environment) as NSString).appendingPathComponent("transcripts")
        let stamp = ClockText.compact(ClockText.now)
        var path = (dir as NSString).appendingPathComponent("\(stamp)-\(reference).txt")
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = (dir as NSString).appendingPathComponent("\(stamp)-\(reference)-\(n).txt")
            n += 1
        }
        return path
    }

    func say(_ lines: [OutputLine]) {
        guard !lines.isEmpty else { return }
        print(style.render(lines))
    }

    mutating func showOpening(resumed: Bool) {
        say(session.opening)
        if instructor {
            let s = session.scenario
            say([OutputLine(.heading, "Instructor view"),
                 OutputLine(.info, "Case id: \(s.id); accepted diagnosis: \(s.diagnosis.accepted.joined(separator: "; "))."),
                 OutputLine(.info, "Teaches: \(s.summary)"),
                 OutputLine(.info, "Rubric: " + s.rubric.items.map { "\($0.id) [\($0.tier.rawValue)\($0.within.map { ", within \(DurationText.format($0))" } ?? "")]" }.joined(separator: ", "))])
        }
        if resumed {
            // Lines kept as rejected were not carried out: they are not counted.
            let replayed = session.log.filter { $0.command != nil }.count
            say([OutputLine(.info, "Resumed: \(replayed) earlier command\(replayed == 1 ? "" : "s") replayed; it is \(session.clock.label(session.now)).")])
        }
        print("Transcript: \(writer.path)")
        if interactive { print("Type 'help' for commands, Tab to complete, 'end' to finish.") }
    }

    /// Runs until `end` or end of input; returns the exit status.
    mutating func run() -> Int32 {
        if session.ended { return finish() }
        while true {
            let prompt = interactive ? style.bold("\(session.clock.label(session.now)) >") + " " : ""
            switch reader.readLine(prompt: prompt) {
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                if interactive { reader.addHistory(text) }
                // Parsed once: a rejected line is shown and kept as a `#! rejected:` comment
                // (never carried out, listed in the report); a command is written, then applied.
                switch session.commandParser.parse(text) {
                case .nothing:
                    continue
                case .rejected(let rejection):
                    guard let lineNumber = writer.appendReporting(Transcript.rejectedLine(text)) else { return 1 }
                    say(session.noteRejected(text, lineNumber: lineNumber).lines)
                    if let corrected = rejection.corrected(text) { editor?.offer(corrected) }
                    continue
                case .command(let command):
                    guard let lineNumber = writer.appendReporting(text) else { return 1 }
                    let response = session.apply(command, line: text, lineNumber: lineNumber)
                    say(response.lines)
                    if response.endedCase { return finish() }
                }
            case .interrupted:
                print("(Ctrl-C: line cleared. Type 'end' to finish the case; your transcript is saved.)")
            case .endOfInput:
                let terminated = editor?.terminationRequested ?? false
                if interactive, !terminated, confirmEnd() {
                    guard let lineNumber = writer.appendReporting("end") else { return 1 }
                    say(session.handle("end", lineNumber: lineNumber).lines)
                    return finish()
                }
                if interactive && !terminated && !leftWithoutEnding { continue }
                printError("Input ended before 'end'. Every command is saved in \(writer.path);")
                printError("continue with: spinesim play --resume \(writer.path)")
                if terminated, let signal = Terminal.terminationSignal { return 128 + signal }
                return 0
            }
        }
    }

    /// Ctrl-D on an empty line: ask before ending the case. A second Ctrl-D leaves without
    /// ending (the transcript can be resumed); anything but yes goes back to the case.
    private mutating func confirmEnd() -> Bool {
        switch reader.readLine(prompt: "End the case now and see your grade? [y/N] ") {
        case .line(let answer):
            let a = answer.trimmingCharacters(in: .whitespaces).lowercased()
            if a == "y" || a == "yes" { return true }
            print("Carrying on. Type 'end' when you are done.")
            return false
        case .interrupted:
            print("Carrying on. Type 'end' when you are done.")
            return false
        case .endOfInput:
            leftWithoutEnding = true
            return false
        }
    }

    func finish() -> Int32 {
        if !exam {
            let report = Grader.grade(session, context: .init(transcriptPath: writer.path))
            print("")
            print(report.debrief, terminator: "")
        } else {
            print("Exam mode: your transcript is your submission.")
        }
        print("Transcript: \(writer.path)")
        return 0
    }
}
