/// How the session reads the patient's state: current values and vitals, the wording of
/// the phase the case is in, and results whose values come from the state. For a case with
/// no `state:` every answer is the static (or course event) one, unchanged.
extension Session {
    /// A state variable's value at `t` (now when nil); nil if the case does not declare it.
    public func stateValue(_ id: String, at t: Minutes? = nil) -> Double? {
        guard let variable = scenario.state.variable(id) else { return nil }
        return PatientState.value(of: variable, at: t ?? now, actions: actions, fired: firedEvents)
    }

    /// Whether a state condition holds at `t` (false for an undeclared variable).
    public func stateHolds(_ condition: StateCondition, at t: Minutes) -> Bool {
        stateValue(condition.variable, at: t).map(condition.holds) ?? false
    }

    /// The state variables that are vital signs, by the `Vitals` field they replace.
    static let vitalVariables = ["heart-rate", "temperature", "respiratory-rate", "oxygen-saturation"]

    /// The vital signs now: those set by the case and its course, with any the state
    /// declares (temperature, heart-rate, respiratory-rate, oxygen-saturation) at their current value.
    public var currentVitals: Vitals {
        var v = vitals
        guard !scenario.state.variables.isEmpty else { return v }
        if let x = stateValue("heart-rate") { v.heartRate = Int(x.rounded()) }
        if let x = stateValue("temperature") { v.temperature = (x * 10).rounded() / 10 }
        if let x = stateValue("respiratory-rate") { v.respiratoryRate = Int(x.rounded()) }
        if let x = stateValue("oxygen-saturation") { v.oxygenSaturation = Int(x.rounded()) }
        return v
    }

    /// Records the vital signs the state declares as measured now (for the trend lines).
    mutating func noteVitalsMeasured() {
        for id in Self.vitalVariables {
            guard let variable = scenario.state.variable(id) else { continue }
            let value = PatientState.value(of: variable, at: now, actions: actions, fired: firedEvents)
            measurements.append(StateReading(variable: id, t: now, value: value))
        }
    }

    /// The phases in force at `t`, in the order the case lists them.
    func activePhases(at t: Minutes) -> [StatePhase] {
        scenario.state.phases.filter { phase in
            if let after = phase.after {
                guard let start = actions.last(where: { $0.t + phase.delay <= t && after.matches($0) }) else { return false }
                if actions.contains(where: { action in
                    action.t > start.t && action.t <= t && phase.until.contains { $0.matches(action) }
                }) { return false }
            }
            return phase.when.allSatisfy { stateHolds($0, at: t) }
        }
    }

    /// The case's answer to a question now: the latest phase's, else the course's, else the static one.
    func scriptedHistory(_ code: String) -> [String]? {
        if !scenario.state.phases.isEmpty, let text = activePhases(at: now).reversed().lazy.compactMap({ $0.history[code] }).first {
            return text
        }
        return course.history[code] ?? scenario.history[code]
    }

    /// The case's examination finding now, as `scriptedHistory` chooses.
    func scriptedExamination(_ code: String) -> [String]? {
        if !scenario.state.phases.isEmpty, let text = activePhases(at: now).reversed().lazy.compactMap({ $0.examination[code] }).first {
            return text
        }
        return course.examination[code] ?? scenario.examination[code]
    }

    /// The case's result for a sample taken now, as `scriptedHistory` chooses.
    func scriptedResult(_ code: String) -> ResultSpec? {
        if !scenario.state.phases.isEmpty, let spec = activePhases(at: now).reversed().lazy.compactMap({ $0.results[code] }).first {
            return spec
        }
        return course.results[code] ?? scenario.results[code]
    }

    /// `spec` with every `{name}` value replaced by the state's value now (the sample's
    /// time), its unit, range and flag from the variable, and a sentence comparing it with
    /// the last value the trainee received; with the readings it carries.
    func resolvingState(_ spec: ResultSpec) -> (spec: ResultSpec, readings: [StateReading]) {
        guard !scenario.state.variables.isEmpty else { return (spec, []) }
        var readings: [StateReading] = []
        var trends: [String] = []
        func resolve(_ text: String?) -> (variable: StateVariable, value: Double)? {
            guard let text, let name = PatientState.reference(in: text), let variable = scenario.state.variable(name) else { return nil }
            let value = PatientState.value(of: variable, at: now, actions: actions, fired: firedEvents)
            readings.append(StateReading(variable: name, t: now, value: value))
            if let trend = trendSentence(variable, value) { trends.append(trend) }
            return (variable, value)
        }
        let main = resolve(spec.value)
        var components = spec.components
        var changed = main != nil
        for i in components.indices {
            guard let (variable, value) = resolve(components[i].value) else { continue }
            changed = true
            components[i].value = PatientState.format(value, decimals: variable.decimals)
            components[i].unit = components[i].unit ?? variable.unit
            components[i].range = components[i].range ?? PatientState.rangeText(variable)
            components[i].flag = PatientState.flag(value, of: variable)
        }
        guard changed else { return (spec, []) }
        var flag = spec.flag
        var valueText = spec.value
        var unit = spec.unit
        var range = spec.range
        if let (variable, value) = main {
            valueText = PatientState.format(value, decimals: variable.decimals)
            unit = unit ?? variable.unit
            range = range ?? PatientState.rangeText(variable)
            flag = PatientState.flag(value, of: variable)
        }
        let interpretation = ([spec.interpretation].compactMap { $0 } + trends).joined(separator: " ")
        let resolved = ResultSpec(value: valueText, unit: unit, range: range, flag: flag,
                                  interpretation: interpretation.isEmpty ? nil : interpretation,
                                  components: components, stages: spec.stages)
        return (resolved, readings)
    }

    /// "CRP down from 148 (day 0 11:10)." against the last value received, if any.
    private func trendSentence(_ variable: StateVariable, _ value: Double) -> String? {
        guard let last = measurements.last(where: { $0.variable == variable.id && $0.t < now }) else { return nil }
        let before = PatientState.format(last.value, decimals: variable.decimals)
        let after = PatientState.format(value, decimals: variable.decimals)
        let shownBefore = Double(before) ?? last.value, shownAfter = Double(after) ?? value
        let direction = shownAfter > shownBefore ? "up from" : shownAfter < shownBefore ? "down from" : "unchanged from"
        return "\(variable.label) \(direction) \(before) (\(clock.label(last.t)))."
    }
}
