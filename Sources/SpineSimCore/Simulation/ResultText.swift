/// How results read on screen: an announcement when one arrives, a table in `results`.
/// A line that shows an abnormal flag is marked `flagged`, so shells can highlight it
/// without reading its text.
public enum ResultText {
    /// "[day 0 10:14] Result: ESR", then the body indented by two spaces.
    public static func announce(_ r: ReceivedResult, clock: ClockFace) -> [OutputLine] {
        [OutputLine(.result, "[\(clock.label(r.arrivedAt))] Result: \(title(r))")] + body(r.spec, indent: "  ")
    }

    /// Every result received, oldest first: a heading each, then its body indented by four spaces.
    public static func table(_ results: [ReceivedResult], clock: ClockFace) -> [OutputLine] {
        results.flatMap { r in
            [OutputLine(.result, "\(clock.label(r.arrivedAt))  \(title(r))")] + body(r.spec, indent: "    ")
        }
    }

    /// The lines of a result: value with unit, range and flag, or each component, then the interpretation.
    public static func body(_ spec: ResultSpec, indent: String = "") -> [OutputLine] {
        var lines: [OutputLine] = []
        if let value = spec.value {
            lines.append(line(indent + valueText(value, unit: spec.unit, range: spec.range, flag: spec.flag), flag: spec.flag))
        }
        let width = spec.components.map(\.name.count).max() ?? 0
        for c in spec.components {
            let text = indent + padded(c.name, toLength: width) + "  " + valueText(c.value, unit: c.unit, range: c.range, flag: c.flag)
            lines.append(line(text, flag: c.flag))
        }
        if let text = spec.interpretation {
            // A report with no value or panel carries its flag on the interpretation.
            let flag = spec.value == nil && spec.components.isEmpty ? spec.flag : nil
            let shown = flag?.isAbnormal == true ? "\(text) [\(flagWord(flag))]" : text
            lines.append(line(indent + shown, flag: flag))
        }
        return lines
    }

    private static func line(_ text: String, flag: ResultFlag?) -> OutputLine {
        OutputLine(.result, text, flagged: flag?.isAbnormal ?? false)
    }

    private static func title(_ r: ReceivedResult) -> String {
        r.stageName.map { "\(r.name) — \($0)" } ?? r.name
    }

    private static func valueText(_ value: String, unit: String?, range: String?, flag: ResultFlag?) -> String {
        var s = value
        if let unit, !unit.isEmpty { s += " " + unit }
        if let range, !range.isEmpty { s += "  (ref \(range))" }
        if let flag, flag.isAbnormal { s += "  " + flagWord(flag) }
        return s
    }

    /// `name` padded with spaces to `width` UTF-16 units, as Foundation's `padding` (which
    /// truncates a longer name) would: component names line up in a column.
    static func padded(_ name: String, toLength width: Int) -> String {
        let units = name.utf16.count
        guard units <= width else { return String(decoding: Array(name.utf16.prefix(width)), as: UTF16.self) }
        return name + String(repeating: " ", count: width - units)
    }

    static func flagWord(_ flag: ResultFlag?) -> String {
        switch flag {
        case .high: return "HIGH"
        case .low: return "LOW"
        case .critical: return "CRITICAL"
        case .abnormal: return "ABNORMAL"
        default: return ""
        }
    }
}
