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
public struct ResultSpec: Sendable, Equatable {
    public var value: String?
    public var unit: String?
    public var range: String?
    public var flag: ResultFlag?
    public var interpretation: String?
    public var components: [ResultComponent] = []
    public var stages: [String: ResultSpec] = [:]

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

    /// Whether anything in the result is flagged abnormal.
    public var isAbnormal: Bool {
        if flag?.isAbnormal == true { return true }
        return components.contains { $0.flag?.isAbnormal == true }
    }
}
