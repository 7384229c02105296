import Yams

extension YAMLReader {
    /// A medicine's `dosing:` list (Docs/catalogue-format.md, "Dosing").
    mutating func doseLimits(_ node: Node, in context: String) -> [DoseLimit] {
        let keys = ["when", "max_dose", "max_daily", "max_total", "within", "frequencies", "per_kg", "avoid", "reduce",
                    "lengthen_interval", "reason", "source"]
        var limits: [DoseLimit] = []
        for entry in sequence(node, in: context) {
            guard let f = fields(entry, in: "\(context) entry", allowed: keys, required: ["source"]),
                  let source = f["source"].flatMap({ nonEmptyString($0, in: "\(context).source") }) else { continue }
            var limit = DoseLimit(source: source)
            if let w = f["when"], let c = criterion(w, in: "\(context).when") { limit.when = c }
            limit.maxDose = f["max_dose"].flatMap { amount($0, in: "\(context).max_dose") }
            limit.maxDaily = f["max_daily"].flatMap { amount($0, in: "\(context).max_daily") }
            limit.maxTotal = f["max_total"].flatMap { amount($0, in: "\(context).max_total") }
            limit.within = f["within"].flatMap { duration($0, in: "\(context).within") }
            if (limit.maxTotal == nil) != (limit.within == nil) {
                error(entry, "\(context): max_total and within go together (the most in any period: max_total: 50000units, within: 1w)")
            }
            if let n = f["frequencies"] {
                for word in stringList(n, in: "\(context).frequencies") {
                    if let fr = Frequency.parse(word) { limit.frequencies.append(fr) } else {
                        error(n, "\(context).frequencies: '\(word)' is not a frequency (once, stat, daily, bd, tds, qds, q8h, weekly, prn)")
                    }
                }
            }
            if let n = f["per_kg"] { limit.perKg = perKg(n, in: "\(context).per_kg") }
            limit.avoid = f["avoid"].flatMap { bool($0, in: "\(context).avoid") } ?? false
            limit.reduce = f["reduce"].flatMap { bool($0, in: "\(context).reduce") } ?? false
            limit.lengthenInterval = f["lengthen_interval"].flatMap { bool($0, in: "\(context).lengthen_interval") } ?? false
            limit.reason = f["reason"].flatMap { nonEmptyString($0, in: "\(context).reason") }
            let sets = [limit.maxDose != nil, limit.maxDaily != nil, limit.maxTotal != nil, !limit.frequencies.isEmpty,
                        !limit.perKg.isEmpty, limit.avoid, limit.reduce]
            if !sets.contains(true) {
                error(entry, "\(context): a limit needs one of max_dose, max_daily, max_total, frequencies, per_kg, avoid or reduce")
            }
            limits.append(limit)
        }
        return limits
    }

    /// The catalogue's `probable_dose_error` policy (Docs/catalogue-format.md, "Dosing").
    mutating func doseErrorPolicy(_ node: Node) -> DoseErrorPolicy? {
        let context = "probable_dose_error"
        guard let f = fields(node, in: context, allowed: ["multiple", "reason", "source"], required: ["multiple", "reason", "source"]),
              let multiple = f["multiple"].flatMap({ number($0, in: "\(context).multiple") }),
              let reason = f["reason"].flatMap({ nonEmptyString($0, in: "\(context).reason") }),
              let source = f["source"].flatMap({ nonEmptyString($0, in: "\(context).source") }) else { return nil }
        guard multiple > 1 else {
            error(f["multiple"], "\(context).multiple: \(JSONValue.format(multiple)) must be more than 1 (a dose above the usual one by this factor is flagged)")
            return nil
        }
        return DoseErrorPolicy(multiple: multiple, reason: reason, source: source)
    }

    /// A medicine's `route_doses`: the usual single dose by each route other than `usual`'s.
    mutating func routeDoses(_ node: Node, routes: [Route], in context: String) -> [Route: Quantity] {
        var out: [Route: Quantity] = [:]
        for (key, keyNode, value) in pairs(node, in: context) {
            guard let route = Route.parse(key), routes.contains(route) else {
                error(keyNode, "\(context): '\(key)' is not one of its routes (\(routes.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            if let q = amount(value, in: "\(context).\(key)") { out[route] = q }
        }
        return out
    }

    mutating func amount(_ node: Node, in context: String) -> Quantity? {
        guard let text = string(node, in: context) else { return nil }
        guard let q = Quantity.parse(text) else {
            error(node, "\(context): '\(text)' is not an amount; write e.g. 4g, 1250mg, 100mcg, 50000units")
            return nil
        }
        return q
    }

    private mutating func perKg(_ node: Node, in context: String) -> [PerKgDose] {
        var parts: [PerKgDose] = []
        for entry in sequence(node, in: context) {
            guard let f = fields(entry, in: "\(context) entry", allowed: ["name", "dose", "max"], required: ["name", "dose"]),
                  let name = f["name"].flatMap({ nonEmptyString($0, in: "\(context).name") }),
                  let dose = f["dose"].flatMap({ amount($0, in: "\(context).dose") }) else { continue }
            parts.append(PerKgDose(name: name, perKg: dose, cap: f["max"].flatMap { amount($0, in: "\(context).max") }))
        }
        return parts
    }

    /// A `when:` criterion.
    mutating func criterion(_ node: Node, in context: String) -> PatientCriterion? {
        let keys = ["egfr_below", "crcl_below", "dialysis", "conditions", "age_at_least", "age_below", "pregnant", "dose"]
        guard let f = fields(node, in: context, allowed: keys) else { return nil }
        var c = PatientCriterion()
        c.egfrBelow = f["egfr_below"].flatMap { number($0, in: "\(context).egfr_below") }
        c.crclBelow = f["crcl_below"].flatMap { number($0, in: "\(context).crcl_below") }
        c.dialysis = f["dialysis"].flatMap { bool($0, in: "\(context).dialysis") }
        c.ageAtLeast = f["age_at_least"].flatMap { int($0, in: "\(context).age_at_least", range: 0...120) }
        c.ageBelow = f["age_below"].flatMap { int($0, in: "\(context).age_below", range: 1...120) }
        c.pregnant = f["pregnant"].flatMap { bool($0, in: "\(context).pregnant") }
        if let n = f["conditions"] {
            c.conditions = stringList(n, in: "\(context).conditions")
            for code in c.conditions where !PatientFacts.knownConditions.contains(code) {
                error(n, "\(context).conditions: unknown condition '\(code)' (known: \(PatientFacts.knownConditions.joined(separator: ", ")))")
            }
        }
        if let n = f["dose"], let text = string(n, in: "\(context).dose") {
            if let band = DoseBand.parse(text) { c.dose = band } else {
                error(n, "\(context).dose: '\(text)' is not a dose or band (5mg, 4mg-5mg)")
            }
        }
        return c
    }
}

extension CatalogueLoader {
    /// `interactions.yaml`: `version: 1` and `interactions:`, each rule read against the
    /// catalogue's medicines. With `base`, an overlay: ids must be new.
    static func readInteractions(_ file: (text: String, path: String), into catalogue: inout Catalogue,
                                 base: Catalogue? = nil) -> [Diagnostic] {
        var reader = YAMLReader(path: file.path)
        guard let root = reader.parse(file.text),
              let top = reader.fields(root, in: "interactions file", allowed: ["version", "interactions"], required: ["version", "interactions"])
        else { return reader.diagnostics }
        if let v = top["version"], let version = reader.int(v, in: "version"), version != 1 {
            reader.error(v, "interactions version \(version) is not supported; this SpineSim reads version 1")
        }
        var ids = Set(catalogue.interactions.map(\.id))
        for node in top["interactions"].map({ reader.sequence($0, in: "interactions") }) ?? [] {
            guard let rule = interaction(node, catalogue: catalogue, reader: &reader) else { continue }
            guard ids.insert(rule.id).inserted else {
                let whose = base?.interactions.contains { $0.id == rule.id } == true ? " in the bundled catalogue; an overlay adds rules, it cannot replace one" : ""
                reader.error(node, "interaction id '\(rule.id)' is used already\(whose)")
                continue
            }
            catalogue.interactions.append(rule)
        }
        return reader.diagnostics
    }

    private static func interaction(_ node: Node, catalogue: Catalogue, reader: inout YAMLReader) -> InteractionRule? {
        let keys = ["id", "on", "drugs", "when", "unless", "unless_done", "unless_done_at_least", "severity", "message", "source"]
        guard let f = reader.fields(node, in: "interaction", allowed: keys, required: ["id", "drugs", "message", "source"]),
              let id = f["id"].flatMap({ reader.nonEmptyString($0, in: "interaction id") }),
              let message = f["message"].flatMap({ reader.nonEmptyString($0, in: "\(id).message") }),
              let source = f["source"].flatMap({ reader.nonEmptyString($0, in: "\(id).source") }) else { return nil }
        func checked(_ key: String) -> [String] {
            guard let n = f[key] else { return [] }
            let list = reader.stringList(n, in: "\(id).\(key)")
            for entry in list {
                let known = entry.hasPrefix("class:") ? catalogue.classExists(String(entry.dropFirst(6)), in: .medicine)
                    : catalogue.item(.medicine, entry)?.code == entry
                if !known { reader.error(n, "\(id).\(key): '\(entry)' is not a medicine code or a class:NAME some medicine has") }
            }
            return list
        }
        var rule = InteractionRule(id: id, drugs: checked("drugs"), message: message, source: source)
        if rule.drugs.isEmpty { reader.error(f["drugs"], "\(id).drugs: name at least one medicine or class") }
        rule.unless = checked("unless")
        if let w = f["when"], let c = reader.criterion(w, in: "\(id).when") { rule.when = c }
        if let n = f["unless_done"] {
            for text in reader.stringList(n, in: "\(id).unless_done") {
                switch ActionPattern.parse(text, catalogue: catalogue) {
                case .success(let p): rule.unlessDone.append(p)
                case .failure(let e): reader.error(n, "\(id).unless_done: \(e.message)")
                }
            }
        }
        rule.unlessDoneAtLeast = f["unless_done_at_least"].flatMap { reader.duration($0, in: "\(id).unless_done_at_least") } ?? 0
        if let n = f["severity"], let s = reader.string(n, in: "\(id).severity") {
            switch s {
            case "error": rule.critical = false
            case "critical": rule.critical = true
            default: reader.error(n, "\(id).severity must be error or critical, not '\(s)'")
            }
        }
        if let n = f["on"], let on = reader.string(n, in: "\(id).on") {
            switch on {
            case "give": rule.onStop = false
            case "stop":
                rule.onStop = true
                if rule.drugs.count != 1 { reader.error(f["drugs"], "\(id).drugs: a rule 'on: stop' names one medicine or class, the one stopped") }
            default: reader.error(n, "\(id).on must be give or stop, not '\(on)'")
            }
        }
        return rule
    }
}
