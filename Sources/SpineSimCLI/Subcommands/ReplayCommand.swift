import ArgumentParser
import SpineSimCore

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Print a transcript's session as the trainee saw it, then the debrief.")

    @Argument(help: "The transcript.") var transcript: String
    @Option(help: "The case, when the transcript does not name it.") var scenario: String?
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try reportingErrors { () throws(CLIError) -> Int32 in
            let lib = try library.load()
            let text = try FileAccess.readText(transcript)
            let parsed = Transcript.parse(text)
            let chosen = try lib.scenario(for: parsed, path: transcript, override: scenario)
            var session = Session(scenario: chosen, catalogue: lib.catalogue, options: SessionOptions(seed: parsed.seed))
            let style = Style(enabled: false)
            print(style.render(session.opening))
            for line in parsed.lines {
                print("\(session.clock.label(session.now)) > \(line.text)")
                let response = session.handle(line.text, lineNumber: line.number)
                if !response.lines.isEmpty { print(style.render(response.lines)) }
            }
            let report = Grader.grade(session, context: .init(transcriptPath: transcript, student: parsed.metadata["student"]))
            print("")
            print(report.debrief, terminator: "")
            return 0
        }
    }
}
