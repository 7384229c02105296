/// Prescribing checks: the route, the daily dose against the maximum, and two active
/// medicines of one exclusive class.
enum Prescribing {
    /// What is wrong with giving `item` by `regimen` while `active` medicines are being given.
    static func problems(giving item: CatalogueItem, _ regimen: Regimen, alongside active: [PerformedAction],
                         catalogue: Catalogue, at t: Minutes, line: Int) -> [SafetyEvent] {
        var problems: [SafetyEvent] = []
        func problem(_ kind: SafetyEvent.Kind, _ message: String) {
            problems.append(SafetyEvent(kind: kind, t: t, line: line, message: message))
        }
        if let route = regimen.route, !item.routes.contains(route) {
            let allowed = item.routes.map(\.rawValue).joined(separator: ", ")
            problem(.routeNotAllowed, "\(item.name) by the \(route.rawValue) route (allowed: \(allowed))")
        }
        if let max = item.maxDaily, let daily = dailyDose(regimen, usual: item.usual), daily.isGreater(than: max) == true {
            problem(.doseAboveMaximum, "\(item.name) \(regimen) is \(daily) a day, above the maximum of \(max)")
        }
        for other in active where other.code != item.code {
            let shared = other.classes.intersection(item.classes).intersection(catalogue.exclusiveClasses)
            if let cls = shared.sorted().first {
                let otherName = catalogue.item(.medicine, other.code)?.name ?? other.code
                problem(.duplicateClass, "\(item.name) given while \(otherName) is still active: two drugs of class '\(cls)' at once")
            }
        }
        return problems
    }

    /// The dose in 24 hours; `prn` is judged at the usual frequency.
    static func dailyDose(_ regimen: Regimen, usual: Regimen?) -> Quantity? {
        guard let dose = regimen.dose else { return nil }
        var frequency = regimen.frequency ?? usual?.frequency
        if frequency == nil || frequency == .prn { frequency = usual?.frequency }
        if frequency == nil || frequency == .prn { frequency = .qds }
        guard let perDay = frequency?.dosesPerDay else { return nil }
        return dose.scaled(by: max(1, perDay))
    }
}
