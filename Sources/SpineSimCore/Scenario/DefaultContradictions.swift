/// Catalogue defaults that a case's own findings or diagnosis may contradict: a febrile case
/// whose `fever` answer is still the default "no", a high calcium beside a default-normal PTH,
/// a malignant diagnosis beside a default "no malignancy" biopsy, severely restricted lumbar
/// movement beside a default-normal Schober's test, a regional MRI left normal by default while
/// the study that contains it (or that it contains) is abnormal. A small table of rules, read by
/// `validate` as warnings (`default_contradictions` in the catalogue, `ContradictionRule`); a case
/// silences one by writing the answer, finding or result itself.
public enum DefaultContradictions {
    public typealias Rule = ContradictionRule

    /// Warnings for `scenario`, each located at the key of the section the case should add
    /// to (`history:`, `examination:`, `results:`; line 1 when it has none).
    public static func warnings(_ scenario: Scenario, catalogue: Catalogue, text: String, path: String) -> [Diagnostic] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of key: String) -> Int { (lines.firstIndex { $0.hasPrefix(key + ":") } ?? 0) + 1 }
        var warned = Set<String>()
        var out: [Diagnostic] = []
        func warn(_ key: String, _ id: String, _ message: String) {
            guard warned.insert(id).inserted else { return }
            out.append(Diagnostic(path: path, line: line(of: key), column: 1, severity: .warning, message: message))
        }
        for rule in catalogue.contradictionRules where applies(rule.when, to: scenario) {
            for target in rule.targets {
                switch target {
                case .question(let code):
                    guard scenario.history[code] == nil, let answer = catalogue.item(.question, code)?.defaultText else { continue }
                    warn("history", "ask " + code, "the case \(rule.because), but 'ask \(code)' gives the catalogue's default answer \"\(answer)\"; write history.\(code) (even if the answer is no)")
                case .examination(let code):
                    guard !authoredFinding(code, in: scenario), let finding = catalogue.item(.examination, code)?.defaultText else { continue }
                    warn("examination", "examine " + code, "the case \(rule.because), but 'examine \(code)' gives the catalogue's default finding \"\(finding)\"; write examination.\(code) (in the event or phase that changes the finding, if that is where it changes)")
                case .result(let code):
                    guard !authored(code, in: scenario), let item = catalogue.item(.test, code) else { continue }
                    warn("results", "order " + code, "the case \(rule.because), but 'order \(code)' gives the catalogue's default result \"\(defaultText(item))\"; write results.\(code)")
                }
            }
        }
        for message in containmentWarnings(scenario, catalogue: catalogue) + applicabilityWarnings(scenario, catalogue: catalogue) {
            warn("results", message, message)
        }
        return out
    }

    static func applies(_ condition: Rule.Condition, to scenario: Scenario) -> Bool {
        switch condition {
        case .temperatureAtLeast(let limit):
            return (scenario.patient.vitals.temperature ?? 0) >= limit
        case .diagnosisMentions(let words):
            return scenario.diagnosis.accepted.map { $0.lowercased() }.contains { d in words.contains { d.contains($0) } }
        case .resultFlagged(let code, let flags):
            guard let spec = scenario.results[code] else { return false }
            let parts = [(spec.flag, spec.value)] + spec.components.map { ($0.flag, Optional($0.value)) }
            return parts.contains { flag, value in (flag ?? baselineFlag(value, scenario)).map(flags.contains) ?? false }
        case .examinationMentions(let code, let words):
            // At the start, at a course event or in a phase of the patient state.
            let all = [scenario.examination[code]] + scenario.course.events.map { $0.examination[code] }
                + scenario.state.phases.map { $0.examination[code] }
            let findings = all.compactMap { $0 }.flatMap { $0 }.map { $0.lowercased() }
            return findings.contains { f in words.contains { f.contains($0) } }
        }
    }

    /// The flag of a `{variable}` value at the patient state's baseline (high or low against
    /// its normal range); nil for a plain value.
    static func baselineFlag(_ value: String?, _ scenario: Scenario) -> ResultFlag? {
        guard let value, value.count > 2, value.hasPrefix("{"), value.hasSuffix("}"),
              let variable = scenario.state.variable(String(value.dropFirst().dropLast())), let normal = variable.normal else { return nil }
        if variable.baseline > normal.upperBound { return .high }
        if variable.baseline < normal.lowerBound { return .low }
        return .normal
    }

    /// Whether the case writes a result for `code` anywhere: at the start, at a course event
    /// or in a phase of the patient state.
    static func authored(_ code: String, in scenario: Scenario) -> Bool {
        scenario.results[code] != nil || scenario.course.events.contains { $0.results[code] != nil }
            || scenario.state.phases.contains { $0.results[code] != nil }
    }

    /// A result the case writes for a test that does not apply to its patient (a PSA value
    /// for a woman): the session would show it, contradicting the catalogue's rule.
    static func applicabilityWarnings(_ scenario: Scenario, catalogue: Catalogue) -> [String] {
        scenario.results.keys.sorted().compactMap { code in
            guard let item = catalogue.item(.test, code), let rule = item.profile.appliesTo,
                  !rule.applies(sex: scenario.patient.sex, age: scenario.patient.age) else { return nil }
            return "the case writes results.\(code), but \(item.name) applies to \(rule.who) and the patient is a \(scenario.patient.summary); leave it out (the session says it does not apply)"
        }
    }

    /// Whether the case writes a finding for `code` anywhere (start, course event, phase).
    static func authoredFinding(_ code: String, in scenario: Scenario) -> Bool {
        scenario.examination[code] != nil || scenario.course.events.contains { $0.examination[code] != nil }
            || scenario.state.phases.contains { $0.examination[code] != nil }
    }

    /// A region's study left to its normal default while the case's study containing it is
    /// abnormal and names that region: the session cannot cut the region's findings out of
    /// the larger report. (The other way round the session builds the larger report from the
    /// regions.)
    static func containmentWarnings(_ scenario: Scenario, catalogue: Catalogue) -> [String] {
        var out: [String] = []
        for (code, spec) in scenario.results.sorted(by: { $0.key < $1.key }) where spec.isAbnormal {
            let report = ([spec.interpretation, spec.value] + spec.components.map(\.value)).compactMap { $0 }.joined(separator: " ")
            for part in catalogue.containedTests(of: code) where !authored(part, in: scenario) && names(part, in: report, catalogue: catalogue) {
                guard let item = catalogue.item(.test, part), item.defaultResult?.isAbnormal != true else { continue }
                out.append("the case's results.\(code) is abnormal and reports on the region of '\(part)', but 'order \(part)' gives the catalogue's normal default \"\(defaultText(item))\"; write results.\(part)")
            }
            // A containing study the case writes as normal beside this abnormal region.
            for whole in catalogue.containingTests(of: code) {
                guard let written = scenario.results[whole], !written.isAbnormal else { continue }
                out.append("the case's results.\(code) is abnormal, but results.\(whole), whose field contains it, is not flagged abnormal; report the \(code) findings there too")
            }
        }
        return out
    }

    /// Whether `report` names the region of the study `code` by one of its `region_words`
    /// (a word with a digit, a spinal level such as "L4", as a word of its own: "L4/5",
    /// "L5-S1", not "CL1"); a study with no words listed is always named.
    static func names(_ code: String, in report: String, catalogue: Catalogue) -> Bool {
        let regionWords = catalogue.item(.test, code)?.profile.regionWords ?? []
        guard !regionWords.isEmpty else { return true }
        let levels = regionWords.filter { $0.contains(where: \.isNumber) }
        let lower = report.lowercased()
        if regionWords.contains(where: { !levels.contains($0) && lower.contains($0.lowercased()) }) { return true }
        let words = report.split { !$0.isLetter && !$0.isNumber }
        return words.contains { w in levels.contains { w == $0 || (w.hasPrefix($0) && w.count <= 3 && w.dropFirst($0.count).allSatisfy(\.isNumber)) } }
    }

    static func defaultText(_ item: CatalogueItem) -> String {
        guard let spec = item.defaultResult else { return "No abnormality." }
        if let stage = item.stages.first, let first = spec.stages[stage.id] { return first.interpretation ?? first.value ?? "" }
        return spec.interpretation ?? spec.value ?? ""
    }
}
