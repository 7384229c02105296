import Yams

extension YAMLReader {
    /// A test entry's `applies_to`, `contains` and `burden` keys (each optional).
    mutating func testProfile(_ f: Fields, code: String) -> TestProfile {
        var profile = TestProfile()
        if let node = f["applies_to"] { profile.appliesTo = applicability(node, in: "\(code).applies_to") }
        if let node = f["contains"] {
            profile.contains = stringList(node, in: "\(code).contains")
            if profile.contains.contains(code) { error(node, "\(code).contains: a test cannot contain itself") }
        }
        if let node = f["elsewhere"] {
            profile.elsewhere = nonEmptyString(node, in: "\(code).elsewhere")
            if profile.contains.isEmpty { error(node, "\(code).elsewhere describes the rest of a containing study's field; give 'contains' too") }
        }
        if let node = f["region_words"] { profile.regionWords = stringList(node, in: "\(code).region_words") }
        if let node = f["burden"] { profile.burden = burden(node, in: "\(code).burden") }
        return profile
    }

    private mutating func applicability(_ node: Node, in context: String) -> Applicability? {
        guard let f = fields(node, in: context, allowed: ["sex", "min_age", "max_age"]) else { return nil }
        var result = Applicability()
        if let s = f["sex"], let text = string(s, in: "\(context).sex") {
            if let sex = Patient.Sex(rawValue: text) { result.sex = sex } else {
                error(s, "\(context).sex must be male or female, not '\(text)'")
            }
        }
        result.minAge = f["min_age"].flatMap { int($0, in: "\(context).min_age", range: 0...130) }
        result.maxAge = f["max_age"].flatMap { int($0, in: "\(context).max_age", range: 0...130) }
        if result == Applicability() { error(node, "\(context): give sex, min_age or max_age") }
        if let lo = result.minAge, let hi = result.maxAge, lo > hi { error(node, "\(context): min_age \(lo) is above max_age \(hi)") }
        return result
    }

    private mutating func burden(_ node: Node, in context: String) -> Burden? {
        guard let f = fields(node, in: context, allowed: ["dose_msv", "invasive", "cost"]) else { return nil }
        var result = Burden()
        if let d = f["dose_msv"], let dose = number(d, in: "\(context).dose_msv") {
            if dose < 0 { error(d, "\(context).dose_msv must not be negative") } else { result.doseMSv = dose }
        }
        if let i = f["invasive"], let text = string(i, in: "\(context).invasive") {
            if let level = Burden.Invasiveness(rawValue: text) { result.invasiveness = level } else {
                error(i, "\(context).invasive must be \(Burden.Invasiveness.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
        }
        if let c = f["cost"], let text = string(c, in: "\(context).cost") {
            if let band = Burden.Cost(rawValue: text) { result.cost = band } else {
                error(c, "\(context).cost must be \(Burden.Cost.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
        }
        return result
    }

    /// The catalogue's `burden_policy`: how a needless test's burden adds to its penalty.
    mutating func burdenPolicy(_ node: Node) -> BurdenPolicy {
        let context = "burden_policy"
        var policy = BurdenPolicy()
        let keys = ["points_per_msv", "age_factors", "pregnancy_factor", "pregnancy_ages", "invasive", "cost", "max_per_test"]
        guard let f = fields(node, in: context, allowed: keys) else { return policy }
        policy.pointsPerMSv = f["points_per_msv"].flatMap { nonNegative($0, in: "\(context).points_per_msv") } ?? 0
        policy.pregnancyFactor = f["pregnancy_factor"].flatMap { nonNegative($0, in: "\(context).pregnancy_factor") } ?? 1
        policy.maxPerTest = f["max_per_test"].flatMap { nonNegative($0, in: "\(context).max_per_test") } ?? 0
        if let list = f["age_factors"] {
            for band in sequence(list, in: "\(context).age_factors") {
                guard let bf = fields(band, in: "\(context).age_factors entry", allowed: ["under", "factor"], required: ["under", "factor"]),
                      let under = bf["under"].flatMap({ int($0, in: "\(context).age_factors.under", range: 0...130) }),
                      let factor = bf["factor"].flatMap({ nonNegative($0, in: "\(context).age_factors.factor") }) else { continue }
                policy.ageFactors.append(BurdenPolicy.AgeFactor(under: under, factor: factor))
            }
        }
        if let ages = f["pregnancy_ages"], let af = fields(ages, in: "\(context).pregnancy_ages", allowed: ["min", "max"], required: ["min", "max"]),
           let lo = af["min"].flatMap({ int($0, in: "\(context).pregnancy_ages.min", range: 0...130) }),
           let hi = af["max"].flatMap({ int($0, in: "\(context).pregnancy_ages.max", range: 0...130) }) {
            if lo <= hi { policy.pregnancyAges = lo...hi } else { error(ages, "\(context).pregnancy_ages: min \(lo) is above max \(hi)") }
        }
        if let node = f["invasive"] {
            for (key, keyNode, value) in pairs(node, in: "\(context).invasive") {
                guard let level = Burden.Invasiveness(rawValue: key) else {
                    error(keyNode, "\(context).invasive: '\(key)' is not \(Burden.Invasiveness.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                policy.invasiveness[level] = nonNegative(value, in: "\(context).invasive.\(key)")
            }
        }
        if let node = f["cost"] {
            for (key, keyNode, value) in pairs(node, in: "\(context).cost") {
                guard let band = Burden.Cost(rawValue: key) else {
                    error(keyNode, "\(context).cost: '\(key)' is not \(Burden.Cost.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                policy.cost[band] = nonNegative(value, in: "\(context).cost.\(key)")
            }
        }
        return policy
    }

    private mutating func nonNegative(_ node: Node, in context: String) -> Double? {
        guard let value = number(node, in: context) else { return nil }
        guard value >= 0 else {
            error(node, "\(context) must not be negative")
            return nil
        }
        return value
    }
}

extension Catalogue {
    /// Every test `code` contains, directly or through a contained test, each once, in
    /// the order the `contains` lists give them (a cycle stops where it repeats).
    public func containedTests(of code: String) -> [String] {
        var out: [String] = []
        var queue = item(.test, code)?.profile.contains ?? []
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard !out.contains(next) else { continue }
            out.append(next)
            queue += item(.test, next)?.profile.contains ?? []
        }
        return out
    }

    /// The tests that contain `code`, directly or through another.
    public func containingTests(of code: String) -> [String] {
        entries(.test).map(\.code).filter { containedTests(of: $0).contains(code) }
    }

    /// Every test of the catalogue, in catalogue order.
    func entries(_ kind: ItemKind) -> [CatalogueItem] { items[kind] ?? [] }
}
