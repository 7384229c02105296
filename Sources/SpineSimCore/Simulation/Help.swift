/// Help text for the command language. It names verbs and forms only, never anything
/// about the case in play.
public enum Help {
    static let usage: [(Verb, String, String)] = [
        (.ask, "ask TOPIC...", "history questions: ask onset bladder saddle-numbness"),
        (.examine, "examine ITEM...", "examination: examine vitals straight-leg-raise rectal"),
        (.order, "order TEST... [urgent]", "investigations: order esr crp fbc; order mri-lumbar urgent"),
        (.give, "give DRUG [DOSE] [FREQUENCY] [ROUTE]", "a medicine: give naproxen 250mg q8h oral"),
        (.advise, "advise ADVICE...", "advice and self-care: advise stay-active heat"),
        (.refer, "refer SERVICE... [urgent]", "referral: refer physiotherapy; refer neurosurgery urgent"),
        (.perform, "perform PROCEDURE", "a procedure, injection or operation: perform catheterisation"),
        (.stop, "stop DRUG", "stop a medicine: stop codeine"),
        (.admit, "admit [SERVICE]", "admit to hospital: admit medicine"),
        (.discharge, "discharge", "send the patient home (time can still pass; they return for review)"),
        (.wait, "wait DURATION", "let time pass: wait 30m, wait 6h, wait 2d, wait 3w"),
        (.diagnose, "diagnose DIAGNOSIS", "commit your working diagnosis (the last one counts)"),
        (.differential, "differential DIAGNOSIS...", "record a differential: differential renal-colic spinal-metastasis"),
        (.chart, "chart", "patient summary: time, vitals, findings, medicines, pending orders, results"),
        (.results, "results", "results received so far"),
        (.note, "note TEXT", "a free note, kept in the transcript, not graded"),
        (.help, "help [VERB]", "this list, or more on one verb"),
        (.end, "end", "finish the case and see the debrief"),
    ]

    static let details: [Verb: [String]] = [
        .ask: ["Each topic costs 1 minute. Several topics on one line are asked in turn.",
               "Multi-word topics may be typed with spaces or hyphens: ask night pain = ask night-pain."],
        .examine: ["Each item costs 2 minutes (rectal 3). 'examine vitals' measures and charts the vital signs."],
        .order: ["Results arrive after the test's turnaround; 'urgent' shortens it where the service allows.",
                 "Staged tests (cultures, biopsy) report more than once. Use 'wait' to let time pass."],
        .give: ["DOSE is a number and a unit (mg, g, mcg, units); FREQUENCY once, stat, daily, od, bd, tds, qds, qNh (q8h), weekly or prn;",
                "ROUTE oral/po, iv, im, sc, topical. Parts left out take the usual regimen. One medicine per line."],
        .wait: ["Durations: 30m, 6h, 2d, 3w (also 1h30m, '2 days'). Results and changes in the patient are shown as they happen."],
        .diagnose: ["Free text or a diagnosis code (Tab completes from the full list): diagnose mechanical-low-back-pain."],
        .discharge: ["After discharge, 'wait' still passes time and you see the patient again at review."],
        .end: ["Ends the case. In practice mode the debrief follows; in exam mode the transcript is the submission."],
    ]

    /// "Imaging: X-ray (1 d routine)" -> "imaging-x-ray", "Urine and other bedside tests" ->
    /// "urine-bedside-tests": the word `help VERB GROUP` takes
    /// (any leading part of it, such as `imaging`, lists every group it starts).
    public static func groupKey(_ name: String) -> String {
        let head = name.prefix { $0 != "(" }.lowercased()
        var key = ""
        for ch in head {
            if ch.isLetter || ch.isNumber { key.append(ch) } else if !key.isEmpty, key.last != "-" { key.append("-") }
        }
        // The first three words that carry meaning: "imaging-nuclear-medicine".
        let skipped: Set<Substring> = ["and", "or", "of", "the", "other"]
        return key.split(separator: "-").filter { !skipped.contains($0) }.prefix(3).joined(separator: "-")
    }

    /// Help on one verb with its list paged by group: `help order` shows the groups and their
    /// sizes (and the verb's panels); `help order imaging` lists the codes of the groups whose
    /// key starts with `imaging`, each with its name.
    public static func lines(for verb: Verb?, group: String? = nil, catalogue: Catalogue) -> [OutputLine] {
        var lines = group == nil ? self.lines(for: verb) : []
        guard let verb, let kind = verb.itemKind, verb != .stop, verb != .admit else { return lines }
        let groups = catalogue.groups(kind)
        if let group {
            for g in groups where groupKey(g.name).hasPrefix(group) {
                lines.append(OutputLine(.heading, "\(g.name) — \(verb.rawValue) \(groupKey(g.name))"))
                let width = g.codes.map(\.count).max() ?? 0
                for code in g.codes {
                    let name = catalogue.item(kind, code)?.name ?? ""
                    lines.append(OutputLine(.info, "  " + ResultText.padded(code, toLength: width) + "  " + name))
                }
            }
            return lines
        }
        lines.append(OutputLine(.info, "  \(catalogue.codes(kind).count) codes in \(groups.count) groups (type 'help \(verb.rawValue) GROUP' to list one):"))
        let width = groups.map { groupKey($0.name).count }.max() ?? 0
        for g in groups {
            lines.append(OutputLine(.info, "    " + ResultText.padded(groupKey(g.name), toLength: width)
                                    + "  \(g.codes.count)  \(g.name)"))
        }
        let panels = catalogue.panels[kind] ?? []
        if !panels.isEmpty {
            lines.append(OutputLine(.info, "  Panels (one word for several):"))
            for p in panels { lines.append(OutputLine(.info, "    \(p.code): \(p.expands.joined(separator: ", "))")) }
        }
        return lines
    }

    public static func lines(for verb: Verb?) -> [OutputLine] {
        guard let verb else {
            var lines = [OutputLine(.heading, "Commands (one a line; case does not matter; several items per verb)")]
            let width = usage.map(\.1.count).max() ?? 0
            for (_, form, what) in usage {
                lines.append(OutputLine(.info, "  " + ResultText.padded(form, toLength: width) + "  " + what))
            }
            lines.append(OutputLine(.info, "Tab completes verbs and codes. 'help VERB' shows more."))
            return lines
        }
        guard let entry = usage.first(where: { $0.0 == verb }) else { return [] }
        var lines = [OutputLine(.heading, entry.1), OutputLine(.info, "  " + entry.2)]
        for d in details[verb] ?? [] { lines.append(OutputLine(.info, "  " + d)) }
        let aliases = Verb.aliases.filter { $0.value == verb }.map(\.key).sorted()
        if !aliases.isEmpty { lines.append(OutputLine(.info, "  Also typed as: \(aliases.joined(separator: ", ")).")) }
        return lines
    }
}
