/// The chart and the results list: views of the session, changing nothing.
extension Session {
    func chart() -> [OutputLine] {
        var lines = [OutputLine(.heading, "Chart — \(scenario.patient.name), \(scenario.patient.summary)")]
        lines.append(OutputLine(.info, "Time: \(clock.label(now)) (\(DurationText.describe(now)) since presentation)."))
        lines.append(OutputLine(.info, "Where: \(whereabouts)."))
        lines.append(OutputLine(.info, "Vitals: \(vitalsMeasured ? currentVitals.summary : "not yet measured (examine vitals)")."))
        if findings.isEmpty {
            lines.append(OutputLine(.info, "Findings: none yet."))
        } else {
            lines.append(OutputLine(.info, "Findings:"))
            for f in findings where f.code != "vitals" {
                lines.append(OutputLine(.finding, "  \(catalogue.item(.examination, f.code)?.name ?? f.code): \(f.text)"))
            }
        }
        if !activeMedicines.isEmpty {
            lines.append(OutputLine(.info, "Medicines: " + activeMedicines.map {
                "\(catalogue.item(.medicine, $0.code)?.name ?? $0.code) \($0.regimen?.description ?? "")".trimmingWhitespace
            }.joined(separator: "; ")))
        }
        lines += careLines
        lines += pendingLines
        lines += resultsSummary()
        lines += trendLines()
        if let d = diagnosisText { lines.append(OutputLine(.info, "Working diagnosis: \(d).")) }
        return lines
    }

    /// Referrals, admissions and procedures done, each with when (nothing when there are none).
    private var careLines: [OutputLine] {
        let done = actions.filter { $0.verb == .refer || $0.verb == .admit || $0.verb == .perform }
        if done.isEmpty { return [] }
        return [OutputLine(.info, "Referrals, admissions and procedures:")] + done.map { a in
            let kind: ItemKind = a.verb == .perform ? .procedure : .service
            let name = catalogue.item(kind, a.code)?.name ?? a.code
            let what: String
            switch a.verb {
            case .refer: what = "\(a.urgent ? "urgent referral" : "referral") to \(name)"
            case .admit: what = "admitted under \(name)"
            default: what = "\(name) performed"
            }
            return OutputLine(.info, "  \(clock.label(a.t)) — \(what)")
        }
    }

    private var whereabouts: String {
        switch status {
        case .attending: return scenario.setting.label
        case .admitted(let s): return "admitted under \(catalogue.item(.service, s)?.name ?? s)"
        case .discharged: return "discharged home"
        }
    }

    private var pendingLines: [OutputLine] {
        let waiting = pendingOrders
        if waiting.isEmpty { return [OutputLine(.info, "Pending: nothing.")] }
        return [OutputLine(.info, "Pending:")] + waiting.map { p in
            OutputLine(.info, "  \(p.name)\(p.stage.map { " (\($0))" } ?? "")\(p.urgent ? " [urgent]" : "") — due \(clock.label(p.due))")
        }
    }

    func resultsSummary() -> [OutputLine] {
        if received.isEmpty { return [OutputLine(.info, "Results: none yet.")] }
        return [OutputLine(.heading, "Results")] + ResultText.table(received, clock: clock)
    }
}
