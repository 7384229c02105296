/// Catalogue default answers that a case's own findings or diagnosis may contradict: a
/// febrile case whose `fever` answer is still the default "no", an infection or a malignancy
/// whose `night-sweats` or `weight-loss` answer is the default. A small table of rules, read
/// by `validate` as warnings; a case silences one by writing the answer itself (even "No.").
public enum DefaultContradictions {
    /// When a rule applies to a case.
    public enum Condition: Sendable {
        /// The presenting temperature is at least this (°C).
        case temperatureAtLeast(Double)
        /// An accepted diagnosis (code or text) contains one of these words.
        case diagnosisMentions([String])
    }

    public struct Rule: Sendable {
        public var when: Condition
        /// Questions whose default answer the case should confirm or override.
        public var questions: [String]
        /// Why, in words that follow "the case ...".
        public var because: String
    }

    public static let rules: [Rule] = [
        Rule(when: .temperatureAtLeast(38.0), questions: ["fever"], because: "has a temperature of 38 °C or more"),
        Rule(when: .diagnosisMentions(["abscess", "osteomyelitis", "discitis", "tuberculosis", "spinal-tb", "pyelonephritis", "sepsis", "infect"]),
             questions: ["fever", "night-sweats"], because: "has an infective diagnosis"),
        Rule(when: .diagnosisMentions(["malignan", "metasta", "myeloma", "tumour", "tumor", "cancer", "lymphoma"]),
             questions: ["weight-loss", "night-sweats"], because: "has a malignant diagnosis"),
    ]

    /// Warnings for `scenario`, located at its `history:` key (line 1 when it has none).
    public static func warnings(_ scenario: Scenario, catalogue: Catalogue, text: String, path: String) -> [Diagnostic] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let historyLine = (lines.firstIndex { $0.hasPrefix("history:") } ?? 0) + 1
        let diagnosisText = scenario.diagnosis.accepted.map { $0.lowercased() }
        var warned = Set<String>()
        var out: [Diagnostic] = []
        for rule in rules {
            let applies: Bool
            switch rule.when {
            case .temperatureAtLeast(let limit): applies = (scenario.patient.vitals.temperature ?? 0) >= limit
            case .diagnosisMentions(let words): applies = diagnosisText.contains { d in words.contains { d.contains($0) } }
            }
            guard applies else { continue }
            for code in rule.questions where scenario.history[code] == nil && !warned.contains(code) {
                guard let item = catalogue.item(.question, code), let answer = item.defaultText else { continue }
                warned.insert(code)
                out.append(Diagnostic(path: path, line: historyLine, column: 1, severity: .warning,
                                      message: "the case \(rule.because), but 'ask \(code)' gives the catalogue's default answer \"\(answer)\"; write history.\(code) (even if the answer is no)"))
            }
        }
        return out
    }
}
