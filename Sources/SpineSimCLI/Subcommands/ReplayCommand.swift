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
            let store = try library.open()
            let parsed = try FileAccess.readTranscript(transcript)
            let chosen = try store.scenario(for: parsed, path: transcript, override: scenario)
            let (screen, session) = ReplayRenderer.screen(parsed, scenario: chosen, catalogue: store.catalogue)
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
        let style = Style(enabled: false)
        let clock = ClockFace(arrival: scenario.patient.arrival)
        var commands = ""
        let session = Session.replaying(transcript, scenario: scenario, catalogue: catalogue,
                                        options: SessionOptions(seed: transcript.seed)) { line, typedAt, response in
            commands += "\(clock.label(typedAt)) > \(line.text)\n"
            if !response.lines.isEmpty { commands += style.render(response.lines) + "\n" }
        }
        return (style.render(session.opening) + "\n" + commands, session)
    }
}
