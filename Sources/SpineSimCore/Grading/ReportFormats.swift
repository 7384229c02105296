/// The output formats of `grade`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, junit, gradescope, xapi, csv
}

/// Renders graded reports in each format. Pure and deterministic: no clock is read; the
/// xAPI timestamp is the transcript's `# started:` time.
public enum ReportRenderer {
    public static func render(_ reports: [GradeReport], format: ReportFormat) -> String {
        var assembler = ReportAssembler(format: format)
        var out = ""
        for report in reports { out += assembler.add(report, piece: piece(report, format: format)) }
        return out + assembler.finish()
    }

    /// One report's piece of the output, rendered as an element of a batch (for the JSON
    /// formats, one level deep in the array). A shell may render pieces on any thread, as
    /// each report is graded, and hand them to a `ReportAssembler` in order.
    public static func piece(_ r: GradeReport, format: ReportFormat) -> String {
        switch format {
        case .text: return r.debrief
        case .json: return r.json.rendered(pretty: true, indent: 1)
        case .gradescope: return gradescopeObject(r).rendered(pretty: true, indent: 1)
        case .xapi: return xapiAttempt(r).rendered(pretty: true, indent: 1)
        case .csv: return csvRow(r)
        case .junit: return junitSuite(r)
        }
    }

    /// A lone report in a JSON format is printed as its value on its own, not in an array.
    static func lone(_ r: GradeReport, format: ReportFormat) -> String? {
        switch format {
        case .json: return r.json.rendered() + "\n"
        case .gradescope: return gradescopeObject(r).rendered() + "\n"
        case .xapi: return xapiAttempt(r).rendered() + "\n"
        case .text, .csv, .junit: return nil
        }
    }

    static let textSeparator = "\n" + String(repeating: "-", count: 60) + "\n\n"

    // MARK: Gradescope

    /// Gradescope's autograder `results.json`: one object (an array for several transcripts).
    static func gradescopeObject(_ r: GradeReport) -> JSONValue {
        var summary = "\(r.passed ? "Passed" : "Not passed"): \(JSONValue.format(r.score))/\(JSONValue.format(r.maxScore)). Outcome: \(r.outcome)"
        if !r.criticalErrors.isEmpty { summary += "\nCritical errors: " + r.criticalErrors.joined(separator: "; ") }
        if !r.rejected.isEmpty {
            summary += "\nLines not understood (nothing on them was done): "
                + r.rejected.map { "line \($0.line): \($0.text) — \($0.reason)" }.joined(separator: "; ")
        }
        return .object([
            ("score", .number(r.score)),
            ("max_score", .number(r.maxScore)),
            ("output", .string(summary)),
            ("tests", .array(r.criteria.map { c in
                .object([
                    ("name", .string(r.title(of: c.criterion))),
                    ("score", .number(c.score)),
                    ("max_score", .number(c.maxScore)),
                    ("output", .string((c.feedback + (c.references.isEmpty ? [] : ["References: " + c.references.joined(separator: "; ")])).joined(separator: "\n"))),
                ])
            })),
        ])
    }

    // MARK: JUnit

    static func xml(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters.
                if ch.value < 0x20, ch != "\n", ch != "\t", ch != "\r" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    // One test suite per transcript and one test case per criterion; a criterion below the
    // pass mark's share of its points is a failure carrying the feedback.

    static func junitHeader(tests: Int, failures: Int) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"spinesim\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
    }

    /// One transcript's test suite.
    static func junitSuite(_ r: GradeReport) -> String {
        var out = "  <testsuite name=\"\(xml(r.scenarioID)): \(xml(r.transcript))\" tests=\"\(r.criteria.count)\" failures=\"\(failures(r))\" errors=\"0\">\n"
        out += "    <properties>\n"
        out += "      <property name=\"score\" value=\"\(JSONValue.format(r.score))\"/>\n"
        out += "      <property name=\"max_score\" value=\"\(JSONValue.format(r.maxScore))\"/>\n"
        out += "      <property name=\"passed\" value=\"\(r.passed)\"/>\n"
        for e in r.criticalErrors { out += "      <property name=\"critical_error\" value=\"\(xml(e))\"/>\n" }
        for j in r.rejected {
            out += "      <property name=\"rejected_line\" value=\"\(xml("line \(j.line): \(j.text) — \(j.reason)"))\"/>\n"
        }
        out += "    </properties>\n"
        for c in r.criteria {
            out += "    <testcase classname=\"spinesim.\(xml(r.scenarioID))\" name=\"\(c.criterion.rawValue)\">\n"
            let body = xml(c.feedback.joined(separator: "\n"))
            if criterionFails(c, r) {
                out += "      <failure message=\"\(c.criterion.rawValue): \(JSONValue.format(c.score))/\(JSONValue.format(c.maxScore))\">\(body)</failure>\n"
            } else {
                out += "      <system-out>\(body)</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n"
        return out
    }

    static func criterionFails(_ c: GradeReport.CriterionResult, _ r: GradeReport) -> Bool {
        c.maxScore > 0 && c.score / c.maxScore * 100 < r.passMark - 1e-9
    }

    static func failures(_ r: GradeReport) -> Int { r.criteria.filter { criterionFails($0, r) }.count }

    // MARK: xAPI

    /// xAPI statements per attempt: `attempted`, then `passed` or `failed`, following the
    /// MedBiquitous virtual-patient profile where it fits (activity type simulation).
    static func xapiAttempt(_ r: GradeReport) -> JSONValue {
        let timestamp = r.started ?? "1970-01-01T00:00:00Z"
        let actor: JSONValue = .object([
            ("objectType", .string("Agent")),
            ("account", .object([("homePage", .string("urn:spinesim")), ("name", .string(r.provenance.student ?? "anonymous"))])),
        ])
        let object: JSONValue = .object([
            ("objectType", .string("Activity")),
            ("id", .string("urn:spinesim:case:\(r.scenarioID)")),
            ("definition", .object([
                ("type", .string("http://adlnet.gov/expapi/activities/simulation")),
                ("name", .object([("en-GB", .string(r.scenarioTitle))])),
            ])),
        ])
        let context: JSONValue = .object([
            ("contextActivities", .object([
                ("category", .array([.object([("id", .string("https://w3id.org/xapi/virtual-patient"))])])),
            ])),
            ("extensions", .object([
                ("urn:spinesim:transcript", .string(r.transcript)),
                ("urn:spinesim:scenario_sha256", .string(r.provenance.scenarioSHA256)),
            ])),
        ])
        func verb(_ name: String) -> JSONValue {
            .object([("id", .string("http://adlnet.gov/expapi/verbs/\(name)")), ("display", .object([("en-US", .string(name))]))])
        }
        let attempted: JSONValue = .object([
            ("id", .string(uuid("\(r.transcript)|attempted|\(r.provenance.scenarioSHA256)"))),
            ("actor", actor), ("verb", verb("attempted")), ("object", object), ("context", context),
            ("timestamp", .string(timestamp)),
        ])
        let scaled = r.maxScore > 0 ? JSONValue.round2(r.score / r.maxScore * 100) / 100 : 0
        let verdict = r.passed ? "passed" : "failed"
        let result: JSONValue = .object([
            ("score", .object([("scaled", .number(scaled)), ("raw", .number(r.score)), ("min", .integer(0)), ("max", .number(r.maxScore))])),
            ("success", .bool(r.passed)),
            ("completion", .bool(true)),
            ("duration", .string(isoDuration(minutes: r.durationMinutes))),
            ("response", .string(r.outcome)),
        ])
        let final: JSONValue = .object([
            ("id", .string(uuid("\(r.transcript)|\(verdict)|\(r.provenance.scenarioSHA256)"))),
            ("actor", actor), ("verb", verb(verdict)), ("object", object), ("result", result), ("context", context),
            ("timestamp", .string(timestamp)),
        ])
        return .array([attempted, final])
    }

    /// ISO 8601 duration of the consultation's virtual time: `PT2H15M`, `P2DT3H`.
    public static func isoDuration(minutes: Minutes) -> String {
        let days = minutes / 1440, hours = (minutes % 1440) / 60, mins = minutes % 60
        var s = "P"
        if days > 0 { s += "\(days)D" }
        if hours > 0 || mins > 0 || days == 0 {
            s += "T"
            if hours > 0 { s += "\(hours)H" }
            if mins > 0 || hours == 0 { s += "\(mins)M" }
        }
        return s
    }

    /// A name-based UUID (version 5 layout over SHA-256), so statement ids are stable.
    static func uuid(_ name: String) -> String {
        var hex = Array(SHA256.hex(name).prefix(32))
        hex[12] = "5"
        let variant = Array("89ab")[Int(String(hex[16]), radix: 16).map { $0 % 4 } ?? 0]
        hex[16] = variant
        let s = String(hex)
        func part(_ a: Int, _ b: Int) -> String { String(s[s.index(s.startIndex, offsetBy: a)..<s.index(s.startIndex, offsetBy: b)]) }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    // MARK: CSV

    static func csvField(_ s: String) -> String {
        // A byte scan: Foundation's `contains(_:)` searches for a substring and costs far more.
        if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) {
            return "\"" + s.replacing("\"", with: "\"\"") + "\""
        }
        return s
    }

    // The criterion columns hold scores; the diagnosis the student gave is `diagnosis_given`
    // (the header once named two columns `diagnosis`).
    static let csvHeader = (["transcript", "scenario", "student", "score", "max_score", "passed", "critical_errors"]
                            + Criterion.allCases.map(\.rawValue) + ["diagnosis_given", "diagnosis_correct", "rejected_lines"]).joined(separator: ",")

    static func csvRow(_ r: GradeReport) -> String {
        var fields = [r.transcript, r.scenarioID, r.provenance.student ?? "", JSONValue.format(r.score),
                      JSONValue.format(r.maxScore), r.passed ? "true" : "false", r.criticalErrors.joined(separator: "; ")]
        fields += r.criteria.map { JSONValue.format($0.score) }
        fields += [r.diagnosisGiven ?? "", r.diagnosisCorrect ? "true" : "false", String(r.rejected.count)]
        return fields.map(csvField).joined(separator: ",")
    }
}

/// Puts a batch's output together from its reports' pieces (`ReportRenderer.piece`), given in
/// order, handing back each part of the output as soon as it is known, so that a shell can
/// write it out and keep nothing: the parts joined are the bytes `ReportRenderer.render` gives.
/// JUnit's header counts every report's failures, so JUnit keeps its pieces to the end; a JSON
/// format keeps its first report until a second comes (a lone report is printed on its own,
/// not in an array).
public struct ReportAssembler {
    public let format: ReportFormat
    private var count = 0
    private var failures = 0
    private var junitSuites: [String] = []
    private var first: (report: GradeReport, piece: String)?

    public init(format: ReportFormat) { self.format = format }

    /// Adds the next report and its piece; returns the output that can be written now.
    public mutating func add(_ report: GradeReport, piece: String) -> String {
        count += 1
        switch format {
        case .text:
            return count == 1 ? piece : ReportRenderer.textSeparator + piece
        case .csv:
            return (count == 1 ? ReportRenderer.csvHeader : "") + "\n" + piece
        case .junit:
            failures += ReportRenderer.failures(report)
            junitSuites.append(piece)
            return ""
        case .json, .gradescope, .xapi:
            if count == 1 {
                first = (report, piece)
                return ""
            }
            defer { first = nil }
            return (first.map { "[\n  " + $0.piece } ?? "") + ",\n  " + piece
        }
    }

    /// The rest of the output, after the last report.
    public mutating func finish() -> String {
        switch format {
        case .text:
            return ""
        case .csv:
            return (count == 0 ? ReportRenderer.csvHeader : "") + "\n"
        case .junit:
            defer { junitSuites = [] }
            return ReportRenderer.junitHeader(tests: count * Criterion.allCases.count, failures: failures)
                + junitSuites.joined() + "</testsuites>\n"
        case .json, .gradescope, .xapi:
            if count == 0 { return "[]\n" }
            if let first, count == 1 { return ReportRenderer.lone(first.report, format: format) ?? "" }
            return "\n]\n"
        }
    }
}
