import Yams

/// Finds text a trainee can read before committing a diagnosis that already names it.
///
/// History answers, examination findings and laboratory and bedside results (every stage),
/// at the start and in course events, are searched for the accepted diagnoses' names and
/// synonyms (from `diagnoses.yaml`, or the free text a case accepts) and for the case's own
/// `diagnosis.key_terms`. Not searched, on purpose: a term the title or presenting complaint
/// already shows; one- and two-letter abbreviations ("as", "ms"), which are ordinary words;
/// the patient's own guesses (`beliefs`, ideas and concerns); imaging and tissue reports
/// (test kinds `imaging` and `procedure`), whose job is to say what they show; and
/// course-event messages, the author's narrative of what follows an action.
/// Every hit is a warning at the text's line and column, never an error.
enum LeakCheck {
    /// A phrase to look for, folded to lower-case words separated by single spaces.
    struct Term: Equatable {
        var folded: String
        var shown: String
    }

    static func warnings(root: Node, path: String, accepted: [String], keyTerms: [String], catalogue: Catalogue) -> [Diagnostic] {
        func field(_ node: Node?, _ key: String) -> Node? {
            node?.mapping?.first { $0.key.scalar?.string == key }?.value
        }
        guard root.mapping != nil else { return [] }
        var visible = ""
        if let title = field(root, "title")?.scalar?.string { visible += " " + fold(title) }
        if let complaint = field(field(root, "patient"), "complaint")?.scalar?.string { visible += " " + fold(complaint) }
        let terms = self.terms(accepted: accepted, keyTerms: keyTerms, catalogue: catalogue)
            .filter { !" \(visible) ".contains(" \($0.folded) ") }
        guard !terms.isEmpty else { return [] }
        var found: [Diagnostic] = []
        func scan(_ node: Node?, _ context: String) {
            guard let node else { return }
            switch node {
            case .scalar(let scalar):
                let text = " " + fold(scalar.string) + " "
                if let term = terms.first(where: { text.contains(" \($0.folded) ") }) {
                    found.append(Diagnostic(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, severity: .warning,
                                            message: "\(context) names '\(term.shown)' before the trainee has made the diagnosis; describe the finding without naming or implying it"))
                }
            case .sequence(let items):
                for item in items { scan(item, context) }
            case .mapping(let pairs):
                for (_, value) in pairs { scan(value, context) }
            default:
                break
            }
        }
        func scanAnswers(_ node: Node?, _ context: String) {
            guard let pairs = node?.mapping else { return }
            for (key, value) in pairs where key.scalar?.string != "beliefs" {
                scan(value, "\(context).\(key.scalar?.string ?? "?")")
            }
        }
        func scanResults(_ node: Node?, _ context: String) {
            guard let pairs = node?.mapping else { return }
            for (key, value) in pairs {
                let code = key.scalar?.string ?? "?"
                if let kind = catalogue.item(.test, code)?.testKind, kind == "imaging" || kind == "procedure" { continue }
                scan(value, "\(context).\(code)")
            }
        }
        scanAnswers(field(root, "history"), "history")
        scanAnswers(field(root, "examination"), "examination")
        scanResults(field(root, "results"), "results")
        for event in field(field(root, "course"), "events")?.sequence.map(Array.init) ?? [] {
            let id = field(event, "id")?.scalar?.string ?? "?"
            scanAnswers(field(event, "history"), "course event '\(id)' history")
            scanAnswers(field(event, "examination"), "course event '\(id)' examination")
            scanResults(field(event, "results"), "course event '\(id)' results")
        }
        return found
    }

    /// The accepted diagnoses' codes, names and aliases, and the case's key terms, longest first.
    static func terms(accepted: [String], keyTerms: [String], catalogue: Catalogue) -> [Term] {
        var phrases: [String] = []
        for name in accepted {
            if let entry = catalogue.diagnosis(matching: name) {
                phrases += [entry.code.replacing("-", with: " "), entry.name] + entry.aliases
            } else {
                phrases.append(name)
            }
        }
        phrases += keyTerms
        var seen = Set<String>()
        return phrases.compactMap { phrase -> Term? in
            let folded = fold(phrase)
            guard folded.count >= 3, seen.insert(folded).inserted else { return nil }
            return Term(folded: folded, shown: phrase)
        }.sorted { $0.folded.count > $1.folded.count }
    }

    /// Lower-case letters and digits; every run of anything else becomes one space.
    /// An apostrophe is dropped rather than spaced, so "Pott's" folds to "potts".
    static func fold(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in text.lowercased() {
            if ch == "'" || ch == "’" { continue }
            if ch.isLetter || ch.isNumber {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
