import Yams

/// Builds a validated `Scenario` from YAML text. Every problem found is reported, located
/// by line and column; the scenario is returned only when there are no errors.
public enum ScenarioLoader {
    /// The outcome of loading one file: the scenario (when valid) and every diagnostic.
    public struct Loaded: Sendable {
        public var scenario: Scenario?
        public var diagnostics: [Diagnostic]
    }

    /// Loads one case. `leakWarnings: false` skips `LeakCheck`, whose warnings only an author
    /// reads (`validate`, `check`): `play` and `grade` open a case without it.
    public static func load(text: String, path: String, catalogue: Catalogue, leakWarnings: Bool = true) -> Loaded {
        var reader = YAMLReader(path: path)
        guard let root = reader.parse(text) else { return Loaded(scenario: nil, diagnostics: reader.diagnostics) }
        var builder = Builder(reader: reader, catalogue: catalogue)
        let scenario = builder.scenario(root, path: path, sha: SHA256.hex(text))
        var diagnostics = builder.reader.diagnostics
        if let scenario, leakWarnings {
            diagnostics += LeakCheck.warnings(root: root, path: path, accepted: scenario.diagnosis.accepted,
                                              keyTerms: builder.keyTerms, catalogue: catalogue)
        }
        return Loaded(scenario: builder.reader.hasErrors ? nil : scenario, diagnostics: diagnostics)
    }

    /// Every pattern that names an action, from the rubric and the case's ladder: an action
    /// none of them matches is "unlisted" and takes the catalogue's tier for it.
    public static func loadOrThrow(text: String, path: String, catalogue: Catalogue) throws(LoadFailure) -> Scenario {
        let loaded = load(text: text, path: path, catalogue: catalogue)
        guard let scenario = loaded.scenario else { throw LoadFailure(loaded.diagnostics) }
        return scenario
    }

    static let topKeys = ["id", "title", "setting", "difficulty", "tags", "summary", "references", "patient", "history",
                          "examination", "results", "diagnosis", "course", "outcomes", "rubric", "ladder", "self_tests", "state",
                          "infection", "mutation_audit"]
    static let requiredTop = ["id", "title", "setting", "difficulty", "tags", "summary", "references", "patient",
                              "diagnosis", "outcomes", "rubric", "self_tests"]

    struct Builder {
        var reader: YAMLReader
        let catalogue: Catalogue
        /// `diagnosis.key_terms`: words that imply this case's diagnosis, for the leak check only.
        var keyTerms: [String] = []

        mutating func scenario(_ root: Node, path: String, sha: String) -> Scenario? {
            guard let f = reader.fields(root, in: "scenario", allowed: ScenarioLoader.topKeys, required: ScenarioLoader.requiredTop) else { return nil }
            let id = f["id"].flatMap { reader.nonEmptyString($0, in: "id") } ?? ""
            if !id.isEmpty, !CatalogueLoader.isKebab(id) { reader.error(f["id"], "id '\(id)' must be kebab-case (lower-case words joined by hyphens)") }
            let title = f["title"].flatMap { reader.nonEmptyString($0, in: "title") } ?? ""
            var setting = Setting.primaryCare
            if let n = f["setting"], let s = reader.string(n, in: "setting") {
                if let v = Setting(rawValue: s) { setting = v } else {
                    reader.error(n, "setting '\(s)' is not one of \(Setting.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            var difficulty = Difficulty.introductory
            if let n = f["difficulty"], let s = reader.string(n, in: "difficulty") {
                if let v = Difficulty(rawValue: s) { difficulty = v } else {
                    reader.error(n, "difficulty '\(s)' is not one of introductory, intermediate, advanced")
                }
            }
            let tags = f["tags"].map { reader.stringList($0, in: "tags") } ?? []
            let summary = f["summary"].flatMap { reader.nonEmptyString($0, in: "summary") } ?? ""
            let references = f["references"].map { reader.stringList($0, in: "references") } ?? []
            if let n = f["references"], references.isEmpty { reader.error(n, "references: name at least one source") }
            let patient = f["patient"].flatMap { self.patient($0) }
            let history = f["history"].map { answers($0, kind: .question, context: "history") } ?? [:]
            let examination = f["examination"].map { answers($0, kind: .examination, context: "examination") } ?? [:]
            let results = f["results"].map { self.results($0, context: "results") } ?? [:]
            let diagnosis = f["diagnosis"].flatMap { self.diagnosis($0) }
            let course = f["course"].map { self.course($0) } ?? Course(horizon: 0, events: [])
            let eventIDs = Set(course.events.map(\.id))
            let state = f["state"].map { stateModel($0, eventIDs: eventIDs) } ?? .empty
            let stateIDs = Set(state.variables.map(\.id))
            checkStateUse(state: state, results: results, resultsNode: f["results"], course: course, courseNode: f["course"],
                          stateNode: f["state"])
            let outcomes = f["outcomes"].map { self.outcomes($0, eventIDs: eventIDs, stateIDs: stateIDs) } ?? []
            let rubric = f["rubric"].flatMap { self.rubric($0, eventIDs: eventIDs) }
            let ladder = f["ladder"].flatMap { self.ladderUse($0, eventIDs: eventIDs) }
            let selfTests = f["self_tests"].map { self.selfTests($0) } ?? []
            let infection = f["infection"].flatMap { self.infection($0, eventIDs: eventIDs) }
            let accepted = f["mutation_audit"].map { mutationAudit($0) } ?? []
            checkEventReferences(course, f["course"])
            guard let patient, let diagnosis, let rubric else { return nil }
            let scenario = Scenario(id: id, title: title, setting: setting, difficulty: difficulty, tags: tags, summary: summary,
                            references: references, patient: patient, history: history, examination: examination,
                            results: results, diagnosis: diagnosis, course: course, outcomes: outcomes, rubric: rubric,
                            ladder: ladder, selfTests: selfTests, sourcePath: path, sha256: sha, state: state,
                            infection: infection, mutationAudit: accepted)
            return scenario
        }

        /// `infection: {context: stable|unstable, unstable_after: [EVENT...]}`.
        mutating func infection(_ node: Node, eventIDs: Set<String>) -> InfectionContext? {
            guard let f = reader.fields(node, in: "infection", allowed: ["context", "unstable_after"], required: ["context"]),
                  let text = f["context"].flatMap({ reader.string($0, in: "infection.context") }) else { return nil }
            guard let context = InfectionContext.Stability(rawValue: text) else {
                reader.error(f["context"], "infection.context must be stable or unstable, not '\(text)'")
                return nil
            }
            let after = f["unstable_after"].map { reader.stringList($0, in: "infection.unstable_after") } ?? []
            for id in after where !eventIDs.contains(id) { reader.error(f["unstable_after"], "infection.unstable_after: no course event '\(id)'") }
            return InfectionContext(context: context, unstableAfter: after)
        }

        mutating func patient(_ node: Node) -> Patient? {
            guard let f = reader.fields(node, in: "patient", allowed: ["name", "age", "sex", "arrival", "complaint", "vitals"] + Self.factKeys,
                                        required: ["age", "sex", "complaint"]) else { return nil }
            let name = f["name"].flatMap { reader.nonEmptyString($0, in: "patient.name") } ?? "the patient"
            let age = f["age"].flatMap { reader.int($0, in: "patient.age", range: 0...120) } ?? 0
            var sex = Patient.Sex.male
            if let n = f["sex"], let s = reader.string(n, in: "patient.sex") {
                if let v = Patient.Sex(rawValue: s) { sex = v } else { reader.error(n, "patient.sex must be male or female, not '\(s)'") }
            }
            var arrival = 9 * 60
            if let n = f["arrival"], let s = reader.string(n, in: "patient.arrival") {
                if let t = ClockFace.parseTimeOfDay(s) { arrival = t } else { reader.error(n, "patient.arrival must be a time of day like \"09:00\"") }
            }
            let complaint = f["complaint"].flatMap { reader.nonEmptyString($0, in: "patient.complaint") } ?? ""
            let vitals = f["vitals"].flatMap { self.vitals($0, context: "patient.vitals") } ?? Vitals()
            return Patient(name: name, age: age, sex: sex, arrival: arrival, complaint: complaint, vitals: vitals,
                           facts: facts(f))
        }

        static let factKeys = ["weight_kg", "egfr", "creatinine_clearance", "dialysis", "pregnant", "conditions", "current_medicines"]

        /// The optional prescribing facts of `patient:` (Docs/scenario-format.md, `patient`).
        mutating func facts(_ f: Fields) -> PatientFacts {
            var facts = PatientFacts()
            func positive(_ key: String, max: Double) -> Double? {
                guard let n = f[key], let v = reader.number(n, in: "patient.\(key)") else { return nil }
                guard v > 0, v <= max else {
                    reader.error(n, "patient.\(key) must be a number above 0 and at most \(JSONValue.format(max)), not \(JSONValue.format(v))")
                    return nil
                }
                return v
            }
            facts.weightKg = positive("weight_kg", max: 400)
            facts.egfr = positive("egfr", max: 200)
            facts.creatinineClearance = positive("creatinine_clearance", max: 250)
            facts.dialysis = f["dialysis"].flatMap { reader.bool($0, in: "patient.dialysis") } ?? false
            facts.pregnant = f["pregnant"].flatMap { reader.bool($0, in: "patient.pregnant") } ?? false
            if let n = f["conditions"] {
                facts.conditions = reader.stringList(n, in: "patient.conditions")
                for c in facts.conditions where !PatientFacts.knownConditions.contains(c) {
                    let hint = Suggestions.phrase(Suggestions.closest(to: c, among: PatientFacts.knownConditions))
                    reader.error(n, "patient.conditions: unknown condition '\(c)'\(hint) (known: \(PatientFacts.knownConditions.joined(separator: ", ")))")
                }
            }
            if let n = f["current_medicines"] {
                for word in reader.stringList(n, in: "patient.current_medicines") {
                    guard let item = catalogue.item(.medicine, word) else {
                        let hint = Suggestions.phrase(Suggestions.closest(to: word, among: catalogue.codes(.medicine)))
                        reader.error(n, "patient.current_medicines: unknown give code '\(word)'\(hint)")
                        continue
                    }
                    facts.currentMedicines.append(item.code)
                }
            }
            return facts
        }

        mutating func vitals(_ node: Node, context: String) -> Vitals? {
            let keys = ["heart_rate", "blood_pressure", "temperature", "respiratory_rate", "oxygen_saturation"]
            guard let f = reader.fields(node, in: context, allowed: keys) else { return nil }
            var v = Vitals()
            v.heartRate = f["heart_rate"].flatMap { reader.int($0, in: "\(context).heart_rate", range: 0...300) }
            v.bloodPressure = f["blood_pressure"].flatMap { reader.string($0, in: "\(context).blood_pressure") }
            v.temperature = f["temperature"].flatMap { reader.number($0, in: "\(context).temperature") }
            v.respiratoryRate = f["respiratory_rate"].flatMap { reader.int($0, in: "\(context).respiratory_rate", range: 0...80) }
            v.oxygenSaturation = f["oxygen_saturation"].flatMap { reader.int($0, in: "\(context).oxygen_saturation", range: 0...100) }
            if let bp = v.bloodPressure, bp.split(separator: "/").count != 2 {
                reader.error(f["blood_pressure"], "\(context).blood_pressure must look like 128/80")
            }
            return v
        }

        mutating func answers(_ node: Node, kind: ItemKind, context: String) -> [String: [String]] {
            var out: [String: [String]] = [:]
            for (key, keyNode, value) in reader.pairs(node, in: context) {
                guard let item = catalogue.item(kind, key) else {
                    let hint = Suggestions.phrase(Suggestions.closest(to: key, among: catalogue.codes(kind)))
                    reader.error(keyNode, "\(context): unknown \(kind == .question ? "ask" : "examine") code '\(key)'\(hint)")
                    continue
                }
                if item.code != key { reader.warning(keyNode, "\(context): '\(key)' is an alias; write the code '\(item.code)'") }
                let texts = reader.phrasings(value, in: "\(context).\(key)")
                if !texts.isEmpty { out[item.code] = texts }
            }
            return out
        }

        mutating func results(_ node: Node, context: String) -> [String: ResultSpec] {
            var out: [String: ResultSpec] = [:]
            for (key, keyNode, value) in reader.pairs(node, in: context) {
                guard let item = catalogue.item(.test, key) else {
                    let hint = Suggestions.phrase(Suggestions.closest(to: key, among: catalogue.codes(.test)))
                    reader.error(keyNode, "\(context): unknown order code '\(key)'\(hint)")
                    continue
                }
                if let spec = reader.resultSpec(value, in: "\(context).\(key)", stages: item.stages.map(\.id)) { out[item.code] = spec }
            }
            return out
        }

        mutating func diagnosis(_ node: Node) -> DiagnosisSpec? {
            guard let f = reader.fields(node, in: "diagnosis", allowed: ["accepted", "partial", "points", "key_terms"], required: ["accepted"]) else { return nil }
            keyTerms = f["key_terms"].map { reader.stringList($0, in: "diagnosis.key_terms") } ?? []
            let accepted = f["accepted"].map { reader.stringList($0, in: "diagnosis.accepted") } ?? []
            if accepted.isEmpty { reader.error(f.node, "diagnosis.accepted must name at least one diagnosis") }
            let partial = f["partial"].map { reader.stringList($0, in: "diagnosis.partial") } ?? []
            for name in accepted + partial where CatalogueLoader.isKebab(name) && catalogue.diagnosis(matching: name) == nil {
                let hint = Suggestions.phrase(Suggestions.closest(to: name, among: catalogue.diagnoses.map(\.code)))
                reader.warning(f.node, "diagnosis '\(name)' looks like a code but is not in diagnoses.yaml\(hint); it will match only as free text")
            }
            let points = f["points"].flatMap { reader.number($0, in: "diagnosis.points") } ?? 10
            return DiagnosisSpec(accepted: accepted, partial: partial, points: points)
        }

        mutating func pattern(_ node: Node, context: String) -> ActionPattern? {
            guard let text = reader.nonEmptyString(node, in: context) else { return nil }
            switch ActionPattern.parse(text, catalogue: catalogue) {
            case .success(let p): return p
            case .failure(let e):
                reader.error(node, "\(context): \(e.message)")
                return nil
            }
        }

        /// `any:` a list of patterns, where an entry may also be `{all: [...]}` (a group that
        /// counts only when every pattern in it was done).
        mutating func anyMatch(_ node: Node, context: String) -> RubricItem.Match {
            guard node.scalar == nil else { return .any(patterns(node, context: context)) }
            let entries = reader.sequence(node, in: context)
            guard entries.contains(where: { $0.scalar == nil }) else {
                return .any(entries.compactMap { pattern($0, context: context) })
            }
            var groups: [[ActionPattern]] = []
            for entry in entries {
                if entry.scalar != nil {
                    if let p = pattern(entry, context: context) { groups.append([p]) }
                } else if let g = reader.fields(entry, in: "\(context) group", allowed: ["all"], required: ["all"]),
                          let all = g["all"] {
                    let group = patterns(all, context: "\(context).all")
                    if group.count < 2 { reader.error(entry, "\(context): a group names two or more actions; write a single one as a plain entry") }
                    if !group.isEmpty { groups.append(group) }
                }
            }
            return .anyGroup(groups)
        }

        mutating func patterns(_ node: Node, context: String) -> [ActionPattern] {
            if node.scalar != nil { return pattern(node, context: context).map { [$0] } ?? [] }
            return reader.sequence(node, in: context).compactMap { pattern($0, context: context) }
        }

        mutating func course(_ node: Node) -> Course {
            guard let f = reader.fields(node, in: "course", allowed: ["horizon", "events"], required: ["horizon"]) else {
                return Course(horizon: 0, events: [])
            }
            let horizon = f["horizon"].flatMap { reader.duration($0, in: "course.horizon") } ?? 0
            var events: [CourseEvent] = []
            var ids = Set<String>()
            for eventNode in f["events"].map({ reader.sequence($0, in: "course.events") }) ?? [] {
                let keys = ["id", "at", "after", "unless", "if_done", "unless_events", "if_events", "message", "history",
                            "examination", "results", "vitals", "critical_error", "reference", "when"]
                guard let ef = reader.fields(eventNode, in: "course event", allowed: keys, required: ["id"]),
                      let id = ef["id"].flatMap({ reader.nonEmptyString($0, in: "event id") }) else { continue }
                if !ids.insert(id).inserted { reader.error(ef["id"], "course event id '\(id)' is used twice") }
                let ctx = "event '\(id)'"
                var trigger: CourseEvent.Trigger?
                switch (ef["at"], ef["after"]) {
                case let (at?, nil):
                    trigger = reader.duration(at, in: "\(ctx).at").map { .at($0) }
                case let (nil, after?):
                    if let af = reader.fields(after, in: "\(ctx).after", allowed: ["action", "delay"], required: ["action", "delay"]),
                       let p = af["action"].flatMap({ pattern($0, context: "\(ctx).after.action") }),
                       let d = af["delay"].flatMap({ reader.duration($0, in: "\(ctx).after.delay") }) {
                        trigger = .after(p, delay: d)
                    }
                case (nil, nil):
                    reader.error(eventNode, "\(ctx) needs a time: 'at: 24h' or 'after: {action: ..., delay: ...}'")
                case (_?, _?):
                    reader.error(eventNode, "\(ctx): give 'at' or 'after', not both")
                }
                let message = ef["message"].flatMap { reader.nonEmptyString($0, in: "\(ctx).message") }
                let critical = ef["critical_error"].flatMap { reader.nonEmptyString($0, in: "\(ctx).critical_error") }
                let reference = ef["reference"].flatMap { reader.nonEmptyString($0, in: "\(ctx).reference") }
                if critical != nil, reference == nil { reader.error(eventNode, "\(ctx): a critical_error needs a reference") }
                let event = CourseEvent(
                    id: id, trigger: trigger ?? .at(0),
                    unless: ef["unless"].map { patterns($0, context: "\(ctx).unless") } ?? [],
                    ifDone: ef["if_done"].map { patterns($0, context: "\(ctx).if_done") } ?? [],
                    unlessEvents: ef["unless_events"].map { reader.stringList($0, in: "\(ctx).unless_events") } ?? [],
                    ifEvents: ef["if_events"].map { reader.stringList($0, in: "\(ctx).if_events") } ?? [],
                    message: message,
                    history: ef["history"].map { answers($0, kind: .question, context: "\(ctx).history") } ?? [:],
                    examination: ef["examination"].map { answers($0, kind: .examination, context: "\(ctx).examination") } ?? [:],
                    results: ef["results"].map { results($0, context: "\(ctx).results") } ?? [:],
                    vitals: ef["vitals"].flatMap { vitals($0, context: "\(ctx).vitals") },
                    criticalError: critical, reference: reference,
                    when: ef["when"].map { conditions($0, in: "\(ctx).when", variables: nil) } ?? [])
                events.append(event)
            }
            return Course(horizon: horizon, events: events)
        }

        mutating func checkEventReferences(_ course: Course, _ node: Node?) {
            let ids = Set(course.events.map(\.id))
            for event in course.events {
                for ref in event.unlessEvents + event.ifEvents where !ids.contains(ref) {
                    reader.error(node, "event '\(event.id)' refers to unknown event '\(ref)'")
                }
            }
        }

        mutating func outcomes(_ node: Node, eventIDs: Set<String>, stateIDs: Set<String> = []) -> [Outcome] {
            var out: [Outcome] = []
            let list = reader.sequence(node, in: "outcomes")
            if list.isEmpty { reader.error(node, "outcomes: give at least one (the last without 'if')") }
            for (i, o) in list.enumerated() {
                guard let f = reader.fields(o, in: "outcome", allowed: ["if", "text"], required: ["text"]),
                      let text = f["text"].flatMap({ reader.nonEmptyString($0, in: "outcome text") }) else { continue }
                var condition: OutcomeCondition?
                if let c = f["if"], let cf = reader.fields(c, in: "outcome if", allowed: ["done", "not_done", "events", "not_events", "diagnosed", "state"]) {
                    var cond = OutcomeCondition()
                    cond.done = cf["done"].map { patterns($0, context: "outcome if.done") } ?? []
                    cond.notDone = cf["not_done"].map { patterns($0, context: "outcome if.not_done") } ?? []
                    cond.events = cf["events"].map { reader.stringList($0, in: "outcome if.events") } ?? []
                    cond.notEvents = cf["not_events"].map { reader.stringList($0, in: "outcome if.not_events") } ?? []
                    cond.diagnosed = cf["diagnosed"].flatMap { reader.bool($0, in: "outcome if.diagnosed") }
                    cond.state = cf["state"].map { conditions($0, in: "outcome if.state", variables: stateIDs) } ?? []
                    for id in cond.events + cond.notEvents where !eventIDs.contains(id) {
                        reader.error(c, "outcome refers to unknown course event '\(id)'")
                    }
                    condition = cond
                }
                if i == list.count - 1, condition != nil {
                    reader.error(o, "the last outcome must have no 'if': it is the fallback")
                }
                out.append(Outcome(condition: condition, text: text))
            }
            return out
        }

        mutating func rubric(_ node: Node, eventIDs: Set<String>) -> Rubric? {
            let keys = ["pass_mark", "weights", "critical_penalty", "safety_error_penalty", "max_unnecessary_tests", "max_prescribing_errors", "unlisted", "items"]
            guard let f = reader.fields(node, in: "rubric", allowed: keys, required: ["pass_mark", "weights", "items"]) else { return nil }
            let passMark = f["pass_mark"].flatMap { reader.number($0, in: "rubric.pass_mark") } ?? 70
            var weights: [Criterion: Double] = [:]
            if let w = f["weights"], let wf = reader.fields(w, in: "rubric.weights", allowed: Criterion.allCases.map(\.rawValue),
                                                           required: Criterion.allCases.map(\.rawValue)) {
                for c in Criterion.allCases {
                    guard let n = wf[c.rawValue], let value = reader.number(n, in: "weights.\(c.rawValue)") else { continue }
                    if value <= 0 { reader.error(n, "weights.\(c.rawValue) must be above zero") }
                    weights[c] = value
                }
                let total = weights.values.reduce(0, +)
                if weights.count == 7, abs(total - 100) > 0.001 {
                    reader.error(w, "rubric weights add up to \(JSONValue.format(total)); they must add up to 100")
                }
            }
            if passMark <= 0 || passMark > 100 { reader.error(f["pass_mark"], "rubric.pass_mark must be between 1 and 100") }
            let safety = weights[.safety] ?? 10
            let criticalPenalty = f["critical_penalty"].flatMap { reader.number($0, in: "rubric.critical_penalty") } ?? safety / 2
            let safetyErrorPenalty = f["safety_error_penalty"].flatMap { reader.number($0, in: "rubric.safety_error_penalty") } ?? 3
            let maxUnnecessary = f["max_unnecessary_tests"].flatMap { reader.int($0, in: "rubric.max_unnecessary_tests", range: 0...1000) } ?? 4
            let maxPrescribing = f["max_prescribing_errors"].flatMap { reader.int($0, in: "rubric.max_prescribing_errors", range: 0...1000) }
                ?? Rubric.defaultMaxPrescribingErrors
            var unlisted = catalogue.unlisted
            if let u = f["unlisted"] {
                for (key, keyNode, value) in reader.pairs(u, in: "rubric.unlisted") {
                    guard let verb = Verb(rawValue: key), verb.isClinicalAction else {
                        reader.error(keyNode, "rubric.unlisted: '\(key)' is not a clinical verb")
                        continue
                    }
                    if let rule = reader.unlistedRule(value, in: "rubric.unlisted.\(key)") { unlisted[verb] = rule }
                }
            }
            var items: [RubricItem] = []
            var ids = Set<String>()
            for itemNode in f["items"].map({ reader.sequence($0, in: "rubric.items") }) ?? [] {
                guard let item = rubricItem(itemNode, eventIDs: eventIDs) else { continue }
                if !ids.insert(item.id).inserted { reader.error(itemNode, "rubric item id '\(item.id)' is used twice") }
                items.append(item)
            }
            return Rubric(passMark: passMark, weights: weights, criticalPenalty: criticalPenalty,
                          safetyErrorPenalty: safetyErrorPenalty, maxUnnecessaryTests: maxUnnecessary,
                          unlisted: unlisted, items: items, maxPrescribingErrors: maxPrescribing)
        }

        /// `after_result: CODE` or a list of codes: the tests whose results an act must follow.
        mutating func afterResults(_ value: Node, context ctx: String) -> [String] {
            var codes: [String] = []
            for n in value.sequence.map(Array.init) ?? [value] {
                guard let code = reader.nonEmptyString(n, in: "\(ctx).after_result") else { continue }
                guard let test = catalogue.item(.test, code) else {
                    let hint = Suggestions.phrase(Suggestions.closest(to: code, among: catalogue.codes(.test)))
                    reader.error(n, "\(ctx).after_result: unknown order code '\(code)'\(hint); name the test whose result the act must follow")
                    continue
                }
                codes.append(test.code)
            }
            return codes
        }

        mutating func rubricItem(_ node: Node, eventIDs: Set<String>) -> RubricItem? {
            let keys = ["id", "tier", "action", "any", "all", "criterion", "points", "within", "feedback", "reference",
                        "critical_error", "critical", "after_event", "before_event", "after_result", "at_least", "total_dose", "critical_after"]
            guard let f = reader.fields(node, in: "rubric item", allowed: keys, required: ["id", "tier"]),
                  let id = f["id"].flatMap({ reader.nonEmptyString($0, in: "item id") }) else { return nil }
            let ctx = "item '\(id)'"
            guard let tierText = f["tier"].flatMap({ reader.string($0, in: "\(ctx).tier") }) else { return nil }
            guard let tier = Tier(rawValue: tierText) else {
                reader.error(f["tier"], "\(ctx).tier '\(tierText)' is not one of \(Tier.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            var match: RubricItem.Match?
            let given = [("action", f["action"]), ("any", f["any"]), ("all", f["all"])].filter { $0.1 != nil }
            if given.count != 1 {
                reader.error(node, "\(ctx) must name what it judges with exactly one of action, any, all")
                return nil
            }
            switch given[0].0 {
            case "action": match = f["action"].flatMap { pattern($0, context: "\(ctx).action") }.map { .action($0) }
            case "any": match = f["any"].map { anyMatch($0, context: "\(ctx).any") }
            default: match = f["all"].map { .all(patterns($0, context: "\(ctx).all")) }
            }
            guard let match, !match.patterns.isEmpty else { return nil }
            let verbs = Set(match.patterns.map(\.verb))
            var criterion = Criterion.defaultFor(match.patterns[0].verb)
            if let c = f["criterion"], let s = reader.string(c, in: "\(ctx).criterion") {
                if let v = Criterion(rawValue: s) { criterion = v } else {
                    reader.error(c, "\(ctx).criterion '\(s)' is not one of \(Criterion.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            } else if verbs.count > 1, Set(verbs.map(Criterion.defaultFor)).count > 1 {
                reader.error(node, "\(ctx) mixes verbs judged under different criteria; say which with 'criterion:'")
            }
            if criterion == .timeliness {
                reader.error(f["criterion"], "\(ctx): timeliness is judged from 'within' deadlines; put the item under the criterion of its action")
            }
            let points = f["points"].flatMap { reader.number($0, in: "\(ctx).points") } ?? (tier == .neutral ? 0 : -1)
            if tier != .neutral, points <= 0 { reader.error(node, "\(ctx): a \(tier.rawValue) item needs points above zero") }
            let within = f["within"].flatMap { reader.duration($0, in: "\(ctx).within") }
            if within != nil, !tier.isPositive { reader.error(f["within"], "\(ctx): only critical, required and recommended items take a deadline") }
            var met: String?, missed: String?, late: String?
            if let fb = f["feedback"], let ff = reader.fields(fb, in: "\(ctx).feedback", allowed: ["met", "missed", "late"]) {
                met = ff["met"].flatMap { reader.nonEmptyString($0, in: "\(ctx).feedback.met") }
                missed = ff["missed"].flatMap { reader.nonEmptyString($0, in: "\(ctx).feedback.missed") }
                late = ff["late"].flatMap { reader.nonEmptyString($0, in: "\(ctx).feedback.late") }
            }
            if tier.isPositive, missed == nil { reader.error(node, "\(ctx): give feedback.missed (what the trainee should learn when it is not done)") }
            if tier.isPenalty, met == nil { reader.error(node, "\(ctx): give feedback.met (why doing this was wrong)") }
            let reference = f["reference"].flatMap { reader.nonEmptyString($0, in: "\(ctx).reference") }
            if tier != .neutral, reference == nil { reader.error(node, "\(ctx): give a reference (the guideline this judgement follows)") }
            let critical = f["critical"].flatMap { reader.bool($0, in: "\(ctx).critical") } ?? false
            if critical, tier != .harmful { reader.error(f["critical"], "\(ctx): 'critical: true' is for harmful items; a must-do is tier: critical") }
            var afterEvent: String?, beforeEvent: String?
            for (key, value) in [("after_event", f["after_event"]), ("before_event", f["before_event"])] {
                guard let value, let event = reader.nonEmptyString(value, in: "\(ctx).\(key)") else { continue }
                if !eventIDs.contains(event) {
                    let hint = Suggestions.phrase(Suggestions.closest(to: event, among: Array(eventIDs)))
                    reader.error(value, "\(ctx).\(key): no course event '\(event)'\(hint)")
                }
                if key == "after_event" { afterEvent = event } else { beforeEvent = event }
            }
            if let a = afterEvent, a == beforeEvent { reader.error(node, "\(ctx): after_event and before_event name the same event; nothing could match") }
            let afterResult = f["after_result"].map { afterResults($0, context: ctx) } ?? []
            let criticalAfter = f["critical_after"].flatMap { reader.duration($0, in: "\(ctx).critical_after") }
            if let c = criticalAfter {
                if let w = within, c < w { reader.error(f["critical_after"], "\(ctx).critical_after must not be shorter than within") }
                if within == nil { reader.error(f["critical_after"], "\(ctx): critical_after needs a 'within' deadline") }
            }
            return RubricItem(id: id, tier: tier, match: match, criterion: criterion, points: max(points, 0), within: within,
                              feedbackMet: met, feedbackMissed: missed, feedbackLate: late, reference: reference,
                              criticalError: f["critical_error"].flatMap { reader.nonEmptyString($0, in: "\(ctx).critical_error") },
                              critical: critical, afterEvent: afterEvent, beforeEvent: beforeEvent, afterResult: afterResult,
                              line: node.mark?.line ?? 0,
                              atLeast: atLeast(f["at_least"], context: ctx),
                              totalDose: totalDose(f["total_dose"], match: match, atLeast: f["at_least"], context: ctx),
                              criticalAfter: criticalAfter)
        }

        /// `total_dose: AMOUNT` on a rubric item of `give` patterns (nil when absent).
        mutating func totalDose(_ node: Node?, match: RubricItem.Match, atLeast: Node?, context: String) -> Quantity? {
            guard let node, let text = reader.string(node, in: "\(context).total_dose") else { return nil }
            guard let quantity = Quantity.parse(text) else {
                reader.error(node, "\(context).total_dose: '\(text)' is not an amount; write e.g. 4g, 1500mg")
                return nil
            }
            if match.patterns.contains(where: { $0.verb != .give }) {
                reader.error(node, "\(context).total_dose counts the doses of medicines given; every pattern must be a 'give' pattern")
            }
            if case .all = match { reader.error(node, "\(context).total_dose: use action: or any:, not all:") }
            if atLeast != nil { reader.error(node, "\(context): give at_least or total_dose, not both") }
            return quantity
        }

        /// `at_least: N` on a rubric item: how many matching acts make it done (1 when absent).
        mutating func atLeast(_ node: Node?, context: String) -> Int {
            guard let node else { return 1 }
            return reader.int(node, in: "\(context).at_least", range: 1...100) ?? 1
        }

        mutating func ladderUse(_ node: Node, eventIDs: Set<String>) -> LadderUse? {
            guard let f = reader.fields(node, in: "ladder", allowed: ["id", "start", "start_reason", "red_flags", "failures", "exclude", "review", "function_affected"],
                                        required: ["id"]),
                  let id = f["id"].flatMap({ reader.nonEmptyString($0, in: "ladder.id") }) else { return nil }
            guard let ladder = catalogue.ladders[id] else {
                let hint = Suggestions.phrase(Suggestions.closest(to: id, among: Array(catalogue.ladders.keys)))
                reader.error(f["id"], "ladder '\(id)' is not a ladder of the catalogue (the bundled ladders, or this folder's catalogue/ladders/)\(hint)")
                return nil
            }
            let start = f["start"].flatMap { reader.int($0, in: "ladder.start", range: 1...10) } ?? 1
            // A ladder of red flags alone (no rungs) has no start to check.
            if !ladder.rungs.isEmpty, !ladder.rungs.contains(where: { $0.level == start }) { reader.error(f["start"], "ladder '\(id)' has no rung \(start)") }
            let reason = f["start_reason"].flatMap { reader.nonEmptyString($0, in: "ladder.start_reason") }
            if start > 1, reason == nil { reader.error(node, "ladder: starting above rung 1 needs a start_reason (the indication)") }
            let flags = f["red_flags"].map { reader.stringList($0, in: "ladder.red_flags") } ?? []
            for flag in flags where !ladder.redFlags.contains(where: { $0.id == flag }) {
                let hint = Suggestions.phrase(Suggestions.closest(to: flag, among: ladder.redFlags.map(\.id)))
                reader.error(f["red_flags"], "ladder '\(id)' has no red flag '\(flag)'\(hint)")
            }
            var failures: [Int: String] = [:]
            if let fn = f["failures"] {
                for (key, keyNode, value) in reader.pairs(fn, in: "ladder.failures") {
                    guard let level = Int(key), ladder.rungs.contains(where: { $0.level == level }) else {
                        reader.error(keyNode, "ladder.failures: '\(key)' is not a rung level of '\(id)'")
                        continue
                    }
                    guard let event = reader.nonEmptyString(value, in: "ladder.failures.\(key)") else { continue }
                    if !eventIDs.contains(event) { reader.error(value, "ladder.failures: no course event '\(event)'") }
                    failures[level] = event
                }
            }
            let exclude = f["exclude"].map { reader.stringList($0, in: "ladder.exclude") } ?? []
            for e in exclude where !ladder.errors.contains(where: { $0.id == e }) {
                reader.error(f["exclude"], "ladder '\(id)' has no error '\(e)' to exclude")
            }
            var use = LadderUse(ladderID: id, start: start, startReason: reason, redFlags: flags, failures: failures,
                                exclude: exclude, line: node.mark?.line ?? 0)
            if let rn = f["review"], let review = reader.nonEmptyString(rn, in: "ladder.review") {
                if !eventIDs.contains(review) { reader.error(rn, "ladder.review: no course event '\(review)'") }
                use.review = review
            }
            use.functionAffected = f["function_affected"].flatMap { reader.bool($0, in: "ladder.function_affected") } ?? false
            return use
        }

        mutating func selfTests(_ node: Node) -> [SelfTest] {
            var out: [SelfTest] = []
            let list = reader.sequence(node, in: "self_tests")
            for t in list {
                guard let f = reader.fields(t, in: "self test", allowed: ["name", "expect", "score", "critical_errors", "outcome", "transcript"],
                                            required: ["name", "expect", "score", "transcript"]),
                      let name = f["name"].flatMap({ reader.nonEmptyString($0, in: "self test name") }) else { continue }
                var expect = SelfTest.Expectation.pass
                if let e = f["expect"], let s = reader.string(e, in: "\(name).expect") {
                    if let v = SelfTest.Expectation(rawValue: s) { expect = v } else { reader.error(e, "expect must be pass or fail, not '\(s)'") }
                }
                var band: ClosedRange<Double> = 0...100
                if let s = f["score"] {
                    let nums = reader.sequence(s, in: "\(name).score").compactMap { reader.number($0, in: "score") }
                    if nums.count == 2, nums[0] <= nums[1] { band = nums[0]...nums[1] } else {
                        reader.error(s, "self test '\(name)': score must be [low, high], e.g. [85, 100]")
                    }
                }
                let critical = f["critical_errors"].map { reader.stringList($0, in: "\(name).critical_errors") } ?? []
                let outcome = f["outcome"].flatMap { reader.nonEmptyString($0, in: "\(name).outcome") }
                let transcript = f["transcript"].flatMap { reader.string($0, in: "\(name).transcript") } ?? ""
                out.append(SelfTest(name: name, expect: expect, band: band, criticalErrors: critical, outcome: outcome,
                                    transcript: transcript, line: t.mark?.line ?? 0,
                                    commands: Transcript.parse(transcript).lines.map(\.text)))
            }
            if !list.isEmpty {
                if !out.contains(where: { $0.expect == .pass }) { reader.error(node, "self_tests: give at least one exemplar with expect: pass") }
                if !out.contains(where: { $0.expect == .fail }) { reader.error(node, "self_tests: give at least one pitfall with expect: fail") }
            } else {
                reader.error(node, "self_tests: give at least one exemplar (expect: pass) and one pitfall (expect: fail)")
            }
            return out
        }
    }
}
