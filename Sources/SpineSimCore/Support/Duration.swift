/// Virtual time, in whole minutes since the patient presented.
public typealias Minutes = Int

/// Parsing and formatting of durations such as `30m`, `6h`, `2d`, `3w` or `1h30m`.
public enum DurationText {
    /// Parses a duration; nil when the text is not one.
    public static func parse(_ text: String) -> Minutes? {
        if let ascii = text.utf8.withContiguousStorageIfAvailable(parseASCII), let result = ascii {
            return result
        }
        return parseCharacters(text)
    }

    /// `parse` the general way, character by character (also what the ASCII path must agree with).
    static func parseCharacters(_ text: String) -> Minutes? {
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

    /// `parse` for plain ASCII text, on its bytes: in ASCII a `Character` is a byte (CR LF,
    /// the one exception, is refused either way). Returns nil (go the general way) for other
    /// text, and `.some(nil)` for ASCII text that is no duration.
    private static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Minutes?? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard !bytes.isEmpty else { return .some(nil) }
        var total = 0
        var value = 0, digits = 0
        var sawUnit = false
        for byte in bytes {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                // Past six digits the number is refused below; stop growing it so it cannot overflow.
                if digits < 7 { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
                digits += 1
                continue
            }
            guard digits > 0, digits <= 6 else { return .some(nil) }
            let factor: Int
            switch ASCII.lowercased(byte) {
            case UInt8(ascii: "m"): factor = 1
            case UInt8(ascii: "h"): factor = 60
            case UInt8(ascii: "d"): factor = 60 * 24
            case UInt8(ascii: "w"): factor = 60 * 24 * 7
            default: return .some(nil)
            }
            total += value * factor
            value = 0
            digits = 0
            sawUnit = true
        }
        guard digits == 0, sawUnit else { return .some(nil) }
        return .some(total)
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

    /// "day D HH:MM". Written byte by byte for days 0–999 (any course): the grader and the
    /// session label every event and result, and interpolation cost more than the rest of a
    /// result's heading.
    public func label(_ t: Minutes) -> String {
        let absolute = arrival + t
        guard absolute >= 0, absolute < 1000 * 1440 else { return interpolatedLabel(t) }
        let day = absolute / 1440, inDay = absolute % 1440
        let hh = inDay / 60, mm = inDay % 60
        let dayDigits = day < 10 ? 1 : day < 100 ? 2 : 3
        // "day D HH:MM"
        return String(unsafeUninitializedCapacity: 10 + dayDigits) { buffer in
            let zero = UInt8(ascii: "0")
            buffer[0] = UInt8(ascii: "d")
            buffer[1] = UInt8(ascii: "a")
            buffer[2] = UInt8(ascii: "y")
            buffer[3] = UInt8(ascii: " ")
            var rest = day
            for i in stride(from: 3 + dayDigits, to: 3, by: -1) {
                buffer[i] = zero + UInt8(rest % 10)
                rest /= 10
            }
            var i = 4 + dayDigits
            buffer[i] = UInt8(ascii: " ")
            buffer[i + 1] = zero + UInt8(hh / 10)
            buffer[i + 2] = zero + UInt8(hh % 10)
            buffer[i + 3] = UInt8(ascii: ":")
            buffer[i + 4] = zero + UInt8(mm / 10)
            buffer[i + 5] = zero + UInt8(mm % 10)
            i += 6
            return i
        }
    }

    /// `label` by interpolation: for any day, and what the byte-by-byte way must agree with.
    func interpolatedLabel(_ t: Minutes) -> String {
        let absolute = arrival + t
        let day = absolute / 1440
        let inDay = absolute % 1440
        let hh = inDay / 60, mm = inDay % 60
        return "day \(day) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}
