/// Trend lines: each state value the trainee has measured more than once, drawn as a
/// compact sparkline with the first and last numbers and times. Built only from readings
/// the trainee received (results back, vital signs examined), never from hidden values.
public struct StateTrend: Sendable, Equatable {
    public var label: String
    public var unit: String
    public var decimals: Int
    public var points: [StateReading]

    static let unicodeBars = Array("▁▂▃▄▅▆▇█")
    static let asciiBars = Array("_.-~=+*#")

    /// The bars, one a reading, scaled between the lowest and highest reading.
    public func sparkline(unicode: Bool) -> String {
        let bars = unicode ? Self.unicodeBars : Self.asciiBars
        let values = points.map(\.value)
        guard let low = values.min(), let high = values.max() else { return "" }
        return String(values.map { value -> Character in
            guard high > low else { return bars[bars.count / 2] }
            let level = Int(((value - low) / (high - low) * Double(bars.count - 1)).rounded())
            return bars[min(max(level, 0), bars.count - 1)]
        })
    }

    /// `CRP  148 ▇▆▄▂ 31 mg/L (day 0 11:10 → day 7 11:10)`; plain ASCII when `unicode` is false.
    public func line(clock: ClockFace, unicode: Bool) -> String {
        guard let first = points.first, let last = points.last else { return label }
        let arrow = unicode ? "→" : "->"
        return "  \(label)  \(PatientState.format(first.value, decimals: decimals)) \(sparkline(unicode: unicode)) "
            + "\(PatientState.format(last.value, decimals: decimals)) \(unit) (\(clock.label(first.t)) \(arrow) \(clock.label(last.t)))"
    }
}

extension Session {
    /// A trend for every declared variable measured at two or more times, in the case's order.
    public var trends: [StateTrend] {
        scenario.state.variables.compactMap { variable in
            let points = measurements.filter { $0.variable == variable.id }
            guard Set(points.map(\.t)).count >= 2 else { return nil }
            return StateTrend(label: variable.label, unit: variable.unit, decimals: variable.decimals, points: points)
        }
    }

    /// The chart's "Trends" section: plain text, with the Unicode sparkline as the rich rendering.
    func trendLines() -> [OutputLine] {
        let all = trends
        guard !all.isEmpty else { return [] }
        return [OutputLine(.heading, "Trends")] + all.map {
            OutputLine(.info, $0.line(clock: clock, unicode: false), rich: $0.line(clock: clock, unicode: true))
        }
    }
}
