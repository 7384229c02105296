import Yams

/// Loads ladder files (`Scenarios/catalogue/ladders/*.yaml`).
public enum LadderLoader {
    public static func load(text: String, path: String, catalogue: Catalogue) throws(LoadFailure) -> Ladder {
        var reader = YAMLReader(path: path)
        guard let root = reader.parse(text) else { throw LoadFailure(reader.diagnostics) }
        let ladder = read(root, reader: &reader, catalogue: catalogue)
        if reader.hasErrors { throw LoadFailure(reader.diagnostics) }
        guard let ladder else { throw LoadFailure(reader.diagnostics) }
        return ladder
    }

    static func pattern(_ node: Node, _ context: String, reader: inout YAMLReader, catalogue: Catalogue) -> ActionPattern? {
        guard let text = reader.nonEmptyString(node, in: context) else { return nil }
        switch ActionPattern.parse(text, catalogue: catalogue) {
        case .success(let p): return p
        case .failure(let e):
            reader.error(node, "\(context): \(e.message)")
            return nil
        }
    }

    static func patterns(_ node: Node, _ context: String, reader: inout YAMLReader, catalogue: Catalogue) -> [ActionPattern] {
        reader.sequence(node, in: context).compactMap { pattern($0, context, reader: &reader, catalogue: catalogue) }
    }

    static func read(_ root: Node, reader: inout YAMLReader, catalogue: Catalogue) -> Ladder? {
        let keys = ["id", "name", "references", "rungs", "errors", "red_flags", "penalties", "escalation", "early"]
        guard let f = reader.fields(root, in: "ladder", allowed: keys, required: ["id", "name", "references", "rungs"]) else { return nil }
        let id = f["id"].flatMap { reader.nonEmptyString($0, in: "id") } ?? ""
        let name = f["name"].flatMap { reader.nonEmptyString($0, in: "name") } ?? id
        let references = f["references"].map { reader.stringList($0, in: "references") } ?? []
        var rungs: [Ladder.Rung] = []
        for node in f["rungs"].map({ reader.sequence($0, in: "rungs") }) ?? [] {
            guard let rf = reader.fields(node, in: "rung", allowed: ["level", "id", "name", "actions", "reference"],
                                         required: ["level", "id", "name", "actions", "reference"]),
                  let level = rf["level"].flatMap({ reader.int($0, in: "rung level", range: 0...10) }),
                  let rid = rf["id"].flatMap({ reader.nonEmptyString($0, in: "rung id") }) else { continue }
            if rungs.contains(where: { $0.level == level }) { reader.error(rf["level"], "rung level \(level) is used twice") }
            rungs.append(Ladder.Rung(level: level, id: rid, name: rf["name"].flatMap { reader.nonEmptyString($0, in: "rung name") } ?? rid,
                                     actions: rf["actions"].map { patterns($0, "rung '\(rid)' actions", reader: &reader, catalogue: catalogue) } ?? [],
                                     reference: rf["reference"].flatMap { reader.nonEmptyString($0, in: "rung reference") } ?? ""))
        }
        rungs.sort { $0.level < $1.level }
        var flagIDs = Set<String>()
        var redFlags: [Ladder.RedFlag] = []
        for node in f["red_flags"].map({ reader.sequence($0, in: "red_flags") }) ?? [] {
            guard let ff = reader.fields(node, in: "red flag", allowed: ["id", "name", "expect", "within", "feedback", "reference", "critical"],
                                         required: ["id", "name", "expect", "feedback", "reference"]),
                  let fid = ff["id"].flatMap({ reader.nonEmptyString($0, in: "red flag id") }) else { continue }
            flagIDs.insert(fid)
            redFlags.append(Ladder.RedFlag(
                id: fid, name: ff["name"].flatMap { reader.nonEmptyString($0, in: "name") } ?? fid,
                expect: ff["expect"].map { patterns($0, "red flag '\(fid)' expect", reader: &reader, catalogue: catalogue) } ?? [],
                within: ff["within"].flatMap { reader.duration($0, in: "within") },
                feedback: ff["feedback"].flatMap { reader.nonEmptyString($0, in: "feedback") } ?? "",
                reference: ff["reference"].flatMap { reader.nonEmptyString($0, in: "reference") } ?? "",
                critical: ff["critical"].flatMap { reader.bool($0, in: "critical") } ?? false))
        }
        var errors: [Ladder.ErrorRule] = []
        for node in f["errors"].map({ reader.sequence($0, in: "errors") }) ?? [] {
            guard let ef = reader.fields(node, in: "ladder error", allowed: ["id", "action", "tier", "points", "feedback", "reference", "harmful_with", "critical", "unless_with"],
                                         required: ["id", "action", "tier", "points", "feedback", "reference"]),
                  let eid = ef["id"].flatMap({ reader.nonEmptyString($0, in: "error id") }),
                  let p = ef["action"].flatMap({ pattern($0, "error '\(eid)' action", reader: &reader, catalogue: catalogue) }),
                  let tierText = ef["tier"].flatMap({ reader.string($0, in: "tier") }) else { continue }
            guard let tier = Tier(rawValue: tierText), tier.isPenalty else {
                reader.error(ef["tier"], "ladder error '\(eid)': tier must be unnecessary or harmful")
                continue
            }
            let with = ef["harmful_with"].map { reader.stringList($0, in: "harmful_with") } ?? []
            for w in with where !flagIDs.contains(w) { reader.error(ef["harmful_with"], "ladder error '\(eid)': unknown red flag '\(w)'") }
            errors.append(Ladder.ErrorRule(id: eid, pattern: p, tier: tier, points: ef["points"].flatMap { reader.number($0, in: "points") } ?? 1,
                                           feedback: ef["feedback"].flatMap { reader.nonEmptyString($0, in: "feedback") } ?? "",
                                           reference: ef["reference"].flatMap { reader.nonEmptyString($0, in: "reference") } ?? "",
                                           harmfulWith: with, critical: ef["critical"].flatMap { reader.bool($0, in: "critical") } ?? false,
                                           unlessWith: ef["unless_with"].map { patterns($0, "error '\(eid)' unless_with", reader: &reader, catalogue: catalogue) } ?? []))
        }
        var skip = 4.0, fast = 3.0, never = 4.0, flag = 6.0
        if let pn = f["penalties"], let pf = reader.fields(pn, in: "penalties", allowed: ["skip", "too_fast", "never_climbed", "red_flag_ignored"]) {
            skip = pf["skip"].flatMap { reader.number($0, in: "skip") } ?? skip
            fast = pf["too_fast"].flatMap { reader.number($0, in: "too_fast") } ?? fast
            never = pf["never_climbed"].flatMap { reader.number($0, in: "never_climbed") } ?? never
            flag = pf["red_flag_ignored"].flatMap { reader.number($0, in: "red_flag_ignored") } ?? flag
        }
        var ladder = Ladder(id: id, name: name, references: references, rungs: rungs, errors: errors, redFlags: redFlags,
                            skipPoints: skip, tooFastPoints: fast, neverClimbedPoints: never, redFlagPoints: flag)
        ladder.escalation = f["escalation"].flatMap { escalation($0, reader: &reader, catalogue: catalogue) }
        if let node = f["early"], let ef = reader.fields(node, in: "early", allowed: ["acts", "reference"], required: ["acts", "reference"]) {
            ladder.early = Ladder.EarlyActs(acts: ef["acts"].map { patterns($0, "early acts", reader: &reader, catalogue: catalogue) } ?? [],
                                            reference: ef["reference"].flatMap { reader.nonEmptyString($0, in: "early reference") } ?? "")
        }
        return ladder
    }

    /// `escalation:` — what is owed once the trial of care has failed, and when.
    static func escalation(_ node: Node, reader: inout YAMLReader, catalogue: Catalogue) -> Ladder.Escalation? {
        let keys = ["name", "acts", "owed_after", "late_after", "imaging", "after_imaging", "critical_if_premature", "penalties", "reference"]
        guard let f = reader.fields(node, in: "escalation", allowed: keys, required: ["name", "acts", "owed_after", "late_after", "reference"]) else { return nil }
        var imaging: [String] = []
        for code in f["imaging"].map({ reader.stringList($0, in: "escalation.imaging") }) ?? [] {
            if let test = catalogue.item(.test, code) { imaging.append(test.code) } else { reader.error(f["imaging"], "escalation.imaging: unknown test '\(code)'") }
        }
        var premature = 4.0, late = 4.0, order = 2.0
        if let pn = f["penalties"], let pf = reader.fields(pn, in: "escalation.penalties", allowed: ["premature", "late", "order"]) {
            premature = pf["premature"].flatMap { reader.number($0, in: "premature") } ?? premature
            late = pf["late"].flatMap { reader.number($0, in: "late") } ?? late
            order = pf["order"].flatMap { reader.number($0, in: "order") } ?? order
        }
        return Ladder.Escalation(
            name: f["name"].flatMap { reader.nonEmptyString($0, in: "escalation.name") } ?? "escalation",
            acts: f["acts"].map { patterns($0, "escalation acts", reader: &reader, catalogue: catalogue) } ?? [],
            owedAfter: f["owed_after"].flatMap { reader.duration($0, in: "escalation.owed_after") } ?? 0,
            lateAfter: f["late_after"].flatMap { reader.duration($0, in: "escalation.late_after") } ?? 0,
            imaging: imaging,
            afterImaging: f["after_imaging"].map { patterns($0, "escalation after_imaging", reader: &reader, catalogue: catalogue) } ?? [],
            criticalIfPremature: f["critical_if_premature"].map { patterns($0, "escalation critical_if_premature", reader: &reader, catalogue: catalogue) } ?? [],
            prematurePoints: premature, latePoints: late, orderPoints: order,
            reference: f["reference"].flatMap { reader.nonEmptyString($0, in: "escalation.reference") } ?? "")
    }
}
