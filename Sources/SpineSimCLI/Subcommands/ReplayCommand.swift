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
            let parsed = try FileAccess.readTranscript(transcript)
            let chosen = try lib.scenario(for: parsed, path: transcript, override: scenario)
            let (screen, session) = ReplayRenderer.screen(parsed, scenario: chosen, catalogue: lib.catalogue)
            print(screen, terminator: "")
            let report = Grader.grade(session, context: .init(transcriptPath: transcript, student: parsed.metadata["student"]))
            print("")
            print(report.debrief, terminator: "")
            return 0
        }
    }
}

/// The screen a trainee saw for a transcript: the opening, then `> command` and its response.
public enum ReplayRenderer {
    public static func screen(_ transcript: Transcript, scenario: Scenario, catalogue: Catalogue) -> (String, Session) {
        var session = Session(scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: transcript.seed))
        let style = Style(enabled: false)
        var out = style.render(session.opening) + "\n"
        for line in transcript.lines {
            out += "\(session.clock.label(session.now)) > \(line.text)\n"
            let response = session.handle(line.text, lineNumber: line.number)
            if !response.lines.isEmpty { out += style.render(response.lines) + "\n" }
        }
        return (out, session)
    }
}
