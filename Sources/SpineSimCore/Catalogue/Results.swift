/// How a result compares with its reference range.
public enum ResultFlag: String, CaseIterable, Sendable {
    case normal, high, low, abnormal, critical

    public var isAbnormal: Bool { self != .normal }
}

/// One analyte of a panel (a full blood count's haemoglobin, say).
public struct ResultComponent: Sendable, Equatable {
    public var name: String
    public var value: String
    public var unit: String?
    public var range: String?
    public var flag: ResultFlag?
}

/// A test result as a case or the catalogue defines it: a single value, a panel, a report,
/// or one result per stage for tests that report in stages.
///
/// An immutable class, built once at load and shared by the pending and received results
/// that copy it. How it reads on screen is `ResultText`'s business.
public final class ResultSpec: Sendable, Equatable {
    public let value: String?
    public let unit: String?
    public let range: String?
    public let flag: ResultFlag?
    public let interpretation: String?
    public let components: [ResultComponent]
    public let stages: [String: ResultSpec]

    public init(value: String? = nil, unit: String? = nil, range: String? = nil, flag: ResultFlag? = nil,
                interpretation: String? = nil, components: [ResultComponent] = [], stages: [String: ResultSpec] = [:]) {
        self.value = value
        self.unit = unit
        self.range = range
        self.flag = flag
        self.interpretation = interpretation
        self.components = components
        self.stages = stages
    }

    /// "No abnormality.": what a test with no scripted or default result reports (one shared object).
    static let noAbnormality = ResultSpec(interpretation: "No abnormality.")

    /// Whether anything in the result is flagged abnormal.
    public var isAbnormal: Bool {
        if flag?.isAbnormal == true { return true }
        return components.contains { $0.flag?.isAbnormal == true }
    }

    /// Equal when every part is (results are compared by content, never by identity).
    public static func == (lhs: ResultSpec, rhs: ResultSpec) -> Bool {
        lhs.value == rhs.value && lhs.unit == rhs.unit && lhs.range == rhs.range && lhs.flag == rhs.flag
            && lhs.interpretation == rhs.interpretation && lhs.components == rhs.components && lhs.stages == rhs.stages
    }
}
