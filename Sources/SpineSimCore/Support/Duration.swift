/// Virtual time, in whole minutes since the patient presented.
public typealias Minutes = Int

/// Parsing and formatting of durations such as `30m`, `6h`, `2d`, `3w` or `1h30m`.
public enum DurationText {
    /// Parses a duration; nil when the text is not one.
    public static func parse(_ text: String) -> Minutes? {
        let lower = text.lowercased()
        guard !lower.isEmpty else { return nil }
        var total = 0
        var number = ""
        var sawUnit = false
        for ch in lower {
            if ch.isASCII, ch.isNumber {
                number.append(ch)
                continue
            }
            guard let value = Int(number), number.count <= 6 else { return nil }
            let factor: Int
            switch ch {
            case "m": factor = 1
            case "h": factor = 60
            case "d": factor = 60 * 24
            case "w": factor = 60 * 24 * 7
            default: return nil
            }
            total += value * factor
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit else { return nil }
        return total
    }

    /// The shortest exact form: `90` -> `1h30m`, `2880` -> `2d`.
    public static func format(_ minutes: Minutes) -> String {
        if minutes == 0 { return "0m" }
        var rest = minutes
        var out = ""
        for (unit, size) in [("w", 10080), ("d", 1440), ("h", 60), ("m", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }

    /// Human wording: `2 hours`, `3 days`, `1 week`, `45 minutes`.
    public static func describe(_ minutes: Minutes) -> String {
        func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
        if minutes % 10080 == 0, minutes > 0 { return plural(minutes / 10080, "week") }
        if minutes % 1440 == 0, minutes > 0 { return plural(minutes / 1440, "day") }
        if minutes % 60 == 0, minutes > 0 { return plural(minutes / 60, "hour") }
        if minutes > 60 { return "\(minutes / 60) h \(minutes % 60) min" }
        return plural(minutes, "minute")
    }
}

/// Clock labels for virtual time: `day 0 09:14`.
public struct ClockFace: Sendable, Equatable {
    /// Minutes after midnight of day 0 at which the patient presented.
    public var arrival: Int

    public init(arrival: Int = 9 * 60) { self.arrival = arrival }

    /// Parses `HH:MM`.
    public static func parseTimeOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    /// "day D HH:MM".
    public func label(_ t: Minutes) -> String {
        let absolute = arrival + t
        let day = absolute / 1440
        let inDay = absolute % 1440
        let hh = inDay / 60, mm = inDay % 60
        return "day \(day) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}
