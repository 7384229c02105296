/// The command dispatcher: what each verb does to the session, and the lines it answers with.
extension Session {
    /// Does what `command` says. For verbs whose time is the sum of their items' times,
    /// sets `itemMinutes` to that sum (what `timeCost(_:)` would give).
    mutating func carryOut(_ command: Command, itemMinutes: inout Minutes?) -> [OutputLine] {
        let expanded = command.verb.itemKind.map { kind in
            command.panels.compactMap { catalogue.panel(kind, $0) }.map { OutputLine(.info, "(\($0.expansionLine(in: catalogue)))") }
        } ?? []
        return expanded + carryOutItems(command, itemMinutes: &itemMinutes)
    }

    private mutating func carryOutItems(_ command: Command, itemMinutes: inout Minutes?) -> [OutputLine] {
        switch command.verb {
        case .ask: return ask(command, minutes: &itemMinutes)
        case .examine: return examine(command, minutes: &itemMinutes)
        case .perform: return perform(command, minutes: &itemMinutes)
        case .order: return order(command)
        case .give: return give(command)
        case .stop: return stop(command)
        case .advise: return advise(command)
        case .refer: return refer(command)
        case .admit: return admit(command)
        case .discharge:
            record(.discharge, "discharge")
            status = .discharged
            return [OutputLine(.info, "The patient goes home. Time can still pass (wait); they will come back for review.")]
        case .wait: return wait(command.duration ?? 0)
        case .diagnose: return diagnose(command.text ?? "")
        case .differential: return differential(command.list)
        case .chart: return chart()
        case .results: return resultsSummary()
        case .help: return Help.lines(for: command.text.flatMap { Verb(rawValue: $0) }, group: command.list.first, catalogue: catalogue)
        case .note: return [OutputLine(.info, "Noted.")]
        case .end:
            ended = true
            return [OutputLine(.info, "Case ended at \(clock.label(now)).")]
        }
    }

    private mutating func ask(_ command: Command, minutes: inout Minutes?) -> [OutputLine] {
        var lines: [OutputLine] = []
        var total: Minutes = 0
        defer { minutes = total }
        for code in command.items {
            let found = catalogue.item(.question, code)
            total += found?.time ?? 1
            guard let item = found else { continue }
            record(.ask, code, classes: item.classes)
            let scripted = scriptedHistory(code)
            let answer = Phrasing.pick(scripted, seed: options.seed, key: "ask:" + code) ?? item.defaultText ?? "I'm not sure."
            lines.append(Phrasing.answer(item, answer))
        }
        return lines
    }

    private mutating func examine(_ command: Command, minutes: inout Minutes?) -> [OutputLine] {
        var lines: [OutputLine] = []
        var total: Minutes = 0
        defer { minutes = total }
        for code in command.items {
            let found = catalogue.item(.examination, code)
            total += found?.time ?? 1
            guard let item = found else { continue }
            record(.examine, code, classes: item.classes)
            let scripted = scriptedExamination(code)
            var text = Phrasing.pick(scripted, seed: options.seed, key: "examine:" + code) ?? item.defaultText ?? "Normal."
            if code == "vitals" {
                vitalsMeasured = true
                noteVitalsMeasured()
                text = currentVitals.summary + (scripted != nil ? ". " + text : ".")
            }
            if let index = findings.firstIndex(where: { $0.code == code }) {
                findings[index].text = text
            } else {
                findings.append((code, text))
            }
            lines.append(Phrasing.finding(item, text))
        }
        return lines
    }

    private mutating func perform(_ command: Command, minutes: inout Minutes?) -> [OutputLine] {
        var total: Minutes = 0
        defer { minutes = total }
        return command.items.map { code in
            let item = catalogue.item(.procedure, code)
            total += item?.time ?? 1
            record(.perform, code, classes: item?.classes ?? [])
            return Phrasing.performed(item, code: code)
        }
    }

    private mutating func order(_ command: Command) -> [OutputLine] {
        var lines: [OutputLine] = []
        for code in command.items {
            guard let item = catalogue.item(.test, code), let turnaround = item.turnaround else { continue }
            record(.order, code, classes: item.classes, urgent: command.urgent)
            let spec = orderedResult(item)
            if item.stages.isEmpty {
                let due = now + turnaround.time(urgent: command.urgent, inHospital: inHospital)
                let sampled = resolvingState(spec)
                pending.add(PendingResult(code: code, name: item.name, stage: nil, final: true, due: due, orderedAt: now,
                                          urgent: command.urgent, spec: sampled.spec, readings: sampled.readings), due: due)
            }
            for (i, stage) in item.stages.enumerated() {
                let stageSpec = spec.stages[stage.id] ?? item.defaultResult?.stages[stage.id] ?? ResultSpec.noAbnormality
                let due = now + stage.turnaround.time(urgent: command.urgent)
                let sampled = resolvingState(stageSpec)
                pending.add(PendingResult(code: code, name: item.name, stage: stage, final: i == item.stages.count - 1,
                                          due: due, orderedAt: now, urgent: command.urgent, spec: sampled.spec,
                                          readings: sampled.readings), due: due)
            }
            lines.append(Phrasing.ordered(item, turnaround: turnaround, urgent: command.urgent, inHospital: inHospital))
        }
        return lines
    }

    /// Whether tests report in hospital time: a hospital setting, or the patient admitted.
    var inHospital: Bool {
        if case .admitted = status { return true }
        return catalogue.hospitalSettings.contains(scenario.setting.rawValue)
    }

    private mutating func give(_ command: Command) -> [OutputLine] {
        guard let code = command.items.first, let item = catalogue.item(.medicine, code) else { return [] }
        let regimen = (command.regimen ?? Regimen()).filled(from: item.usual)
        let problems = Prescribing.problems(giving: item, regimen, context: prescribingContext, catalogue: catalogue,
                                            at: now, line: currentLine)
        let action = record(.give, code, classes: item.classes, regimen: regimen)
        activeMedicines.removeAll { $0.code == code }
        activeMedicines.append(action)
        safetyEvents += problems
        var lines = [Phrasing.prescribed(item, regimen)]
        if command.takenAsOnce { lines.append(OutputLine(.info, Phrasing.takenAsOnce)) }
        if !options.exam { lines += problems.map(Phrasing.warning) }
        return lines
    }

    private mutating func stop(_ command: Command) -> [OutputLine] {
        command.items.flatMap { code -> [OutputLine] in
            let item = catalogue.item(.medicine, code)
            let name = item?.name ?? code
            guard activeMedicines.contains(where: { $0.code == code }) else {
                if scenario.patient.facts.currentMedicines.contains(code), !stoppedCurrentMedicines.contains(code) {
                    let problems = item.map {
                        Prescribing.withdrawalProblems(stopping: $0, context: prescribingContext, catalogue: catalogue, at: now, line: currentLine)
                    } ?? []
                    record(.stop, code, classes: item?.classes ?? [])
                    safetyEvents += problems
                    stoppedCurrentMedicines.insert(code)
                    let warnings = options.exam ? [] : problems.map(Phrasing.warning)
                    return [OutputLine(.info, "Stopped \(name) (which the patient was taking).")] + warnings
                }
                return [OutputLine(.info, "\(capitalised(name)) is not being given.")]
            }
            record(.stop, code, classes: item?.classes ?? [])
            activeMedicines.removeAll { $0.code == code }
            return [OutputLine(.info, "Stopped \(name).")]
        }
    }

    private mutating func advise(_ command: Command) -> [OutputLine] {
        let names = command.items.compactMap { code -> String? in
            let item = catalogue.item(.advice, code)
            record(.advise, code, classes: item?.classes ?? [])
            return item?.name
        }
        return [OutputLine(.info, "You advise: \(names.joined(separator: "; ")).")]
    }

    private mutating func refer(_ command: Command) -> [OutputLine] {
        let names = command.items.compactMap { code -> String? in
            let item = catalogue.item(.service, code)
            record(.refer, code, classes: item?.classes ?? [], urgent: command.urgent)
            return item?.name
        }
        return [OutputLine(.info, "\(command.urgent ? "Urgent referral" : "Referral") made to \(names.joined(separator: ", ")).")]
    }

    private mutating func admit(_ command: Command) -> [OutputLine] {
        let code = command.items.first ?? "medicine"
        let item = catalogue.item(.service, code)
        record(.admit, code, classes: item?.classes ?? [])
        status = .admitted(code)
        return [OutputLine(.info, "Admitted under \(item?.name ?? code).")]
    }

    private mutating func wait(_ minutes: Minutes) -> [OutputLine] {
        var lines = [OutputLine(.info, "Time passes: \(DurationText.describe(minutes)).")]
        let happened = advance(to: now + minutes)
        lines += happened.isEmpty ? [OutputLine(.info, "Nothing new to report.")] : happened
        lines.append(OutputLine(.info, "It is now \(clock.label(now))."))
        return lines
    }

    private mutating func diagnose(_ text: String) -> [OutputLine] {
        let entry = catalogue.diagnosis(matching: text)
        diagnosisText = text
        record(.diagnose, entry?.code ?? text.folded)
        // The trainee's own words, so "chronic non-specific low back pain" is not echoed as
        // another of the entry's names; a bare code reads as the entry's name.
        let shown = entry.map { text.folded == $0.code.folded ? $0.name : text } ?? text
        return [OutputLine(.info, "Working diagnosis recorded: \(shown).")]
    }

    private mutating func differential(_ list: [String]) -> [OutputLine] {
        differential = list
        for item in list {
            record(.differential, catalogue.diagnosis(matching: item)?.code ?? item.folded)
        }
        return [OutputLine(.info, "Differential recorded: \(list.joined(separator: "; ")).")]
    }
}
