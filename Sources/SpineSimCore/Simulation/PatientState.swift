import Foundation

/// The patient's state as pure functions: a variable's value at a virtual minute follows
/// from its baseline, its natural course, the course events that fired and the actions
/// done before that minute. Nothing random and nothing stored, so the same transcript always
/// gives the same values (and the same grade).
public enum PatientState {
    /// Values are stepped at most an hour at a time (each step's motion is exact for its length).
    static let step: Minutes = 60

    /// The variable a result value names: `{crp}` gives `crp`.
    static func reference(in value: String) -> String? {
        guard value.count > 2, value.hasPrefix("{"), value.hasSuffix("}") else { return nil }
        let name = String(value.dropFirst().dropLast())
        return name.contains(where: { $0 == "{" || $0 == "}" || $0.isWhitespace }) ? nil : name
    }

    /// When an effect acts: from `start` until before `end`.
    struct Interval {
        var start: Minutes
        var end: Minutes
        var motion: StateMotion
    }

    /// The value of `variable` at minute `t`.
    public static func value(of variable: StateVariable, at t: Minutes, actions: [PerformedAction], fired: [FiredEvent]) -> Double {
        let intervals = effectIntervals(variable, before: t, actions: actions, fired: fired)
        let jumps = fired.compactMap { event -> (t: Minutes, value: Double)? in
            guard event.t <= t, let step = variable.steps.first(where: { $0.event == event.id }) else { return nil }
            return (event.t, step.value)
        }
        var value = variable.baseline
        for jump in jumps where jump.t <= 0 { value = jump.value }
        // Steps end at every moment an effect starts or ends or the value jumps, so that
        // values do not depend on where the hourly steps fall.
        var cuts = Set<Minutes>()
        for interval in intervals { cuts.insert(interval.start); cuts.insert(interval.end) }
        for jump in jumps { cuts.insert(jump.t) }
        let boundaries = cuts.filter { $0 > 0 && $0 < t }.sorted()
        var nextBoundary = 0
        var clock: Minutes = 0
        while clock < t {
            while nextBoundary < boundaries.count, boundaries[nextBoundary] <= clock { nextBoundary += 1 }
            let next = min(clock + step, t, nextBoundary < boundaries.count ? boundaries[nextBoundary] : t)
            let days = Double(next - clock) / 1440
            let active = intervals.filter { $0.start <= clock && clock < $0.end }
            if active.isEmpty {
                if let course = variable.course { value = moved(value, by: course, days: days) }
            } else {
                // The same effect from two actions (two antibiotics that work alike) does not stack.
                var applied: [StateMotion] = []
                for interval in active where !applied.contains(interval.motion) {
                    value = moved(value, by: interval.motion, days: days)
                    applied.append(interval.motion)
                }
            }
            for jump in jumps where jump.t > clock && jump.t <= next { value = jump.value }
            value = min(max(value, variable.limits.lowerBound), variable.limits.upperBound)
            clock = next
        }
        return value
    }

    static func moved(_ value: Double, by motion: StateMotion, days: Double) -> Double {
        switch motion {
        case .perDay(let amount):
            return value + amount * days
        case .percentPerDay(let fraction):
            return value * pow(1 + fraction, days)
        case .toward(let target, let halfLife):
            let remaining = pow(0.5, days * 1440 / Double(halfLife))
            return target + (value - target) * remaining
        }
    }

    /// When each of the variable's effects acts, from the actions done before `t`. A medicine's
    /// effect ends when it is stopped or prescribed again (the new prescription starts its own).
    static func effectIntervals(_ variable: StateVariable, before t: Minutes, actions: [PerformedAction],
                                fired: [FiredEvent]) -> [Interval] {
        var out: [Interval] = []
        for effect in variable.effects {
            for (index, action) in actions.enumerated() where action.t < t && effect.pattern.matches(action) {
                guard adequate(action, effect) else { continue }
                if fired.contains(where: { $0.t <= action.t && effect.unlessEvents.contains($0.id) }) { continue }
                let start = action.t + effect.onset
                var end = effect.duration.map { start + $0 } ?? Minutes.max
                if action.verb == .give,
                   let next = actions[(index + 1)...].first(where: { ($0.verb == .give || $0.verb == .stop) && $0.code == action.code }) {
                    end = min(end, next.t)
                }
                if start < end { out.append(Interval(start: start, end: end, motion: effect.motion)) }
            }
        }
        return out
    }

    /// Whether a prescription reaches the effect's smallest daily dose (when it sets one).
    static func adequate(_ action: PerformedAction, _ effect: StateEffect) -> Bool {
        guard let minimum = effect.minDailyDose else { return true }
        guard let mg = action.regimen?.dose?.milligrams, let perDay = action.regimen?.frequency?.dosesPerDay else { return false }
        return mg * perDay >= minimum - 1e-9
    }

    /// How a value is written: with the variable's decimals.
    public static func format(_ value: Double, decimals: Int) -> String {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let rounded = (value * factor).rounded() / factor
        if decimals == 0 { return String(Int(rounded)) }
        let whole = Int(rounded.magnitude)
        let frac = Int(((rounded.magnitude - Double(whole)) * factor).rounded())
        let fracText = String(frac)
        let padded = String(repeating: "0", count: max(0, decimals - fracText.count)) + fracText
        return (rounded < 0 ? "-" : "") + "\(whole).\(padded)"
    }

    /// The flag a value earns against the variable's ranges.
    public static func flag(_ value: Double, of variable: StateVariable) -> ResultFlag {
        let shown = Double(format(value, decimals: variable.decimals)) ?? value
        if let high = variable.criticalHigh, shown >= high { return .critical }
        if let low = variable.criticalLow, shown <= low { return .critical }
        guard let normal = variable.normal else { return .normal }
        if shown > normal.upperBound { return .high }
        if shown < normal.lowerBound { return .low }
        return .normal
    }

    /// The reference range as results print it: "0-5".
    static func rangeText(_ variable: StateVariable) -> String? {
        variable.normal.map { "\(JSONValue.format($0.lowerBound))-\(JSONValue.format($0.upperBound))" }
    }
}

/// A value the trainee measured: a result received, or a vital sign examined.
public struct StateReading: Sendable, Equatable {
    public var variable: String
    /// When the sample was taken (the order time) or the sign examined.
    public var t: Minutes
    public var value: Double
}
