import Foundation
import SpineSimCore

/// Compares new reports with an earlier JSON report, transcript by transcript.
public enum Regrade {
    public static func compare(old text: String, baselinePath: String, new reports: [GradeReport]) -> String {
        guard let data = text.data(using: .utf8), let parsed = try? JSONSerialization.jsonObject(with: data) else {
            return "\n\(baselinePath): error: not a JSON report from 'spinesim grade --format json'\n"
        }
        let objects: [[String: Any]] = (parsed as? [[String: Any]]) ?? ((parsed as? [String: Any]).map { [$0] } ?? [])
        var old: [String: (Double, Bool)] = [:]
        for o in objects {
            if let t = o["transcript"] as? String, let s = (o["score"] as? NSNumber)?.doubleValue, let p = o["passed"] as? Bool {
                guard s.isFinite, abs(s) <= Limits.baselineScore else {
                    return "\n\(baselinePath): error: the score \(s) for \(t) is out of range (a report's scores are between -\(Int(Limits.baselineScore)) and \(Int(Limits.baselineScore)))\n"
                }
                old[t] = (s, p)
            }
        }
        var lines = ["", "Changes against \(baselinePath):"]
        var changed = 0
        for r in reports {
            guard let (score, passed) = old[r.transcript] else {
                lines.append("  new        \(r.transcript): \(JSONValue.format(r.score)) \(r.passed ? "pass" : "fail")")
                changed += 1
                continue
            }
            let delta = JSONValue.round2(r.score - score)
            if delta != 0 || passed != r.passed {
                changed += 1
                let verdict = passed == r.passed ? (r.passed ? "pass" : "fail") : "\(passed ? "pass" : "fail") -> \(r.passed ? "pass" : "fail")"
                lines.append("  changed    \(r.transcript): \(JSONValue.format(score)) -> \(JSONValue.format(r.score)) (\(delta > 0 ? "+" : "")\(JSONValue.format(delta))), \(verdict)")
            }
        }
        let gone = Set(old.keys).subtracting(reports.map(\.transcript))
        for t in gone.sorted() { lines.append("  missing    \(t) (in the baseline, not graded now)"); changed += 1 }
        lines.append("  \(changed) of \(reports.count) transcript\(reports.count == 1 ? "" : "s") changed.")
        return lines.joined(separator: "\n") + "\n"
    }
}
