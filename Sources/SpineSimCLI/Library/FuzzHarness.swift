import SpineSimCore

/// What each fuzz target in `Fuzz/` does with one input, here so that the ordinary test suite
/// can feed the inputs kept in `Fuzz/Regressions/` through exactly the same code. Each entry
/// takes arbitrary bytes and must return without trapping, whatever they are.
public enum FuzzHarness {
    /// The bundled cases and catalogue, loaded once.
    public static let library: ScenarioLibrary? = try? ScenarioLibrary.load(extraFolders: [])

    /// The targets by name (the folder names under `Fuzz/Corpus` and `Fuzz/Regressions`).
    public static let targets: [String: @Sendable ([UInt8]) -> Void] = [
        "FuzzCommandParser": commandParser, "FuzzTranscript": transcript, "FuzzGrade": grade,
        "FuzzScenario": scenario, "FuzzCatalogue": catalogue, "FuzzLadder": ladder, "FuzzBaseline": baseline,
        "FuzzSnapshot": snapshot,
    ]

    private static func loaded() -> ScenarioLibrary {
        guard let library, !library.scenarios.isEmpty else { fatalError("cannot load the bundled cases") }
        return library
    }

    /// One line of the command language; its words also as doses and durations.
    public static func commandParser(_ bytes: [UInt8]) {
        let library = loaded()
        let line = String(decoding: bytes, as: UTF8.self)
        if case .command(let command) = CommandParser(catalogue: library.catalogue).parse(line) {
            _ = command.regimen?.description
        }
        let words = line.split(separator: " ").prefix(8).map(String.init)
        for word in words {
            if let q = Quantity.parse(word) { _ = q.description }
            if let m = DurationText.parse(word) { _ = DurationText.format(m); _ = DurationText.describe(m) }
        }
        if let m = CommandParser.parseDuration(words) { _ = DurationText.format(m) }
    }

    /// A whole transcript file.
    public static func transcript(_ bytes: [UInt8]) {
        let parsed = Transcript.parse(String(decoding: bytes, as: UTF8.self))
        _ = parsed.seed
        for line in parsed.lines where line.number < 1 || line.text.isEmpty { fatalError("bad line \(line)") }
    }

    /// A transcript, replayed against the case it names (or one chosen by its length), graded
    /// and rendered in every report format.
    public static func grade(_ bytes: [UInt8]) {
        let library = loaded()
        let transcript = Transcript.parse(String(decoding: bytes, as: UTF8.self))
        let scenario = (try? library.scenario(for: transcript, path: "fuzz.txt", override: nil))
            ?? library.scenarios[bytes.count % library.scenarios.count]
        let session = Grader.replay(transcript, scenario: scenario, catalogue: library.catalogue)
        let report = Grader.grade(session, context: .init(transcriptPath: "fuzz.txt", student: transcript.metadata["student"],
                                                          started: transcript.metadata["started"]))
        for format in ReportFormat.allCases { _ = ReportRenderer.render([report], format: format) }
    }

    /// A scenario file; one that loads is also opened, ended and graded.
    public static func scenario(_ bytes: [UInt8]) {
        let catalogue = loaded().catalogue
        let loaded = ScenarioLoader.load(text: String(decoding: bytes, as: UTF8.self), path: "fuzz.yaml", catalogue: catalogue)
        for d in loaded.diagnostics { _ = d.description }
        if let scenario = loaded.scenario {
            var session = Session(scenario: scenario, catalogue: catalogue)
            _ = session.handle("end", lineNumber: 1)
            _ = Grader.grade(session, context: .init(transcriptPath: "fuzz.txt")).debrief
        }
    }

    /// The bundled diagnoses file, which goes with each fuzzed catalogue.
    static let diagnoses: String = {
        guard let folder = ScenarioLibrary.bundledFolder(),
              let text = try? FileAccess.readText(folder + "/catalogue/diagnoses.yaml", limit: Limits.caseFileBytes) else { return "" }
        return text
    }()

    /// Bytes read as a start-up cache snapshot (`Snapshot`): of a catalogue when the first
    /// byte is even, else of a case. Bytes that are no snapshot must be refused, never trap.
    public static func snapshot(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        if first % 2 == 0 {
            if let catalogue = try? Catalogue(snapshot: rest) { _ = catalogue.snapshot() }
        } else if let scenario = try? Scenario(snapshot: rest) {
            _ = scenario.snapshot()
        }
    }

    /// A catalogue file.
    public static func catalogue(_ bytes: [UInt8]) {
        do {
            _ = try CatalogueLoader.load(catalogueText: String(decoding: bytes, as: UTF8.self), cataloguePath: "catalogue.yaml",
                                         diagnosesText: diagnoses, diagnosesPath: "diagnoses.yaml", ladders: [])
        } catch {
            for d in error.diagnostics { _ = d.description }
        }
    }

    /// An analgesic ladder file.
    public static func ladder(_ bytes: [UInt8]) {
        do {
            _ = try LadderLoader.load(text: String(decoding: bytes, as: UTF8.self), path: "ladder.yaml", catalogue: loaded().catalogue)
        } catch {
            for d in error.diagnostics { _ = d.description }
        }
    }

    /// Reports to compare a fuzzed baseline with: an empty attempt and a short one.
    static let baselineReports: [GradeReport] = {
        let library = loaded()
        let scenario = library.scenarios[0]
        return ["", "ask onset\nend\n"].enumerated().map { index, text in
            let session = Grader.replay(Transcript.parse(text), scenario: scenario, catalogue: library.catalogue)
            return Grader.grade(session, context: .init(transcriptPath: "\(index).txt"))
        }
    }()

    /// A `--baseline` JSON report.
    public static func baseline(_ bytes: [UInt8]) {
        _ = Regrade.compare(old: String(decoding: bytes, as: UTF8.self), baselinePath: "baseline.json", new: baselineReports)
    }
}
