import Yams

/// Reading and checking a case's `state:` key (see `StateModel` and Docs/scenario-format.md).
extension ScenarioLoader.Builder {
    static let variableKeys = ["label", "unit", "baseline", "normal", "critical_low", "critical_high", "limits", "decimals",
                               "course", "steps", "effects"]
    static let motionKeys = ["per_day", "toward", "half_life"]
    static let effectKeys = ["action", "onset", "for", "min_daily_dose", "unless_events"] + motionKeys
    static let phaseKeys = ["id", "after", "delay", "until", "when", "history", "examination", "results"]

    /// The `state:` mapping: `variables` and `phases`. Needs the course's event ids (for steps).
    mutating func stateModel(_ node: Node, eventIDs: Set<String>) -> StateModel {
        guard let f = reader.fields(node, in: "state", allowed: ["variables", "phases"]) else { return .empty }
        var variables: [StateVariable] = []
        if let vars = f["variables"] {
            for (key, keyNode, value) in reader.pairs(vars, in: "state.variables") {
                if !CatalogueLoader.isKebab(key) {
                    reader.error(keyNode, "state.variables: '\(key)' must be kebab-case (lower-case words joined by hyphens)")
                    continue
                }
                if let v = variable(key, value, eventIDs: eventIDs) { variables.append(v) }
            }
        }
        let ids = Set(variables.map(\.id))
        var phases: [StatePhase] = []
        var phaseIDs = Set<String>()
        for p in f["phases"].map({ reader.sequence($0, in: "state.phases") }) ?? [] {
            guard let phase = phase(p, variables: ids) else { continue }
            if !phaseIDs.insert(phase.id).inserted { reader.error(p, "state phase id '\(phase.id)' is used twice") }
            phases.append(phase)
        }
        return StateModel(variables: variables, phases: phases)
    }

    private mutating func variable(_ id: String, _ node: Node, eventIDs: Set<String>) -> StateVariable? {
        let ctx = "state variable '\(id)'"
        guard let f = reader.fields(node, in: ctx, allowed: Self.variableKeys, required: ["unit", "baseline", "limits"]) else { return nil }
        let unit = f["unit"].flatMap { reader.nonEmptyString($0, in: "\(ctx).unit") } ?? ""
        let limits = f["limits"].flatMap { pairRange($0, in: "\(ctx).limits") } ?? 0...0
        let baseline = f["baseline"].flatMap { reader.number($0, in: "\(ctx).baseline") } ?? limits.lowerBound
        if let n = f["baseline"], !limits.contains(baseline) {
            reader.error(n, "\(ctx).baseline \(JSONValue.format(baseline)) is outside its limits \(rangeText(limits))")
        }
        let normal = f["normal"].flatMap { pairRange($0, in: "\(ctx).normal") }
        var course: StateMotion?
        if let c = f["course"], let cf = reader.fields(c, in: "\(ctx).course", allowed: Self.motionKeys) {
            course = motion(cf, in: "\(ctx).course", limits: limits)
        }
        var steps: [StateStep] = []
        for s in f["steps"].map({ reader.sequence($0, in: "\(ctx).steps") }) ?? [] {
            guard let sf = reader.fields(s, in: "\(ctx) step", allowed: ["event", "to"], required: ["event", "to"]),
                  let event = sf["event"].flatMap({ reader.nonEmptyString($0, in: "\(ctx) step.event") }),
                  let to = sf["to"].flatMap({ reader.number($0, in: "\(ctx) step.to") }) else { continue }
            if !eventIDs.contains(event) {
                let hint = Suggestions.phrase(Suggestions.closest(to: event, among: Array(eventIDs)))
                reader.error(sf["event"], "\(ctx) step: no course event '\(event)'\(hint)")
            }
            if !limits.contains(to) { reader.error(sf["to"], "\(ctx) step: \(JSONValue.format(to)) is outside its limits \(rangeText(limits))") }
            steps.append(StateStep(event: event, value: to))
        }
        var effects: [StateEffect] = []
        for e in f["effects"].map({ reader.sequence($0, in: "\(ctx).effects") }) ?? [] {
            if let effect = effect(e, in: "\(ctx) effect", limits: limits, eventIDs: eventIDs) { effects.append(effect) }
        }
        return StateVariable(
            id: id, label: f["label"].flatMap { reader.nonEmptyString($0, in: "\(ctx).label") } ?? id, unit: unit,
            baseline: baseline, normal: normal,
            criticalLow: f["critical_low"].flatMap { reader.number($0, in: "\(ctx).critical_low") },
            criticalHigh: f["critical_high"].flatMap { reader.number($0, in: "\(ctx).critical_high") },
            limits: limits, decimals: f["decimals"].flatMap { reader.int($0, in: "\(ctx).decimals", range: 0...3) } ?? 0,
            course: course, steps: steps, effects: effects, line: node.mark?.line ?? 0)
    }

    private mutating func effect(_ node: Node, in ctx: String, limits: ClosedRange<Double>, eventIDs: Set<String>) -> StateEffect? {
        guard let f = reader.fields(node, in: ctx, allowed: Self.effectKeys, required: ["action"]) else { return nil }
        let action = f["action"].flatMap { self.pattern($0, context: "\(ctx).action") }
        let movement = self.motion(f, in: ctx, limits: limits)
        var minDose: Double?
        if let n = f["min_daily_dose"], let text = reader.string(n, in: "\(ctx).min_daily_dose") {
            if let mg = Quantity.parse(text)?.milligrams { minDose = mg } else {
                reader.error(n, "\(ctx).min_daily_dose must be a dose like 4g or 500mg, not '\(text)'")
            }
            if let action, action.verb != .give { reader.error(n, "\(ctx): min_daily_dose applies only to 'give' actions") }
        }
        let unlessEvents = f["unless_events"].map { reader.stringList($0, in: "\(ctx).unless_events") } ?? []
        for event in unlessEvents where !eventIDs.contains(event) {
            let hint = Suggestions.phrase(Suggestions.closest(to: event, among: eventIDs.sorted()))
            reader.error(f["unless_events"], "\(ctx).unless_events: no course event '\(event)'\(hint)")
        }
        guard let action, let movement else { return nil }
        return StateEffect(pattern: action, onset: f["onset"].flatMap { reader.duration($0, in: "\(ctx).onset") } ?? 0,
                           duration: f["for"].flatMap { reader.duration($0, in: "\(ctx).for") }, motion: movement,
                           minDailyDose: minDose, unlessEvents: unlessEvents)
    }

    /// `per_day: 2.5`, `per_day: "+14%"`, or `toward: 5` with `half_life: 4d`.
    private mutating func motion(_ f: Fields, in ctx: String, limits: ClosedRange<Double>) -> StateMotion? {
        switch (f["per_day"], f["toward"]) {
        case let (perDay?, nil):
            guard let text = reader.string(perDay, in: "\(ctx).per_day") else { return nil }
            let trimmed = text.trimmingWhitespace
            if trimmed.hasSuffix("%"), let percent = Double(trimmed.dropLast()), percent.isFinite, percent > -100 {
                return .percentPerDay(percent / 100)
            }
            if let amount = Double(trimmed), amount.isFinite { return .perDay(amount) }
            reader.error(perDay, "\(ctx).per_day must be an amount (2.5, -0.1) or a percentage (\"+14%\", \"-30%\"), not '\(text)'")
            return nil
        case let (nil, toward?):
            guard let target = reader.number(toward, in: "\(ctx).toward") else { return nil }
            if !limits.contains(target) { reader.error(toward, "\(ctx).toward \(JSONValue.format(target)) is outside the limits \(rangeText(limits))") }
            guard let h = f["half_life"] else {
                reader.error(f.node, "\(ctx): 'toward' needs a half_life (how long to go half the way), e.g. half_life: 3d")
                return nil
            }
            guard let halfLife = reader.duration(h, in: "\(ctx).half_life") else { return nil }
            if halfLife <= 0 { reader.error(h, "\(ctx).half_life must be longer than zero"); return nil }
            return .toward(target, halfLife: halfLife)
        case (nil, nil):
            reader.error(f.node, "\(ctx): say how the value moves: per_day (amount or percentage) or toward with half_life")
            return nil
        case (_?, _?):
            reader.error(f.node, "\(ctx): give per_day or toward, not both")
            return nil
        }
    }

    private mutating func phase(_ node: Node, variables: Set<String>) -> StatePhase? {
        guard let f = reader.fields(node, in: "state phase", allowed: Self.phaseKeys, required: ["id"]),
              let id = f["id"].flatMap({ reader.nonEmptyString($0, in: "state phase id") }) else { return nil }
        let ctx = "phase '\(id)'"
        let after = f["after"].flatMap { pattern($0, context: "\(ctx).after") }
        let when = f["when"].map { conditions($0, in: "\(ctx).when", variables: variables) } ?? []
        if f["after"] == nil, when.isEmpty { reader.error(node, "\(ctx) needs 'after' (an action) or 'when' (a state condition)") }
        if f["delay"] != nil, f["after"] == nil { reader.error(f["delay"], "\(ctx): 'delay' counts from the 'after' action; give one") }
        return StatePhase(
            id: id, after: after, delay: f["delay"].flatMap { reader.duration($0, in: "\(ctx).delay") } ?? 0,
            until: f["until"].map { patterns($0, context: "\(ctx).until") } ?? [], when: when,
            history: f["history"].map { answers($0, kind: .question, context: "\(ctx).history") } ?? [:],
            examination: f["examination"].map { answers($0, kind: .examination, context: "\(ctx).examination") } ?? [:],
            results: f["results"].map { results($0, context: "\(ctx).results") } ?? [:])
    }

    /// State conditions (`crp > 60`), one or a list, each naming a declared variable.
    /// With `variables` nil (course events, read before the state) the names are checked later.
    mutating func conditions(_ node: Node, in ctx: String, variables: Set<String>?) -> [StateCondition] {
        var out: [StateCondition] = []
        let entries = node.scalar != nil ? [node] : reader.sequence(node, in: ctx)
        for entry in entries {
            guard let text = reader.nonEmptyString(entry, in: ctx) else { continue }
            guard let condition = StateCondition.parse(text) else {
                reader.error(entry, "\(ctx): '\(text)' is not a state condition; write a variable, <, <=, > or >=, and a number: \"crp > 60\"")
                continue
            }
            if let variables, !variables.contains(condition.variable) {
                let hint = Suggestions.phrase(Suggestions.closest(to: condition.variable, among: variables.sorted()))
                reader.error(entry, "\(ctx): no state variable '\(condition.variable)'\(hint); declare it under state.variables")
                continue
            }
            out.append(condition)
        }
        return out
    }

    /// Every state name the case uses outside `state:` is declared: `{name}` result values
    /// (static, course event and phase results) and course events' `when` conditions.
    mutating func checkStateUse(state: StateModel, results: [String: ResultSpec], resultsNode: Node?, course: Course, courseNode: Node?,
                                stateNode: Node?) {
        checkStateReferences(results, node: resultsNode, context: "results", state: state)
        let ids = state.variables.map(\.id)
        for event in course.events {
            checkStateReferences(event.results, node: courseNode, context: "event '\(event.id)'.results", state: state)
            for c in event.when where !ids.contains(c.variable) {
                let hint = Suggestions.phrase(Suggestions.closest(to: c.variable, among: ids))
                reader.error(courseNode, "event '\(event.id)'.when: no state variable '\(c.variable)'\(hint); declare it under state.variables")
            }
        }
        for phase in state.phases {
            checkStateReferences(phase.results, node: stateNode, context: "phase '\(phase.id)'.results", state: state)
        }
    }

    /// Every `{name}` value in `results` names a declared state variable.
    mutating func checkStateReferences(_ results: [String: ResultSpec], node: Node?, context: String, state: StateModel) {
        let ids = state.variables.map(\.id)
        func check(_ spec: ResultSpec, _ where_: String) {
            let values = [spec.value].compactMap { $0 } + spec.components.map(\.value)
            for value in values {
                guard let name = PatientState.reference(in: value), !ids.contains(name) else { continue }
                let hint = Suggestions.phrase(Suggestions.closest(to: name, among: ids))
                reader.error(node, "\(where_): value '{\(name)}' names no state variable\(hint); declare it under state.variables")
            }
            for (stage, s) in spec.stages.sorted(by: { $0.key < $1.key }) { check(s, "\(where_).stages.\(stage)") }
        }
        for (code, spec) in results.sorted(by: { $0.key < $1.key }) { check(spec, "\(context).\(code)") }
    }

    private mutating func pairRange(_ node: Node, in ctx: String) -> ClosedRange<Double>? {
        let numbers = reader.sequence(node, in: ctx).compactMap { reader.number($0, in: ctx) }
        guard numbers.count == 2, numbers[0] <= numbers[1] else {
            reader.error(node, "\(ctx) must be [low, high] with low no greater than high, e.g. [0, 5]")
            return nil
        }
        return numbers[0]...numbers[1]
    }

    private func rangeText(_ r: ClosedRange<Double>) -> String {
        "[\(JSONValue.format(r.lowerBound)), \(JSONValue.format(r.upperBound))]"
    }
}
