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
