import ArgumentParser
import Foundation
import SpineSimCore

/// `spinesim new ID --setting SETTING`: a starter case that validates, listing every catalogue
/// default answer and finding the author must confirm or override.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a starter case (with self-tests) that validates, listing every default answer and finding to confirm or override.")

    @Argument(help: "The case id (kebab-case); the file is ID.yaml.") var id: String
    @Option(help: ArgumentHelp("Where the patient is seen: \(Setting.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "SETTING"))
    var setting: String
    @Option(help: "The case's title, as students see it.") var title: String?
    @Option(help: "The folder to write into (default: the current folder).") var dir: String = "."
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try reportingErrors { () throws(CLIError) -> Int32 in
            guard CatalogueLoader.isKebab(id) else {
                throw .usage("case id '\(id)' must be kebab-case: lower-case letters, digits and hyphens (e.g. leaking-aaa)")
            }
            guard let setting = Setting(rawValue: setting) else {
                throw .usage("setting '\(setting)' is not one of \(Setting.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let path = (dir as NSString).appendingPathComponent("\(id).yaml")
            if FileAccess.exists(path) { throw .usage("\(path) already exists; choose another id or --dir") }
            let catalogue = try ScenarioLibrary.loadCatalogue(folders: ScenarioLibrary.folders(extra: library.folders) + [dir])
            try FileAccess.write(Self.starter(id: id, setting: setting, title: title, catalogue: catalogue), to: path)
            print("wrote \(path): a starter case that validates. Next: edit it, then 'spinesim validate \(path)' and 'spinesim check \(path)'"
                  + (dir == "." ? "" : " (with --scenarios \(dir) if the folder has its own catalogue/)") + ".")
            return 0
        }
    }

    /// A YAML string literal in double quotes.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The starter case's text.
    static func starter(id: String, setting: Setting, title: String?, catalogue: Catalogue) -> String {
        let caseTitle = title ?? "TODO presenting complaint, age and sex — \(setting.label)"
        var out = """
        # SpineSim case written with 'spinesim new'. Not advice about any real patient.
        # Every TODO is yours to write; Docs/scenario-format.md explains each key.
        id: \(id)
        title: \(quoted(caseTitle))
        setting: \(setting.rawValue)
        difficulty: intermediate
        tags: [todo]
        summary: >-
          TODO: the diagnosis, what the case teaches and the guideline it follows (instructors
          only; students never see it).
        references:
          - TODO the guideline the case follows (e.g. NICE NG59 Low back pain and sciatica in over 16s)
        patient:
          name: TODO Mr or Ms Name
          age: 50
          sex: female
          arrival: "09:00"
          complaint: TODO what the patient says first, in their words.
          vitals:
            heart_rate: 80
            blood_pressure: 130/80
            temperature: 36.8
            respiratory_rate: 14
            oxygen_saturation: 98

        # HISTORY: an answer for every question the case changes. A question not written here
        # gives the catalogue's default answer (shown below): confirm each default fits this
        # patient, or write the answer here. `spinesim validate` warns where a default
        # contradicts the case (a fever answered "no" in a febrile case, and so on).
        history:
          onset: TODO how and when it started.

        """
        out += defaultsBlock(catalogue, kind: .question, verb: "ask")
        out += """

        # EXAMINATION: a finding for every examination the case changes; the rest give the
        # catalogue's default finding (shown below).
        examination:
          general: TODO how the patient looks.

        """
        out += defaultsBlock(catalogue, kind: .examination, verb: "examine")
        out += """

        # RESULTS: a result for every test the case changes; the rest give the catalogue's
        # default (normal) result. Example:
        #   fbc:
        #     components:
        #       - {name: White cells, value: "15.2", unit: 10^9/L, range: "4.0-11.0", flag: high}
        #     interpretation: Neutrophil leucocytosis.
        results: {}

        diagnosis:
          accepted:
            - mechanical-low-back-pain   # TODO a code of the diagnosis list (or your folder's catalogue/diagnoses.yaml)
          points: 10

        # COURSE: what happens over time (see Docs/scenario-format.md, 'Course' and 'Timing').
        course:
          horizon: 1d
          events: []

        outcomes:
          - text: TODO what happens to the patient by the end of the case.

        rubric:
          pass_mark: 70
          weights:
            history: 20
            examination: 20
            investigations: 15
            ladder: 20
            timeliness: 5
            safety: 10
            diagnosis: 10
          items:
            - id: history-onset
              tier: required
              action: ask onset
              points: 2
              feedback:
                met: TODO why asking this mattered.
                missed: TODO what the trainee should learn.
              reference: TODO guideline
            - id: examination
              tier: required
              action: examine general
              points: 2
              feedback:
                met: TODO why examining this mattered.
                missed: TODO what the trainee should learn.
              reference: TODO guideline

        # SELF-TESTS: transcripts that must pass or fail; 'spinesim check' runs them and
        # 'spinesim check --trace' shows when each rubric item was met.
        self_tests:
          - name: expert — TODO the right care
            expect: pass
            score: [70, 100]
            transcript: |
              ask onset
              examine general
              diagnose mechanical-low-back-pain
              advise stay-active
              end
          - name: pitfall — TODO a common wrong path
            expect: fail
            score: [0, 69]
            transcript: |
              end

        """
        return out
    }

    /// Every catalogue question or examination with its default, as comments.
    static func defaultsBlock(_ catalogue: Catalogue, kind: ItemKind, verb: String) -> String {
        var out = "  # Defaults to confirm or override (\(verb) CODE — default):\n"
        for item in catalogue.items[kind] ?? [] {
            guard let text = item.defaultText else { continue }
            out += "  #   \(item.code): \(quoted(text))\n"
        }
        return out
    }
}
