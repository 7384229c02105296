/// Text that states a fact about the trainee's acts must be conditioned on them, so that it
/// can never contradict the log. `validate` warns (with the text's line) when:
///
/// - an outcome names a catalogue medicine, service or procedure (by name or alias) that its
///   condition does not mention: its `if` (`done`, `not_done`, the `unless`, `if_done` and
///   `after` of its `events` and `not_events`), or an earlier outcome whose only condition is
///   that act, so that this one is reached only without it. (Course messages may narrate what
///   the team went on to do, so they are not checked for names.);
/// - an outcome, a course message or a rubric item's feedback claims a timing or an absence
///   ("at the first visit", "not yet tried", "never", "untreated") that its condition does
///   not guarantee: in a rubric item's `met` text "at the first visit" needs a `within` of a
///   day at most; an outcome's or message's "never" needs a `not_done` (`unless`, or an
///   earlier outcome that needs the act); "untreated" also rests on an event the outcome needs
///   that fires only without some act (its `unless`); "not yet tried" is always a claim the
///   log may contradict.
///
/// Three things an outcome may name without its condition mentioning them, because they are
/// not claims about the trainee's acts (each rule is narrow and tested both ways):
///
/// - **The patient's own medicines**: a medicine in `patient.current_medicines`, or named in
///   the patient's history answers ("I'm on warfarin"), is a fact about the patient ("without
///   reversing the warfarin", "while she stays on prednisolone"), not something the trainee gave;
/// - **The referred team's narration**: when the condition requires a referral (`refer X` in
///   its `done`, or as the trigger, `if_done` or `if_events` of an event it requires), it may
///   name what the case's own course says that team did after that referral, i.e. what a
///   message of an event triggered `after` that same referral names ("the MSCC coordinator
///   arranged her radiotherapy" after `refer oncology`). Another team's acts the course does
///   not narrate, or a referral the condition does not require, are still flagged;
/// - **What the patient still needs**: the rest of a sentence part (up to `;`, `.` or `:`)
///   after "needs " or "will need " is advice ("he needs six weeks of antibiotics and
///   infectious-diseases follow-up"), not an account of what was done.
///
/// The grader words what it knows from the log itself (the act, its dose and its time); these
/// warnings keep the author's fixed text from claiming more.
public enum ClaimCheck {
    /// A text with the patterns and events that condition it.
    struct Claim {
        var text: String
        var place: String
        /// Acts the text may name: its condition's patterns.
        var guards: [ActionPattern]
        /// Whether the condition requires some act not done (a `not_done`, an `unless`).
        var negativeGuard: Bool
        /// For a rubric item's `met` text: its deadline.
        var within: Minutes?
        var isItemMet = false
        var isItemFeedback = false
        /// An outcome: it sums up what the trainee's plan led to, so the acts it names must
        /// be in its condition. (A course message may narrate what the team went on to do.)
        var isOutcome = false
        /// An event the outcome needs fires only without some act (its `unless`).
        var untreatedGuard = false
        /// For an outcome: the acts its condition requires (its `done`, and the trigger,
        /// `if_done` and `if_events` of the events it requires), for the referral rule.
        var required: [ActionPattern] = []
    }

    /// What the case itself says, against which an outcome's names are read.
    struct Story {
        /// Codes of the patient's own medicines (`current_medicines`, history answers).
        var ownMedicines: Set<String> = []
        /// Each event triggered `after` a referral, with the codes its message names.
        var narrations: [(referral: ActionPattern, named: Set<String>)] = []

        init() {}

        init(_ scenario: Scenario, catalogue: Catalogue) {
            let answers = scenario.history.values.flatMap { $0 }.joined(separator: " ").lowercased()
            ownMedicines = Set(scenario.patient.facts.currentMedicines)
                .union(ClaimCheck.named(in: answers, catalogue: catalogue).filter { $0.kind == .medicine }.map(\.code))
            for event in scenario.course.events {
                guard case .after(let p, _) = event.trigger, p.verb == .refer, let message = event.message else { continue }
                narrations.append((p, Set(ClaimCheck.named(in: message.lowercased(), catalogue: catalogue).map(\.code))))
            }
        }

        /// Whether naming `item` in an outcome requiring `required` states no trainee act.
        func excuses(_ item: CatalogueItem, required: [ActionPattern]) -> Bool {
            if item.kind == .medicine, ownMedicines.contains(item.code) { return true }
            return narrations.contains { n in
                n.named.contains(item.code) && required.contains { $0.verb == .refer && $0.target == n.referral.target }
            }
        }
    }

    /// Phrases after which the rest of a sentence part says what the patient still needs.
    static let needPhrases = ["needs ", "will need "]

    /// Phrases that claim an absence or a time, lowercased.
    static let absencePhrases = ["never ", "untreated"]
    static let firstVisitPhrase = "at the first visit"
    static let notYetTriedPhrases = ["not yet tried", "had not tried", "has not tried"]
    /// The item kinds whose names are the trainee's acts. Tests are left out: messages and
    /// outcomes name results and findings ("her calcium"), not the act of ordering.
    static let actKinds: [ItemKind] = [.medicine, .service, .procedure]
    /// Names that in a story describe the patient or a place, not an act of the trainee
    /// ("his neurology was intact", "back to the emergency department", "a walking aid").
    static let descriptive: Set<String> = ["neurology", "emergency department", "walking aid", "walking frame"]

    /// Warnings for `scenario`, each at the line of the file `text` where its text starts.
    public static func warnings(_ scenario: Scenario, catalogue: Catalogue, text: String, path: String) -> [Diagnostic] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).lowercased() }
        var out: [Diagnostic] = []
        let story = Story(scenario, catalogue: catalogue)
        for claim in claims(scenario) {
            for problem in problems(claim, catalogue: catalogue, story: story) {
                out.append(Diagnostic(path: path, line: line(of: claim.text, in: lines), column: 1, severity: .warning,
                                      message: "\(claim.place) \(problem)"))
            }
        }
        return out
    }

    /// Every outcome, course message and rubric feedback text with its condition.
    static func claims(_ scenario: Scenario) -> [Claim] {
        let events = Dictionary(scenario.course.events.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The acts that condition these events, and the events they in turn need (`if_events`).
        func triggers(_ ids: [String]) -> [ActionPattern] {
            var seen = Set<String>(), queue = ids, patterns: [ActionPattern] = []
            while let id = queue.popLast() {
                guard seen.insert(id).inserted, let event = events[id] else { continue }
                patterns += eventPatterns(event)
                queue += event.ifEvents
            }
            return patterns
        }
        // The acts the events in `ids` need to have fired: trigger, `if_done`, and those of their `if_events`.
        func needed(_ ids: [String]) -> [ActionPattern] {
            var seen = Set<String>(), queue = ids, patterns: [ActionPattern] = []
            while let id = queue.popLast() {
                guard seen.insert(id).inserted, let event = events[id] else { continue }
                patterns += event.ifDone
                if case .after(let p, _) = event.trigger { patterns.append(p) }
                queue += event.ifEvents
            }
            return patterns
        }
        var claims: [Claim] = []
        var earlier: [OutcomeCondition] = []
        for outcome in scenario.outcomes {
            let c = outcome.condition ?? OutcomeCondition()
            // An earlier outcome that needs one act besides what this one needs: reaching this
            // one means that act was not done.
            let reachedWithout = earlier.filter { e in
                e.done.count == 1 && e.notDone.isEmpty && e.state.isEmpty && e.diagnosed == nil
                    && Set(e.events).isSubset(of: c.events) && Set(e.notEvents).isSubset(of: c.notEvents)
            }.flatMap(\.done)
            let guards = c.done + c.notDone + triggers(c.events + c.notEvents) + reachedWithout
            // "Untreated" may rest on an event that fires only without the treatment (`unless`).
            let eventsUnless = c.events.contains { events[$0].map { !$0.unless.isEmpty } ?? false }
            claims.append(Claim(text: outcome.text, place: "outcome '\(snippet(outcome.text))'", guards: guards,
                                negativeGuard: !c.notDone.isEmpty || !reachedWithout.isEmpty, isOutcome: true,
                                untreatedGuard: eventsUnless, required: c.done + needed(c.events)))
            earlier.append(c)
        }
        for event in scenario.course.events {
            guard let message = event.message else { continue }
            let guards = eventPatterns(event) + triggers(event.ifEvents + event.unlessEvents)
            claims.append(Claim(text: message, place: "course event '\(event.id)' message", guards: guards,
                                negativeGuard: !event.unless.isEmpty || !event.unlessEvents.isEmpty))
        }
        for item in scenario.rubric.items {
            let texts: [(String, String?)] = [("met", item.feedbackMet), ("missed", item.feedbackMissed), ("late", item.feedbackLate)]
            for case let (key, text?) in texts {
                claims.append(Claim(text: text, place: "rubric item '\(item.id)' feedback \(key)", guards: item.patterns,
                                    negativeGuard: key != "met", within: item.within, isItemMet: key == "met", isItemFeedback: true))
            }
        }
        return claims
    }

    static func eventPatterns(_ event: CourseEvent) -> [ActionPattern] {
        var patterns = event.unless + event.ifDone
        if case .after(let p, _) = event.trigger { patterns.append(p) }
        return patterns
    }

    /// What the claim states that its condition does not guarantee.
    static func problems(_ claim: Claim, catalogue: Catalogue, story: Story = Story()) -> [String] {
        let lower = claim.text.lowercased()
        var problems: [String] = []
        if claim.isItemFeedback {
            if claim.isItemMet, lower.contains(firstVisitPhrase), (claim.within ?? Minutes.max) > 24 * 60 {
                problems.append("says \"\(firstVisitPhrase)\", but the item has no deadline within the first visit (give it `within`, or say what its window guarantees)")
            }
        } else {
            if lower.contains(firstVisitPhrase) {
                problems.append("says \"\(firstVisitPhrase)\", which its condition cannot guarantee (say what the condition guarantees)")
            }
            for phrase in absencePhrases where lower.contains(phrase) && !claim.negativeGuard && !(phrase == "untreated" && claim.untreatedGuard) {
                problems.append("says \"\(phrase.filter { $0 != " " })\" without a `not_done` or `unless` condition that makes it true")
            }
            let claimed = claim.isOutcome ? named(in: withoutNeeds(lower), catalogue: catalogue) : []
            for item in claimed where !claim.guards.contains(where: { covers($0, item) }) && !story.excuses(item, required: claim.required) {
                problems.append("names '\(item.name)', which its condition does not mention (add it to the condition, or leave it out)")
            }
        }
        for phrase in notYetTriedPhrases where lower.contains(phrase) {
            problems.append("says \"\(phrase)\", which the log may contradict (condition it on the act, or say what the window guarantees)")
        }
        return problems
    }

    /// The act items (tests, medicines, services, procedures) the text names, each once.
    static func named(in lower: String, catalogue: Catalogue) -> [CatalogueItem] {
        let words = " " + spaced(lower) + " "
        // A word that also names a test, a question or an examination ("calcium") is a finding as often as an act.
        var ambiguous = descriptive
        for kind in ItemKind.allCases where !actKinds.contains(kind) {
            for item in catalogue.items[kind] ?? [] { ambiguous.formUnion(([item.name] + item.aliases).map(spaced)) }
        }
        var found: [CatalogueItem] = []
        for kind in actKinds {
            for item in catalogue.items[kind] ?? [] {
                // A short one-word alias is often an adjective in prose ("emergency repair", "epidural abscess").
                let aliases = item.aliases.map(spaced).filter { $0.contains(" ") || $0.count >= 10 }
                let names = ([spaced(item.name)] + aliases).filter { $0.count >= 6 && !ambiguous.contains($0) }
                if names.contains(where: { words.contains(" \($0) ") }) { found.append(item) }
            }
        }
        return found
    }

    /// `lower` without what follows a need phrase in each sentence part ("he needs …").
    static func withoutNeeds(_ lower: String) -> String {
        var out = "", part = ""
        func flush() {
            if let cut = needPhrases.compactMap({ part.firstRange(of: $0)?.lowerBound }).min() { part = String(part[..<cut]) }
            out += part
            part = ""
        }
        for ch in lower {
            part.append(ch)
            if ch == ";" || ch == "." || ch == ":" { flush(); out.append(" ") }
        }
        flush()
        return out
    }

    /// Lowercased, with every run of characters other than letters and digits as one space.
    static func spaced(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(separator: " ")
    }

    /// Whether `pattern` is about `item`: its code, or a class it belongs to.
    static func covers(_ pattern: ActionPattern, _ item: CatalogueItem) -> Bool {
        guard pattern.verb.itemKind == item.kind else { return false }
        switch pattern.target {
        case .anyItem: return true
        case .code(let code): return code == item.code
        case .itemClass(let c): return item.classes.contains(c)
        }
    }

    /// The first line of the file holding the text's first words (1 when not found).
    static func line(of text: String, in lines: [String]) -> Int {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).prefix(5).joined(separator: " ")
        return (lines.firstIndex { $0.contains(words) } ?? 0) + 1
    }

    static func snippet(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
