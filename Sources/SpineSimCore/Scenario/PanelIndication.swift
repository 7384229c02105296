/// A test in a case's own recommended work-up should never cost points as "not indicated".
/// A catalogue panel of tests is the case's recommended work-up when its rubric credits (a
/// critical, required or recommended item names) at least two-thirds of the panel's codes —
/// `pre-steroid-bloods` in polymyalgia, `myeloma-screen` in myeloma. (Half is too loose: the
/// panels share their common bloods, so a myeloma case credits half of `pre-steroid-bloods`.)
/// The grader never penalises such a test as unlisted (`UnlistedActsRule`), and `validate`
/// warns, at the item's line, when an unnecessary or harmful item names one.
public enum PanelIndication {
    /// The panels the case's rubric credits, each with the codes it credits.
    public static func creditedPanels(_ scenario: Scenario, catalogue: Catalogue) -> [(panel: CataloguePanel, credited: Set<String>)] {
        let positive = scenario.rubric.items.filter { $0.tier.isPositive }
        var out: [(panel: CataloguePanel, credited: Set<String>)] = []
        for panel in (catalogue.panels[.test] ?? []).sorted(by: { $0.code < $1.code }) {
            let credited = Set(panel.expands.filter { code in positive.contains { names($0, code, kind: panel.kind, catalogue: catalogue) } })
            if credited.count * 3 >= panel.expands.count * 2 { out.append((panel, credited)) }
        }
        return out
    }

    /// The warnings for `scenario` (see the type's comment).
    public static func warnings(_ scenario: Scenario, catalogue: Catalogue, text: String, path: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var warned = Set<String>()
        for (panel, credited) in creditedPanels(scenario, catalogue: catalogue) {
            let share = "\(credited.count) of its \(panel.expands.count) codes"
            for code in panel.expands where !credited.contains(code) {
                let verb = Self.verb(panel.kind)
                let penalising = scenario.rubric.items.filter { $0.tier.isPenalty && names($0, code, kind: panel.kind, catalogue: catalogue) }
                for item in penalising where warned.insert("\(item.id) \(code)").inserted {
                    out.append(Diagnostic(path: path, line: item.line, column: 1, severity: .warning,
                                          message: "rubric item '\(item.id)' (\(item.tier.rawValue)) penalises '\(verb) \(code)', which is in the catalogue panel '\(panel.code)' the rubric credits (\(share)); a test of the case's recommended work-up should not be penalised: list it in a neutral item"))
                }
            }
        }
        return out
    }

    /// Whether one of the item's patterns names `code` of that list: by its code, its class
    /// or any item of the list.
    static func names(_ item: RubricItem, _ code: String, kind: ItemKind, catalogue: Catalogue) -> Bool {
        item.patterns.contains { p in
            guard p.verb.itemKind == kind else { return false }
            switch p.target {
            case .anyItem: return true
            case .code(let c): return c == code
            case .itemClass(let name): return catalogue.item(kind, code)?.classes.contains(name) ?? false
            }
        }
    }

    /// The verb that acts on a list's items (`order` for tests).
    static func verb(_ kind: ItemKind) -> Verb {
        switch kind {
        case .question: return .ask
        case .examination: return .examine
        case .test: return .order
        case .medicine: return .give
        case .advice: return .advise
        case .service: return .refer
        case .procedure: return .perform
        }
    }
}
