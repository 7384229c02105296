extension Session {
    /// The result a test ordered now reports: the case's own result; else, for a test that
    /// does not apply to this patient (PSA in a woman), a report saying so; else, for a study
    /// that contains others the case scripts (a whole-spine MRI beside the case's lumbar MRI),
    /// those findings region by region; else the catalogue's default.
    func orderedResult(_ item: CatalogueItem) -> ResultSpec {
        if let scripted = scriptedResult(item.code) { return scripted }
        if let rule = item.profile.appliesTo, !rule.applies(sex: scenario.patient.sex, age: scenario.patient.age) {
            return Self.notApplicable(item, rule: rule, patient: scenario.patient)
        }
        if let composed = composedResult(item) { return composed }
        return item.defaultResult ?? ResultSpec.noAbnormality
    }

    /// "Not applicable: PSA applies to men; the patient is a 44-year-old woman. The
    /// laboratory has not reported a value." (one report for every stage of a staged test).
    static func notApplicable(_ item: CatalogueItem, rule: Applicability, patient: Patient) -> ResultSpec {
        let text = "Not applicable: \(item.name) applies to \(rule.who); the patient is a \(patient.summary). No value is reported."
        let report = ResultSpec(interpretation: text)
        guard !item.stages.isEmpty else { return report }
        return ResultSpec(stages: Dictionary(uniqueKeysWithValues: item.stages.map { ($0.id, report) }))
    }

    /// A containing study's report built from the case's results for the studies it contains:
    /// one line per contained study (the case's finding, or that study's normal default), then
    /// the catalogue's `elsewhere` text for the rest of the field; nil when the case scripts none of
    /// them (or the study reports in stages).
    func composedResult(_ item: CatalogueItem) -> ResultSpec? {
        let contained = catalogue.containedTests(of: item.code)
        guard item.stages.isEmpty, !contained.isEmpty else { return nil }
        // A contained study that itself contains others (whole spine in whole body) reports
        // for them, scripted or composed, so no region is listed twice.
        let covered = Set(contained.flatMap { catalogue.containedTests(of: $0) })
        guard contained.contains(where: { scriptedResult($0) != nil }) else { return nil }
        var components: [ResultComponent] = []
        for code in contained where !covered.contains(code) {
            guard let part = catalogue.item(.test, code) else { continue }
            let spec = scriptedResult(code) ?? composedResult(part) ?? part.defaultResult ?? ResultSpec.noAbnormality
            components.append(ResultComponent(name: part.name, value: Self.summary(spec), unit: nil, range: nil, flag: Self.worstFlag(spec)))
        }
        if let rest = item.profile.elsewhere {
            components.append(ResultComponent(name: "rest of the field", value: rest, unit: nil, range: nil, flag: .normal))
        }
        let flag = components.compactMap(\.flag).max { Self.severity($0) < Self.severity($1) } ?? .normal
        return ResultSpec(flag: flag, interpretation: "Reported region by region, as above.", components: components)
    }

    /// A result in one line: its interpretation, else its value, else its components.
    static func summary(_ spec: ResultSpec) -> String {
        if let text = spec.interpretation { return text }
        if let value = spec.value { return [value, spec.unit].compactMap { $0 }.joined(separator: " ") }
        return spec.components.map { "\($0.name) \($0.value)" }.joined(separator: "; ")
    }

    static func worstFlag(_ spec: ResultSpec) -> ResultFlag {
        ([spec.flag].compactMap { $0 } + spec.components.compactMap(\.flag)).max { severity($0) < severity($1) } ?? .normal
    }

    static func severity(_ flag: ResultFlag) -> Int {
        switch flag {
        case .normal: return 0
        case .low, .high: return 1
        case .abnormal: return 2
        case .critical: return 3
        }
    }
}
