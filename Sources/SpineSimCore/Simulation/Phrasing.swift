/// How the session words what happens: every line it shows, apart from results
/// (`ResultText`) and the chart (`Session+Chart.swift`). Catalogue items and results are
/// plain data; their wording on screen is written here.
enum Phrasing {
    static let caseEnded = "the case has ended; nothing more can be done"
    static let takenAsOnce = "Taken as a single dose; add a frequency for regular dosing."

    /// The lines shown when the case opens: who the patient is and what they say.
    static func opening(_ scenario: Scenario, clock: ClockFace) -> [OutputLine] {
        let p = scenario.patient
        return [
            OutputLine(.heading, scenario.title),
            OutputLine(.info, "\(clock.label(0)) — \(p.name), \(p.summary), \(scenario.setting.label)."),
            OutputLine(.patient, "“\(p.complaint)”"),
        ]
    }

    /// "Onset: “It started on Tuesday.”"
    static func answer(_ item: CatalogueItem, _ answer: String) -> OutputLine {
        OutputLine(.patient, "\(capitalised(item.name)): “\(answer)”")
    }

    /// "Straight leg raise: Negative to 80° bilaterally."
    static func finding(_ item: CatalogueItem, _ text: String) -> OutputLine {
        OutputLine(.finding, "\(capitalised(item.name)): \(text)")
    }

    /// "Ordered <name>: result expected in about <turnaround>." (or first and final report
    /// times for a staged test).
    static func ordered(_ item: CatalogueItem, turnaround: Turnaround, urgent: Bool, inHospital: Bool = false) -> OutputLine {
        let wait = item.stages.first.map { $0.turnaround.time(urgent: urgent) } ?? turnaround.time(urgent: urgent, inHospital: inHospital)
        let final = item.stages.last?.turnaround.time(urgent: urgent) ?? wait
        let expected = item.stages.isEmpty ? "result expected in about \(DurationText.describe(wait))"
            : "first report in about \(DurationText.describe(wait)), final in about \(DurationText.describe(final))"
        return OutputLine(.info, "Ordered \(item.name)\(urgent ? " (urgent)" : ""): \(expected).")
    }

    /// "Catheterisation performed (10 minutes)." (the code stands in for an unknown item).
    static func performed(_ item: CatalogueItem?, code: String) -> OutputLine {
        OutputLine(.info, "\(capitalised(item?.name ?? code)) performed (\(DurationText.describe(item?.time ?? 0))).")
    }

    static func prescribed(_ item: CatalogueItem, _ regimen: Regimen) -> OutputLine {
        let written = regimen.description
        return OutputLine(.info, "Prescribed \(item.name)\(written.isEmpty ? "" : " " + written).")
    }

    static func warning(_ problem: SafetyEvent) -> OutputLine {
        guard problem.patientSpecific else { return OutputLine(.warning, "Warning: \(problem.message).") }
        // Names no patient fact: the kidneys, weight or conditions may not be found yet.
        return OutputLine(.warning, "Warning: check this prescription against the patient's kidney function, weight, conditions and other medicines.")
    }

    /// "[day 0 13:00] The pain is worse." (or "[At review, …]" once discharged).
    static func event(_ message: String, at t: Minutes, clock: ClockFace, discharged: Bool) -> OutputLine {
        let prefix = discharged ? "At review, \(clock.label(t))" : clock.label(t)
        return OutputLine(.event, "[\(prefix)] \(message)")
    }

    /// One of `variants`, chosen by an FNV-1a hash of the seed and `key`, so that the same
    /// seed always gives the same phrasing.
    static func pick(_ variants: [String]?, seed: UInt64, key: String) -> String? {
        guard let variants, !variants.isEmpty else { return nil }
        if variants.count == 1 { return variants[0] }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return variants[Int(hash % UInt64(variants.count))]
    }
}

/// `s` with its first character upper-cased.
func capitalised(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
}
