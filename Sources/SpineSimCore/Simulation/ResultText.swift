/// How results read on screen: an announcement when one arrives, a table in `results`.
public enum ResultText {
    public static func announce(_ r: ReceivedResult, clock: ClockFace) -> [OutputLine] {
        let title = r.name + (r.stageName.map { " — \($0)" } ?? "")
        var lines = [OutputLine(.result, "[\(clock.label(r.arrivedAt))] Result: \(title)")]
        lines += body(r.spec).map { OutputLine(.result, "  " + $0) }
        return lines
    }

    /// The lines of a result: value with unit, range and flag, or each component, then the interpretation.
    public static func body(_ spec: ResultSpec) -> [String] {
        var lines: [String] = []
        if let value = spec.value {
            lines.append(valueLine(name: nil, value: value, unit: spec.unit, range: spec.range, flag: spec.flag))
        }
        let width = spec.components.map(\.name.count).max() ?? 0
        for c in spec.components {
            lines.append(valueLine(name: c.name.padding(toLength: width, withPad: " ", startingAt: 0),
                                   value: c.value, unit: c.unit, range: c.range, flag: c.flag))
        }
        if let text = spec.interpretation {
            let mark = spec.value == nil && spec.components.isEmpty && (spec.flag?.isAbnormal ?? false) ? " [\(flagWord(spec.flag))]" : ""
            lines.append(text + mark)
        }
        return lines
    }

    static func valueLine(name: String?, value: String, unit: String?, range: String?, flag: ResultFlag?) -> String {
        var s = name.map { "\($0)  " } ?? ""
        s += value
        if let unit, !unit.isEmpty { s += " \(unit)" }
        if let range, !range.isEmpty { s += "  (ref \(range))" }
        if let flag, flag.isAbnormal { s += "  \(flagWord(flag))" }
        return s
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

    /// Every result received, oldest first.
    public static func table(_ results: [ReceivedResult], clock: ClockFace) -> [OutputLine] {
        var lines: [OutputLine] = []
        for r in results {
            let title = r.name + (r.stageName.map { " — \($0)" } ?? "")
            lines.append(OutputLine(.result, "\(clock.label(r.arrivedAt))  \(title)"))
            lines += body(r.spec).map { OutputLine(.result, "    " + $0) }
        }
        return lines
    }
}
