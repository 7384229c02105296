/// How results read on screen: an announcement when one arrives, a table in `results`.
public enum ResultText {
    public static func announce(_ r: ReceivedResult, clock: ClockFace) -> [OutputLine] {
        var lines: [OutputLine] = []
        announce(r, clock: clock, into: &lines)
        return lines
    }

    /// `announce(_:clock:)`, appending to `lines` rather than building arrays to join.
    static func announce(_ r: ReceivedResult, clock: ClockFace, into lines: inout [OutputLine]) {
        var heading = ""
        heading.reserveCapacity(r.name.utf8.count + (r.stageName?.utf8.count ?? 0) + 40)
        heading += "["
        heading += clock.label(r.arrivedAt)
        heading += "] Result: "
        appendTitle(r, to: &heading)
        lines.append(OutputLine(.result, heading))
        // The body never changes: it was written when the result was loaded.
        for text in r.spec.announcedBody { lines.append(OutputLine(.result, text)) }
    }

    /// The lines of a result: value with unit, range and flag, or each component, then the interpretation.
    public static func body(_ spec: ResultSpec) -> [String] {
        var lines: [String] = []
        forEachBodyLine(spec, indent: "") { lines.append($0) }
        return lines
    }

    /// Each line of `body(_:)`, already prefixed with `indent`. Each line is built in one
    /// buffer sized up front: growing a string as it is appended to cost more than the rest.
    private static func forEachBodyLine(_ spec: ResultSpec, indent: String, _ emit: (String) -> Void) {
        forEachBodyLine(value: spec.value, unit: spec.unit, range: spec.range, flag: spec.flag,
                        interpretation: spec.interpretation, components: spec.components, indent: indent, emit)
    }

    /// `forEachBodyLine(_:indent:_:)` from a result's parts, so that `ResultSpec` can write
    /// its announcement while it is being built.
    static func forEachBodyLine(value: String?, unit: String?, range: String?, flag: ResultFlag?, interpretation: String?,
                                components: [ResultComponent], indent: String, _ emit: (String) -> Void) {
        if let value {
            var s = line(indent, room: value.utf8.count + valueRoom(unit, range))
            appendValue(value, unit: unit, range: range, flag: flag, to: &s)
            emit(s)
        }
        var width = 0
        for i in components.indices { width = max(width, components[i].name.count) }
        for i in components.indices {
            let c = components[i]
            var s = line(indent, room: width + c.name.utf8.count + 2 + c.value.utf8.count + valueRoom(c.unit, c.range))
            s += padded(c.name, toLength: width)
            s += "  "
            appendValue(c.value, unit: c.unit, range: c.range, flag: c.flag, to: &s)
            emit(s)
        }
        if let text = interpretation {
            var s = line(indent, room: text.utf8.count + 12)
            s += text
            if value == nil && components.isEmpty && (flag?.isAbnormal ?? false) {
                s += " ["
                s += flagWord(flag)
                s += "]"
            }
            emit(s)
        }
    }

    /// A new line holding `indent`, with room for `room` more bytes.
    private static func line(_ indent: String, room: Int) -> String {
        var s = ""
        s.reserveCapacity(indent.utf8.count + room)
        s += indent
        return s
    }

    /// Room for a value's unit, range and flag.
    private static func valueRoom(_ unit: String?, _ range: String?) -> Int {
        (unit?.utf8.count ?? 0) + (range?.utf8.count ?? 0) + 22
    }

    private static func appendValue(_ value: String, unit: String?, range: String?, flag: ResultFlag?, to s: inout String) {
        s += value
        if let unit, !unit.isEmpty { s += " "; s += unit }
        if let range, !range.isEmpty { s += "  (ref "; s += range; s += ")" }
        if let flag, flag.isAbnormal { s += "  "; s += flagWord(flag) }
    }

    /// `name.padding(toLength: width, withPad: " ", startingAt: 0)` without Foundation's
    /// NSString round trip. Foundation counts UTF-16 units, so pad by those; the rare name
    /// longer than `width` in UTF-16 (a width counted in Characters) is left to Foundation,
    /// which truncates it.
    static func padded(_ name: String, toLength width: Int) -> String {
        let units = name.utf16.count
        guard units <= width else { return name.padding(toLength: width, withPad: " ", startingAt: 0) }
        if units == width { return name }
        return name + String(repeating: " ", count: width - units)
    }

    private static func appendTitle(_ r: ReceivedResult, to s: inout String) {
        s += r.name
        if let stage = r.stageName { s += " — "; s += stage }
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
            var heading = clock.label(r.arrivedAt)
            heading += "  "
            appendTitle(r, to: &heading)
            lines.append(OutputLine(.result, heading))
            forEachBodyLine(r.spec, indent: "    ") { lines.append(OutputLine(.result, $0)) }
        }
        return lines
    }
}
