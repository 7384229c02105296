import Yams

/// Builds a `Catalogue` from the text of `catalogue.yaml` and `diagnoses.yaml`.
/// Pure: the caller reads the files.
public enum CatalogueLoader {
    public static func load(catalogueText: String, cataloguePath: String,
                            diagnosesText: String, diagnosesPath: String,
                            ladders: [(text: String, path: String)] = [],
                            interactions: (text: String, path: String)? = nil) throws(LoadFailure) -> Catalogue {
        var catalogue = Catalogue()
        var reader = YAMLReader(path: cataloguePath)
        if let root = reader.parse(catalogueText) {
            readCatalogue(root, into: &catalogue, reader: &reader)
            // Panels name codes of the lists just read; checked here so that a bad panel
            // stops the load like any other error (`panels(...)` returns them).
            catalogue.add(panels: readPanels(root, catalogue: catalogue, reader: &reader))
            catalogue.groupsByKind = Catalogue.readGroups(catalogueText)
        }
        var diagnosisReader = YAMLReader(path: diagnosesPath)
        if let root = diagnosisReader.parse(diagnosesText) {
            readDiagnoses(root, into: &catalogue, reader: &diagnosisReader)
        }
        var all = reader.diagnostics + diagnosisReader.diagnostics
        if all.contains(where: { $0.severity == .error }) { throw LoadFailure(all) }
        var ladderTexts = ""
        for (text, path) in ladders {
            do {
                let ladder = try LadderLoader.load(text: text, path: path, catalogue: catalogue)
                if catalogue.ladders[ladder.id] != nil {
                    all.append(Diagnostic(path: path, line: 1, column: 1, message: "ladder id '\(ladder.id)' is used twice"))
                }
                catalogue.ladders[ladder.id] = ladder
                ladderTexts += "\u{0}" + text
            } catch {
                all += error.diagnostics
            }
        }
        if let interactions {
            all += readInteractions(interactions, into: &catalogue)
            ladderTexts += "\u{0}" + interactions.text
        }
        if all.contains(where: { $0.severity == .error }) { throw LoadFailure(all) }
        catalogue.sha256 = SHA256.hex(catalogueText + "\u{0}" + diagnosesText + ladderTexts)
        return catalogue
    }

    /// Merges a case folder's own catalogue additions (`DIR/catalogue/`) into a loaded
    /// catalogue: new codes in any list, new diagnoses, new ladders (with their red flags).
    /// An overlay adds, never replaces: a code or alias that the catalogue already has, a
    /// diagnosis name it already knows or a ladder id it already has is a located error.
    /// Every file read is recorded in `files` with its hash, and `sha256` becomes the hash
    /// of the whole merged set. Pure: the caller reads the files.
    public static func overlay(_ base: Catalogue, catalogue file: (text: String, path: String)?,
                               diagnoses: (text: String, path: String)?,
                               ladders: [(text: String, path: String)] = [],
                               interactions: (text: String, path: String)? = nil) throws(LoadFailure) -> Catalogue {
        var catalogue = base
        var all: [Diagnostic] = []
        var combined = base.sha256
        var files = base.files.isEmpty ? [CatalogueFile(name: "bundled", sha256: base.sha256)] : base.files
        func record(_ text: String, _ path: String) {
            let hash = SHA256.hex(text)
            files.append(CatalogueFile(name: path, sha256: hash))
            combined += "\u{0}" + hash
        }
        if let file {
            var reader = YAMLReader(path: file.path)
            if let root = reader.parse(file.text) {
                readOverlayCatalogue(root, into: &catalogue, reader: &reader)
            }
            all += reader.diagnostics
            record(file.text, file.path)
        }
        if let diagnoses {
            var reader = YAMLReader(path: diagnoses.path)
            if let root = reader.parse(diagnoses.text) {
                readDiagnoses(root, into: &catalogue, reader: &reader, base: base)
            }
            all += reader.diagnostics
            record(diagnoses.text, diagnoses.path)
        }
        if all.contains(where: { $0.severity == .error }) { throw LoadFailure(all) }
        for (text, path) in ladders {
            do {
                let ladder = try LadderLoader.load(text: text, path: path, catalogue: catalogue)
                if catalogue.ladders[ladder.id] != nil {
                    all.append(Diagnostic(path: path, line: 1, column: 1,
                                          message: "ladder id '\(ladder.id)' is already a ladder of the catalogue; give this folder's ladder another id (an overlay adds ladders, it cannot replace one)"))
                }
                catalogue.ladders[ladder.id] = ladder
                record(text, path)
            } catch {
                all += error.diagnostics
            }
        }
        if let interactions {
            all += readInteractions(interactions, into: &catalogue, base: base)
            record(interactions.text, interactions.path)
        }
        if all.contains(where: { $0.severity == .error }) { throw LoadFailure(all) }
        catalogue.files = files
        catalogue.sha256 = SHA256.hex(combined)
        return catalogue
    }

    /// An overlay's `catalogue.yaml`: `version` and any of the item lists; each entry is
    /// read as in the bundled catalogue and must not reuse a code or alias of its list.
    private static func readOverlayCatalogue(_ root: Node, into catalogue: inout Catalogue, reader: inout YAMLReader) {
        let lists = ItemKind.allCases.map(\.listKey)
        if let mapping = root.mapping {
            for (key, _) in mapping {
                guard let name = key.scalar?.string, ["defaults", "exclusive_classes", "unlisted", "panels", "burden_policy", "default_contradictions", "probable_dose_error"].contains(name) else { continue }
                reader.error(key, "'\(name)' belongs to the bundled catalogue only; a folder's catalogue/catalogue.yaml may add entries to the lists (\(lists.joined(separator: ", "))) and nothing else")
            }
        }
        guard let top = reader.fields(root, in: "catalogue overlay", allowed: ["version", "defaults", "exclusive_classes", "unlisted", "panels", "burden_policy", "default_contradictions"] + lists,
                                      required: ["version"]) else { return }
        if let v = top["version"], let version = reader.int(v, in: "version"), version != 1 {
            reader.error(v, "catalogue version \(version) is not supported; this SpineSim reads version 1")
        }
        for kind in ItemKind.allCases {
            guard let listNode = top[kind.listKey] else { continue }
            var seen: [String: String] = [:]
            for entryNode in reader.sequence(listNode, in: kind.listKey) {
                guard let item = readItem(entryNode, kind: kind, catalogue: catalogue, reader: &reader) else { continue }
                var clash = false
                for word in [item.code] + item.aliases {
                    if let owner = catalogue.item(kind, word) {
                        let what = word == owner.code ? "is the code of" : "is an alias of"
                        reader.error(entryNode, "\(kind.listKey): '\(word)' \(what) '\(owner.code)' in the bundled catalogue; an overlay cannot redefine it: use '\(owner.code)' as it is, or give this entry a code and aliases of its own")
                        clash = true
                    } else if let owner = seen[word] {
                        reader.error(entryNode, "\(kind.listKey): '\(word)' already names '\(owner)'; codes and aliases must be unique within a list")
                        clash = true
                    } else {
                        seen[word] = item.code
                    }
                }
                if !clash { catalogue.add(item) }
            }
        }
    }

    private static let listKinds: [String: ItemKind] = Dictionary(
        uniqueKeysWithValues: ItemKind.allCases.map { ($0.listKey, $0) })

    private static func readCatalogue(_ root: Node, into catalogue: inout Catalogue, reader: inout YAMLReader) {
        let keys = ["version", "defaults", "exclusive_classes", "unlisted", "panels", "hospital_settings", "samples_before_treatment",
                    "result_dependencies", "burden_policy", "default_contradictions", "probable_dose_error"]
            + ItemKind.allCases.map(\.listKey)
        guard let top = reader.fields(root, in: "catalogue", allowed: keys, required: ["version"] + ItemKind.allCases.map(\.listKey)) else { return }
        if let v = top["version"], let version = reader.int(v, in: "version"), version != 1 {
            reader.error(v, "catalogue version \(version) is not supported; this SpineSim reads version 1")
        }
        if let node = top["defaults"] {
            for (key, keyNode, value) in reader.pairs(node, in: "defaults") {
                guard let verb = Verb(rawValue: key) else {
                    reader.error(keyNode, "defaults: '\(key)' is not a verb")
                    continue
                }
                if let minutes = reader.int(value, in: "defaults.\(key)", range: 0...100_000) {
                    catalogue.defaultTimes[verb] = minutes
                }
            }
        }
        if let node = top["hospital_settings"] {
            for name in reader.stringList(node, in: "hospital_settings") {
                if Setting(rawValue: name) == nil {
                    reader.error(node, "hospital_settings: '\(name)' is not a setting (\(Setting.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                catalogue.hospitalSettings.insert(name)
            }
        }
        if let node = top["exclusive_classes"] {
            catalogue.exclusiveClasses = reader.stringList(node, in: "exclusive_classes")
        }
        if let node = top["unlisted"] {
            for (key, keyNode, value) in reader.pairs(node, in: "unlisted") {
                guard let verb = Verb(rawValue: key) else {
                    reader.error(keyNode, "unlisted: '\(key)' is not a verb")
                    continue
                }
                if let rule = reader.unlistedRule(value, in: "unlisted.\(key)") { catalogue.unlisted[verb] = rule }
            }
        }
        if let node = top["burden_policy"] { catalogue.burdenPolicy = reader.burdenPolicy(node) }
        if let node = top["probable_dose_error"] { catalogue.doseErrorPolicy = reader.doseErrorPolicy(node) }
        for kind in ItemKind.allCases {
            guard let listNode = top[kind.listKey] else { continue }
            var seen: [String: String] = [:]
            for entryNode in reader.sequence(listNode, in: kind.listKey) {
                guard let item = readItem(entryNode, kind: kind, catalogue: catalogue, reader: &reader) else { continue }
                for word in [item.code] + item.aliases {
                    if let owner = seen[word] {
                        reader.error(entryNode, "\(kind.listKey): '\(word)' already names '\(owner)'; codes and aliases must be unique within a list")
                    } else {
                        seen[word] = item.code
                    }
                }
                catalogue.add(item)
            }
        }
        checkContains(top["tests"], catalogue: catalogue, reader: &reader)
        if let node = top["default_contradictions"] {
            catalogue.contradictionRules = reader.contradictionRules(node, catalogue: catalogue)
        }
        for name in catalogue.exclusiveClasses where !catalogue.classExists(name, in: .medicine) {
            reader.warning(top["exclusive_classes"], "exclusive class '\(name)' is not used by any medicine")
        }
        if let node = top["samples_before_treatment"] {
            catalogue.samplingRules = readSamplingRules(node, catalogue: catalogue, reader: &reader)
        }
        if let node = top["result_dependencies"] { readResultDependencies(node, into: &catalogue, reader: &reader) }
    }

    /// `samples_before_treatment`: each entry a medicine class, the classes of tests or
    /// procedures that take its samples, and the source; every class must be in use.
    private static func readSamplingRules(_ node: Node, catalogue: Catalogue, reader: inout YAMLReader) -> [SamplingRule] {
        var rules: [SamplingRule] = []
        for entry in reader.sequence(node, in: "samples_before_treatment") {
            guard let f = reader.fields(entry, in: "samples_before_treatment entry", allowed: ["treatment", "samples", "reference"],
                                        required: ["treatment", "samples", "reference"]),
                  let treatment = f["treatment"].flatMap({ reader.nonEmptyString($0, in: "treatment") }),
                  let reference = f["reference"].flatMap({ reader.nonEmptyString($0, in: "reference") }) else { continue }
            if !catalogue.classExists(treatment, in: .medicine) {
                reader.error(f["treatment"], "samples_before_treatment: '\(treatment)' is not the class of any medicine")
            }
            let samples = f["samples"].map { reader.stringList($0, in: "samples") } ?? []
            for name in samples where !catalogue.classExists(name, in: .test) && !catalogue.classExists(name, in: .procedure) {
                reader.error(f["samples"], "samples_before_treatment: '\(name)' is not the class of any test or procedure")
            }
            rules.append(SamplingRule(treatment: treatment, samples: samples, reference: reference))
        }
        return rules
    }

    private static func readItem(_ node: Node, kind: ItemKind, catalogue: Catalogue, reader: inout YAMLReader) -> CatalogueItem? {
        var allowed = ["code", "name", "aliases", "classes"]
        var required = ["code", "name"]
        switch kind {
        case .question: allowed += ["default"]; required += ["default"]
        case .examination: allowed += ["default", "time"]; required += ["default"]
        case .test:
            allowed += ["kind", "turnaround", "stages", "default", "applies_to", "contains", "elsewhere", "region_words", "burden"]
            required += ["kind", "turnaround", "default"]
        case .medicine: allowed += ["routes", "usual", "max_daily", "one_off_routes", "dosing", "route_doses"]; required += ["routes", "usual"]
        case .advice, .service: break
        case .procedure: allowed += ["time"]; required += ["time"]
        }
        let context = "\(kind.listKey) entry"
        guard let f = reader.fields(node, in: context, allowed: allowed, required: required),
              let codeNode = f["code"], let code = reader.nonEmptyString(codeNode, in: "code") else { return nil }
        if !isKebab(code) {
            reader.error(codeNode, "code '\(code)' must be kebab-case: lower-case letters, digits and hyphens")
        }
        let name = f["name"].flatMap { reader.nonEmptyString($0, in: "\(code).name") } ?? code
        let aliases = f["aliases"].map { reader.stringList($0, in: "\(code).aliases").map { $0.lowercased() } } ?? []
        for alias in aliases where alias.contains(" ") {
            reader.error(f["aliases"], "\(code): alias '\(alias)' has a space; use hyphens (a command word cannot contain spaces)")
        }
        let classes = Set(f["classes"].map { reader.stringList($0, in: "\(code).classes") } ?? [])
        let verbTime: Minutes
        switch kind {
        case .question: verbTime = catalogue.defaultTimes[.ask] ?? 1
        case .examination: verbTime = catalogue.defaultTimes[.examine] ?? 2
        default: verbTime = 1
        }
        let time = f["time"].flatMap { reader.int($0, in: "\(code).time", range: 0...100_000) } ?? verbTime
        // Each kind's parts are read into locals and the (immutable) item built once.
        switch kind {
        case .question, .examination:
            let defaultText = f["default"].flatMap { reader.nonEmptyString($0, in: "\(code).default") }
            return CatalogueItem(kind: kind, code: code, name: name, aliases: aliases, classes: classes, time: time,
                                 defaultText: defaultText)
        case .test:
            let testKind = f["kind"].flatMap { reader.string($0, in: "\(code).kind") }
            if let k = testKind, !["lab", "imaging", "bedside", "procedure"].contains(k) {
                reader.error(f["kind"], "\(code).kind must be lab, imaging, bedside or procedure, not '\(k)'")
            }
            let turnaround = f["turnaround"].flatMap { reader.turnaround($0, in: "\(code).turnaround") }
            let stages = f["stages"].map { readStages($0, code: code, reader: &reader) } ?? []
            var defaultResult: ResultSpec?
            if let d = f["default"] {
                defaultResult = reader.resultSpec(d, in: "\(code).default", stages: stages.map(\.id))
            }
            let profile = reader.testProfile(f, code: code)
            return CatalogueItem(kind: kind, code: code, name: name, aliases: aliases, classes: classes, time: time,
                                 testKind: testKind, turnaround: turnaround, stages: stages, defaultResult: defaultResult,
                                 profile: profile)
        case .medicine:
            return readMedicine(f, code: code, name: name, aliases: aliases, classes: classes, time: time, reader: &reader)
        case .advice, .service, .procedure:
            return CatalogueItem(kind: kind, code: code, name: name, aliases: aliases, classes: classes, time: time)
        }
    }

    /// A medicine's routes, usual regimen, limits and dosing rules.
    private static func readMedicine(_ f: Fields, code: String, name: String, aliases: [String], classes: Set<String>,
                                     time: Minutes, reader: inout YAMLReader) -> CatalogueItem {
        let routes = (f["routes"].map { reader.stringList($0, in: "\(code).routes") } ?? []).compactMap { word -> Route? in
            guard let route = Route.parse(word) else {
                reader.error(f["routes"], "\(code).routes: '\(word)' is not a route (oral, iv, im, sc, topical)")
                return nil
            }
            return route
        }
        var usual: Regimen?
        if let u = f["usual"] { usual = reader.regimen(u, in: "\(code).usual") }
        var maxDaily: Quantity?
        if let m = f["max_daily"], let text = reader.string(m, in: "\(code).max_daily") {
            if let q = Quantity.parse(text) { maxDaily = q } else {
                reader.error(m, "\(code).max_daily: '\(text)' is not an amount; write e.g. 4g, 1250mg, 100mcg")
            }
        }
        let oneOff = (f["one_off_routes"].map { reader.stringList($0, in: "\(code).one_off_routes") } ?? []).compactMap { word -> Route? in
            guard let route = Route.parse(word), routes.contains(route) else {
                reader.error(f["one_off_routes"], "\(code).one_off_routes: '\(word)' is not one of its routes (\(routes.map(\.rawValue).joined(separator: ", ")))")
                return nil
            }
            return route
        }
        let dosing = f["dosing"].map { reader.doseLimits($0, in: "\(code).dosing") } ?? []
        let routeDoses = f["route_doses"].map { reader.routeDoses($0, routes: routes, in: "\(code).route_doses") } ?? [:]
        return CatalogueItem(kind: .medicine, code: code, name: name, aliases: aliases, classes: classes, time: time,
                             routes: routes, usual: usual, maxDaily: maxDaily, oneOffRoutes: oneOff, dosing: dosing,
                             routeDoses: routeDoses)
    }

    /// Every `contains` code names another test of the catalogue, and no test contains
    /// itself, directly or through another.
    private static func checkContains(_ node: Node?, catalogue: Catalogue, reader: inout YAMLReader) {
        for item in catalogue.entries(.test) where !item.profile.contains.isEmpty {
            for code in item.profile.contains where catalogue.item(.test, code)?.code != code {
                reader.error(node, "tests: \(item.code).contains: '\(code)' is not the code of a test")
            }
            if catalogue.containedTests(of: item.code).contains(item.code) {
                reader.error(node, "tests: \(item.code).contains: the test contains itself through \(item.profile.contains.joined(separator: ", "))")
            }
        }
    }

    /// A test's named stages (`stages:`), each with its own routine and urgent turnaround.
    private static func readStages(_ node: Node, code: String, reader: inout YAMLReader) -> [TestStage] {
        var stages: [TestStage] = []
        for stageNode in reader.sequence(node, in: "\(code).stages") {
            guard let sf = reader.fields(stageNode, in: "\(code) stage", allowed: ["id", "name", "routine", "urgent"],
                                         required: ["id", "name", "routine", "urgent"]),
                  let id = sf["id"].flatMap({ reader.nonEmptyString($0, in: "stage id") }),
                  let routine = sf["routine"].flatMap({ reader.duration($0, in: "\(code) stage routine") }),
                  let urgent = sf["urgent"].flatMap({ reader.duration($0, in: "\(code) stage urgent") }) else { continue }
            let stageName = sf["name"].flatMap { reader.nonEmptyString($0, in: "stage name") } ?? id
            stages.append(TestStage(id: id, name: stageName, turnaround: Turnaround(routine: routine, urgent: urgent)))
        }
        return stages
    }

    private static func readDiagnoses(_ root: Node, into catalogue: inout Catalogue, reader: inout YAMLReader, base: Catalogue? = nil) {
        guard let top = reader.fields(root, in: "diagnoses file", allowed: ["version", "diagnoses"], required: ["version", "diagnoses"]),
              let list = top["diagnoses"] else { return }
        var seen: [String: String] = [:]
        for node in reader.sequence(list, in: "diagnoses") {
            guard let f = reader.fields(node, in: "diagnosis", allowed: ["code", "name", "aliases"], required: ["code", "name"]),
                  let code = f["code"].flatMap({ reader.nonEmptyString($0, in: "code") }) else { continue }
            if !isKebab(code) { reader.error(f["code"], "diagnosis code '\(code)' must be kebab-case") }
            let name = f["name"].flatMap { reader.nonEmptyString($0, in: "\(code).name") } ?? code
            let aliases = f["aliases"].map { reader.stringList($0, in: "\(code).aliases") } ?? []
            for word in [code, name] + aliases {
                if let owner = base?.diagnosis(matching: word) {
                    reader.error(node, "diagnoses: '\(word)' already names '\(owner.code)' in the bundled catalogue; an overlay cannot redefine it: accept '\(owner.code)' in the case, or give this diagnosis a code, name and aliases of its own")
                    continue
                }
                let key = word.folded
                if let owner = seen[key], owner != code {
                    reader.error(node, "diagnoses: '\(word)' already names '\(owner)'")
                }
                seen[key] = code
            }
            catalogue.addDiagnosis(DiagnosisEntry(code: code, name: name, aliases: aliases))
        }
    }

    /// Whether a code is kebab-case (lower-case ASCII letters, digits, single inner hyphens).
    public static func isKebab(_ s: String) -> Bool {
        guard let first = s.first, first.isLowercase || first.isNumber, !s.hasSuffix("-"), !s.contains("--") else { return false }
        return s.allSatisfy { ($0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) || $0 == "-" }
    }
}

extension YAMLReader {
    mutating func turnaround(_ node: Node, in context: String) -> Turnaround? {
        guard let f = fields(node, in: context, allowed: ["routine", "urgent", "hospital"], required: ["routine", "urgent"]),
              let r = f["routine"].flatMap({ duration($0, in: "\(context).routine") }),
              let u = f["urgent"].flatMap({ duration($0, in: "\(context).urgent") }) else { return nil }
        let h = f["hospital"].flatMap { duration($0, in: "\(context).hospital") }
        return Turnaround(routine: r, urgent: u, hospital: h)
    }

    mutating func regimen(_ node: Node, in context: String) -> Regimen? {
        guard let f = fields(node, in: context, allowed: ["dose", "frequency", "route"], required: ["frequency", "route"]) else { return nil }
        var regimen = Regimen()
        if let d = f["dose"], let text = string(d, in: "\(context).dose") {
            if let q = Quantity.parse(text) { regimen.dose = q } else { error(d, "\(context).dose: '\(text)' is not a dose; write e.g. 250mg, 1g") }
        }
        if let fr = f["frequency"], let text = string(fr, in: "\(context).frequency") {
            if let q = Frequency.parse(text) { regimen.frequency = q } else {
                error(fr, "\(context).frequency: '\(text)' is not a frequency (once, stat, daily, bd, tds, qds, q8h, weekly, prn)")
            }
        }
        if let r = f["route"], let text = string(r, in: "\(context).route") {
            if let q = Route.parse(text) { regimen.route = q } else { error(r, "\(context).route: '\(text)' is not a route (oral, iv, im, sc, topical)") }
        }
        return regimen
    }

    mutating func unlistedRule(_ node: Node, in context: String) -> UnlistedRule? {
        guard let f = fields(node, in: context, allowed: ["tier", "points"], required: ["tier"]),
              let tierText = f["tier"].flatMap({ string($0, in: "\(context).tier") }) else { return nil }
        guard let tier = Tier(rawValue: tierText), !tier.isPositive else {
            error(f["tier"], "\(context).tier must be neutral, unnecessary or harmful, not '\(tierText)'")
            return nil
        }
        let points = f["points"].flatMap { number($0, in: "\(context).points") } ?? 0
        if tier.isPenalty, points <= 0 { error(f.node, "\(context): an \(tier.rawValue) rule needs points above zero") }
        return UnlistedRule(tier: tier, points: points)
    }

    /// A result in one of its three shapes (value, components, report) or staged.
    mutating func resultSpec(_ node: Node, in context: String, stages: [String]) -> ResultSpec? {
        let allowed = ["value", "unit", "range", "flag", "interpretation", "components", "stages"]
        guard let f = fields(node, in: context, allowed: allowed) else { return nil }
        let value = f["value"].flatMap { string($0, in: "\(context).value") }
        let unit = f["unit"].flatMap { string($0, in: "\(context).unit") }
        let range = f["range"].flatMap { string($0, in: "\(context).range") }
        let interpretation = f["interpretation"].flatMap { nonEmptyString($0, in: "\(context).interpretation") }
        var flag: ResultFlag?
        if let flagNode = f["flag"], let text = string(flagNode, in: "\(context).flag") {
            if let parsed = ResultFlag(rawValue: text) { flag = parsed } else {
                error(flagNode, "\(context).flag must be normal, high, low, abnormal or critical, not '\(text)'")
            }
        }
        var components: [ResultComponent] = []
        if let list = f["components"] {
            for c in sequence(list, in: "\(context).components") {
                guard let cf = fields(c, in: "\(context) component", allowed: ["name", "value", "unit", "range", "flag"], required: ["name", "value"]),
                      let name = cf["name"].flatMap({ nonEmptyString($0, in: "component name") }),
                      let value = cf["value"].flatMap({ string($0, in: "component value") }) else { continue }
                var componentFlag: ResultFlag?
                if let fl = cf["flag"], let t = string(fl, in: "component flag") {
                    componentFlag = ResultFlag(rawValue: t)
                    if componentFlag == nil { error(fl, "component flag must be normal, high, low, abnormal or critical, not '\(t)'") }
                }
                components.append(ResultComponent(name: name, value: value, unit: cf["unit"].flatMap { string($0, in: "unit") },
                                                  range: cf["range"].flatMap { string($0, in: "range") }, flag: componentFlag))
            }
        }
        var stageResults: [String: ResultSpec] = [:]
        if let stagesNode = f["stages"] {
            if stages.isEmpty {
                error(stagesNode, "\(context): this test does not report in stages; give one result")
            }
            for (key, keyNode, value) in pairs(stagesNode, in: "\(context).stages") {
                guard stages.contains(key) else {
                    error(keyNode, "\(context).stages: '\(key)' is not a stage of this test (stages: \(stages.joined(separator: ", ")))")
                    continue
                }
                if let s = resultSpec(value, in: "\(context).stages.\(key)", stages: []) { stageResults[key] = s }
            }
            if f["value"] != nil || f["components"] != nil {
                error(node, "\(context): give either stages or a single result, not both")
            }
        } else if !stages.isEmpty {
            error(node, "\(context): this test reports in stages (\(stages.joined(separator: ", "))); give 'stages:' with one result each")
        } else if value == nil, components.isEmpty, interpretation == nil {
            error(node, "\(context): a result needs a value, components or an interpretation")
        }
        return ResultSpec(value: value, unit: unit, range: range, flag: flag, interpretation: interpretation,
                          components: components, stages: stageResults)
    }
}
