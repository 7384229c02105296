/// An amount of a medicine: `250mg`, `1g`, `100mcg`, `5000units`; of a fluid: `500ml`, `1l`,
/// or a rate, `125ml/h`; of a gas, a flow: `15l/min`.
public struct Quantity: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case mg, g, mcg, units, ml, l
        case mlPerHour = "ml/h"
        case litresPerMinute = "l/min"
    }

    public var amount: Double
    public var unit: Unit

    public init(amount: Double, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `250mg`, `250 mg` (as one string), `1.5g`, `5000units`, `5000 unit`.
    public static func parse(_ text: String) -> Quantity? {
        let lower = text.lowercased().replacingSpaces()
        var numberPart = ""
        var unitPart = ""
        for ch in lower {
            if unitPart.isEmpty, ch.isNumber || ch == "." { numberPart.append(ch) } else { unitPart.append(ch) }
        }
        return make(number: numberPart, unit: unitPart)
    }

    private static func make(number: String, unit unitPart: String) -> Quantity? {
        guard let amount = Double(number), amount > 0, amount.isFinite else { return nil }
        let unit: Unit
        switch unitPart {
        case "mg", "milligram", "milligrams": unit = .mg
        case "g", "gram", "grams", "gm": unit = .g
        case "mcg", "microgram", "micrograms", "µg", "ug": unit = .mcg
        case "units", "unit", "u", "iu": unit = .units
        case "ml", "mls", "millilitre", "millilitres", "milliliter", "milliliters": unit = .ml
        case "l", "litre", "litres", "liter", "liters": unit = .l
        case "ml/h", "ml/hr", "mls/h", "mls/hr", "ml/hour": unit = .mlPerHour
        case "l/min", "lpm", "l/m", "litres/min", "liters/min", "litre/min", "liter/min": unit = .litresPerMinute
        default: return nil
        }
        return Quantity(amount: amount, unit: unit)
    }

    /// The amount in milligrams for mass units; nil for `units`.
    public var milligrams: Double? {
        switch unit {
        case .mg: return amount
        case .g: return amount * 1000
        case .mcg: return amount / 1000
        case .units, .ml, .l, .mlPerHour, .litresPerMinute: return nil
        }
    }

    /// The volume in millilitres for `ml` and `l`; nil otherwise.
    public var millilitres: Double? {
        switch unit {
        case .ml: return amount
        case .l: return amount * 1000
        default: return nil
        }
    }

    /// Compares with another quantity of the same kind (mass or units).
    public func isGreater(than other: Quantity) -> Bool? {
        if let a = milligrams, let b = other.milligrams { return a > b + 1e-9 }
        if let a = millilitres, let b = other.millilitres { return a > b + 1e-9 }
        if unit == other.unit, unit == .units || unit == .mlPerHour || unit == .litresPerMinute { return amount > other.amount + 1e-9 }
        return nil
    }

    public func scaled(by factor: Double) -> Quantity { Quantity(amount: amount * factor, unit: unit) }

    public var description: String {
        let rounded = (amount * 1000).rounded() / 1000
        // Int(_:) traps past 2^63: huge amounts (refused by the parser) print as Doubles.
        let number = rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
        return unit == .units ? "\(number) units" : "\(number) \(unit.rawValue)"
    }
}

/// How often a medicine is given.
public enum Frequency: Sendable, Equatable, CustomStringConvertible {
    case once, stat, daily, bd, tds, qds, everyHours(Int), weekly, prn

    public static func parse(_ text: String) -> Frequency? {
        let t = text.lowercased()
        switch t {
        case "once", "single": return .once
        case "stat", "now": return .stat
        case "daily", "od", "once-daily", "nocte", "on": return .daily
        case "bd", "bid", "twice-daily": return .bd
        case "tds", "tid": return .tds
        case "qds", "qid": return .qds
        case "weekly": return .weekly
        case "prn", "as-needed": return .prn
        default:
            if t.hasPrefix("q"), t.hasSuffix("h"), let n = Int(t.dropFirst().dropLast()), (1...72).contains(n) {
                return .everyHours(n)
            }
            return nil
        }
    }

    /// Doses in 24 hours; nil for `prn` (judged on the usual regimen).
    public var dosesPerDay: Double? {
        switch self {
        case .once, .stat, .daily: return 1
        case .bd: return 2
        case .tds: return 3
        case .qds: return 4
        case .everyHours(let n): return (24.0 / Double(n)).rounded(.up)
        case .weekly: return 1.0 / 7.0
        case .prn: return nil
        }
    }

    public var description: String {
        switch self {
        case .once: return "once"
        case .stat: return "stat"
        case .daily: return "daily"
        case .bd: return "bd"
        case .tds: return "tds"
        case .qds: return "qds"
        case .everyHours(let n): return "q\(n)h"
        case .weekly: return "weekly"
        case .prn: return "prn"
        }
    }

    /// Words offered by completion after a drug.
    public static let vocabulary = ["once", "stat", "daily", "od", "bd", "tds", "qds", "q4h", "q6h", "q8h", "q12h", "weekly", "prn"]
}

/// How a medicine is given.
public enum Route: String, Sendable, CaseIterable, CustomStringConvertible {
    case oral, iv, im, sc, topical, inhaled

    public static func parse(_ text: String) -> Route? {
        switch text.lowercased() {
        case "oral", "po", "by-mouth": return .oral
        case "iv", "intravenous": return .iv
        case "im", "intramuscular": return .im
        case "sc", "subcut", "subcutaneous": return .sc
        case "topical", "top": return .topical
        case "inhaled", "inh", "inhalation", "neb", "nebulised", "nebulized": return .inhaled
        default: return nil
        }
    }

    public var description: String { rawValue }

    public static let vocabulary = ["oral", "po", "iv", "im", "sc", "topical", "inhaled"]
}

/// A dose, frequency and route (and, for an infusion, how long it runs); parts may be
/// missing when the trainee leaves them out.
public struct Regimen: Sendable, Equatable, CustomStringConvertible {
    public var dose: Quantity?
    public var frequency: Frequency?
    public var route: Route?
    /// `over 4h`: the time an infusion runs.
    public var over: Minutes?

    public init(dose: Quantity? = nil, frequency: Frequency? = nil, route: Route? = nil, over: Minutes? = nil) {
        self.dose = dose
        self.frequency = frequency
        self.route = route
        self.over = over
    }

    /// This regimen with missing parts taken from `usual`.
    public func filled(from usual: Regimen?) -> Regimen {
        Regimen(dose: dose ?? usual?.dose, frequency: frequency ?? usual?.frequency, route: route ?? usual?.route,
                over: over ?? usual?.over)
    }

    /// The parts given, in the order dose, frequency, route, `over` duration, separated by spaces.
    public var description: String {
        [dose?.description, frequency?.description, route?.rawValue, over.map { "over " + DurationText.format($0) }]
            .compactMap { $0 }.joined(separator: " ")
    }
}

extension String {
    func replacingSpaces() -> String { String(filter { !$0.isWhitespace }) }
}
