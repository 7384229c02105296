import Yams

extension ScenarioLoader.Builder {
    /// `mutation_audit: {accept: [{mutation: "drop: ask onset", reason: "..."}]}`: survivors
    /// of the rubric mutation audit the case accepts. Each id must name a mutation kind, each
    /// reason must be written out, and no id may be accepted twice. Whether an accepted id still
    /// occurs is known only when the audit runs (`check --mutations` warns then).
    mutating func mutationAudit(_ node: Node) -> [AcceptedMutation] {
        guard let f = reader.fields(node, in: "mutation_audit", allowed: ["accept"], required: ["accept"]),
              let list = f["accept"] else { return [] }
        var out: [AcceptedMutation] = []
        for entry in reader.sequence(list, in: "mutation_audit.accept") {
            guard let ef = reader.fields(entry, in: "mutation_audit.accept entry", allowed: ["mutation", "reason"],
                                         required: ["mutation", "reason"]),
                  let idNode = ef["mutation"], let id = reader.nonEmptyString(idNode, in: "mutation"),
                  let reasonNode = ef["reason"], let reason = reader.nonEmptyString(reasonNode, in: "reason") else { continue }
            guard MutationKind.of(id: id) != nil else {
                let kinds = MutationKind.allCases.map(\.rawValue)
                let word = String(id.prefix { $0 != ":" }).trimmingWhitespace
                let hint = Suggestions.phrase(Suggestions.closest(to: word, among: kinds))
                reader.error(idNode, "mutation '\(id)' must be KIND: ACT, with KIND one of \(kinds.joined(separator: ", "))\(hint) (as `check --mutations` prints it)")
                continue
            }
            if reason.split(whereSeparator: \.isWhitespace).count < 3 {
                reader.error(reasonNode, "reason for accepting '\(id)': say in a sentence why the rubric may ignore this change")
                continue
            }
            if out.contains(where: { $0.mutation == id }) {
                reader.error(idNode, "mutation '\(id)' is accepted twice")
                continue
            }
            out.append(AcceptedMutation(mutation: id, reason: reason, line: idNode.mark?.line ?? 1, column: idNode.mark?.column ?? 1))
        }
        return out
    }
}
