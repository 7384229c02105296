import Yams

/// A catalogue default that a case's own findings may contradict (`default_contradictions`
/// in `catalogue.yaml`): when a case meets `when`, each listed default it leaves unwritten
/// is a `validate` warning (`DefaultContradictions`).
public struct ContradictionRule: Sendable, Equatable {
    /// When a rule applies to a case.
    public enum Condition: Sendable, Equatable {
        /// The presenting temperature is at least this (°C).
        case temperatureAtLeast(Double)
        /// An accepted diagnosis (code or text) contains one of these words.
        case diagnosisMentions([String])
        /// The case's result for a test carries one of these flags.
        case resultFlagged(String, [ResultFlag])
        /// The case's finding for an examination contains one of these words (lower case).
        case examinationMentions(String, [String])
    }

    /// What the case should write: a question's answer, an examination's finding or a result.
    public enum Target: Sendable, Equatable {
        case question(String), examination(String), result(String)
    }

    public var when: Condition
    /// The defaults the case should confirm or override.
    public var targets: [Target]
    /// Why, in words that follow "the case ...".
    public var because: String
}

extension YAMLReader {
    /// The catalogue's `default_contradictions` list.
    mutating func contradictionRules(_ node: Node, catalogue: Catalogue) -> [ContradictionRule] {
        var rules: [ContradictionRule] = []
        let context = "default_contradictions"
        for entry in sequence(node, in: context) {
            guard let f = fields(entry, in: "\(context) entry", allowed: ["when", "ask", "examine", "order", "because"],
                                 required: ["when", "because"]),
                  let whenNode = f["when"], let when = contradictionCondition(whenNode, catalogue: catalogue),
                  let because = f["because"].flatMap({ nonEmptyString($0, in: "\(context).because") }) else { continue }
            var targets: [ContradictionRule.Target] = []
            for (key, kind) in [("ask", ItemKind.question), ("examine", .examination), ("order", .test)] {
                for code in f[key].map({ stringList($0, in: "\(context).\(key)") }) ?? [] {
                    guard catalogue.item(kind, code)?.code == code else {
                        error(f[key], "\(context).\(key): '\(code)' is not a code of \(kind.listKey)")
                        continue
                    }
                    switch kind {
                    case .question: targets.append(.question(code))
                    case .examination: targets.append(.examination(code))
                    default: targets.append(.result(code))
                    }
                }
            }
            if targets.isEmpty { error(entry, "\(context): give the defaults to check (ask, examine or order)") }
            rules.append(ContradictionRule(when: when, targets: targets, because: because))
        }
        return rules
    }

    private mutating func contradictionCondition(_ node: Node, catalogue: Catalogue) -> ContradictionRule.Condition? {
        let context = "default_contradictions.when"
        let keys = ["temperature_at_least", "diagnosis_mentions", "result_flagged", "finding_mentions"]
        guard let f = fields(node, in: context, allowed: keys) else { return nil }
        guard f.values.count == 1, let first = f.values.first else {
            error(node, "\(context): give exactly one of \(keys.joined(separator: ", "))")
            return nil
        }
        let (key, value) = (first.key, first.value)
        switch key {
        case "temperature_at_least":
            return number(value, in: "\(context).\(key)").map { .temperatureAtLeast($0) }
        case "diagnosis_mentions":
            return .diagnosisMentions(stringList(value, in: "\(context).\(key)").map { $0.lowercased() })
        case "result_flagged":
            guard let rf = fields(value, in: "\(context).\(key)", allowed: ["test", "flags"], required: ["test", "flags"]),
                  let test = rf["test"].flatMap({ nonEmptyString($0, in: "\(context).\(key).test") }) else { return nil }
            if catalogue.item(.test, test)?.code != test { error(rf["test"], "\(context).\(key).test: '\(test)' is not a test code") }
            let flags = (rf["flags"].map { stringList($0, in: "\(context).\(key).flags") } ?? []).compactMap { word -> ResultFlag? in
                guard let flag = ResultFlag(rawValue: word) else {
                    error(rf["flags"], "\(context).\(key).flags: '\(word)' is not normal, high, low, abnormal or critical")
                    return nil
                }
                return flag
            }
            return .resultFlagged(test, flags)
        default:
            guard let ef = fields(value, in: "\(context).\(key)", allowed: ["examine", "words"], required: ["examine", "words"]),
                  let code = ef["examine"].flatMap({ nonEmptyString($0, in: "\(context).\(key).examine") }) else { return nil }
            if catalogue.item(.examination, code)?.code != code { error(ef["examine"], "\(context).\(key).examine: '\(code)' is not an examination code") }
            let words = ef["words"].map { stringList($0, in: "\(context).\(key).words").map { $0.lowercased() } } ?? []
            return .examinationMentions(code, words)
        }
    }
}
