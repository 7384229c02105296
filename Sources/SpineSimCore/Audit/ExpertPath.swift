/// A case's expert path replayed once and laid out for the mutation generator: each line
/// with the command it parses to and the virtual minutes it starts and ends at, each act
/// with its line, the course events that fired and the results that came back.
///
/// The expert path is the first self-test with `expect: pass` (`GradingPlan.expertPath`, what
/// the debrief shows as "what an expert would have done").
struct ExpertPath {
    /// One act: a single item of one command line (`ask onset radiation` holds two).
    struct Act {
        var action: PerformedAction
        /// Index into `lines`.
        var lineIndex: Int
        /// `ask onset`, `give naproxen`, `diagnose`; `#2` on a later occurrence of the same act.
        var label: String
    }

    let lines: [String]
    let commands: [Command?]
    /// When each line was typed, and when the next could be.
    let starts: [Minutes]
    let ends: [Minutes]
    let acts: [Act]
    let session: Session
    /// When each course event first fired before the end.
    let fired: [String: Minutes]

    init(lines: [String], seed: UInt64, scenario: Scenario, catalogue: Catalogue) {
        self.lines = lines
        let transcript = Transcript(lines: lines.enumerated().map { Transcript.Line(number: $0.offset + 1, text: $0.element) })
        var starts = Array(repeating: 0, count: lines.count)
        let session = Session.replaying(transcript, scenario: scenario, catalogue: catalogue, options: SessionOptions(seed: seed)) { line, typedAt, _ in
            if line.number >= 1, line.number <= starts.count { starts[line.number - 1] = typedAt }
        }
        self.session = session
        self.starts = starts
        ends = lines.indices.map { $0 + 1 < starts.count ? starts[$0 + 1] : session.now }
        let parser = session.commandParser
        commands = lines.map { if case .command(let c) = parser.parse($0) { return c } else { return nil } }
        var seen: [String: Int] = [:]
        acts = session.actions.filter { $0.verb != .differential && $0.line >= 1 && $0.line <= lines.count }.map { action in
            let base = action.verb == .diagnose ? "diagnose" : [action.verb.rawValue, action.code].filter { !$0.isEmpty }.joined(separator: " ")
            seen[base, default: 0] += 1
            let n = seen[base] ?? 1
            return Act(action: action, lineIndex: action.line - 1, label: n > 1 ? "\(base) #\(n)" : base)
        }
        var fired: [String: Minutes] = [:]
        for event in session.firedEvents where fired[event.id] == nil { fired[event.id] = event.t }
        self.fired = fired
    }

    /// The line an act was typed in, without that act (nil when nothing is left of it).
    func line(without act: Act) -> String? { line(without: act, from: lines[act.lineIndex]) }

    /// `text` (the act's line, perhaps with other acts already taken out) without the act.
    func line(without act: Act, from text: String) -> String? {
        guard let command = commands[act.lineIndex] else { return nil }
        var items = command.items
        if text != lines[act.lineIndex] { items = text.split(separator: " ").dropFirst().map(String.init).filter { $0 != "urgent" } }
        guard items.count > 1, let k = items.firstIndex(of: act.action.code) else { return nil }
        items.remove(at: k)
        return Self.render(command.verb, items, urgent: command.urgent)
    }

    /// A line that does the act alone: the line as typed when it holds only this act.
    func line(alone act: Act) -> String {
        guard let command = commands[act.lineIndex], command.items.count > 1 else { return lines[act.lineIndex] }
        return Self.render(command.verb, [act.action.code], urgent: command.urgent)
    }

    static func render(_ verb: Verb, _ items: [String], urgent: Bool) -> String {
        ([verb.rawValue] + items + (urgent ? ["urgent"] : [])).joined(separator: " ")
    }

    func verb(at index: Int) -> Verb? { commands[index]?.verb }

    /// The index of the first `wait` after `index`, if any.
    func nextWait(after index: Int) -> Int? {
        lines.indices.first { $0 > index && verb(at: $0) == .wait }
    }

    /// Minutes the path loses when `act` is taken out of its line: the whole line's when
    /// nothing else is left of it, else the act's own minutes where a verb's minutes add up
    /// by item (ask, examine, perform).
    func minutesSaved(without act: Act, catalogue: Catalogue) -> Minutes {
        let i = act.lineIndex
        if line(without: act) == nil { return ends[i] - starts[i] }
        guard [.ask, .examine, .perform].contains(act.action.verb), let kind = act.action.verb.itemKind else { return 0 }
        return catalogue.item(kind, act.action.code)?.time ?? 0
    }

    /// Where to put a line so that it is typed at minute `t` or just after, once the lines
    /// after `index` have moved `shift` minutes earlier (an act taken out of line `index`):
    /// an edit that splits the `wait` under way at `t`, or inserts the line before the first
    /// line typed after it, or waits on at the end (before `end`).
    func edit(inserting line: String, at t: Minutes, after index: Int = -1, shift: Minutes = 0) -> PathEdit {
        var edit = PathEdit()
        for i in lines.indices where i > index {
            let start = starts[i] - shift, end = ends[i] - shift
            if start >= t {
                edit.before[i, default: []].append(line)
                return edit
            }
            guard end >= t else { continue }
            if verb(at: i) == .wait, end > t {
                edit.replaced[i] = ["wait \(DurationText.format(t - start))", line, "wait \(DurationText.format(end - t))"]
            } else {
                edit.before[i + 1, default: []].append(line)
            }
            return edit
        }
        let last = session.now - shift
        let endIndex = lines.indices.last { verb(at: $0) == .end && $0 > index } ?? lines.count
        edit.before[endIndex, default: []] += (t > last ? ["wait \(DurationText.format(t - last))"] : []) + [line]
        return edit
    }
}

/// Changes to a list of lines: some replaced (an empty replacement removes the line), some
/// inserted before a line (before `count`: at the end).
struct PathEdit {
    var replaced: [Int: [String]] = [:]
    var before: [Int: [String]] = [:]

    func applied(to lines: [String]) -> [String] {
        var out: [String] = []
        for i in 0...lines.count {
            out += before[i] ?? []
            if i < lines.count { out += replaced[i] ?? [lines[i]] }
        }
        return out
    }

    /// This edit with the line at `index` replaced too (an earlier replacement wins).
    func replacing(_ index: Int, with lines: [String]) -> PathEdit {
        var copy = self
        if copy.replaced[index] == nil { copy.replaced[index] = lines }
        return copy
    }
}
