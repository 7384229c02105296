import Foundation
import SpineSimCore

/// `spinesim check --mutations`: the rubric mutation audit of each case, printed. The audit
/// itself is the core's (`MutationAudit`); this only words it.
enum CheckMutations {
    /// Audits every case and prints, per case, the variants tried, the unexplained findings and
    /// the accepted ones with their reasons. Returns the exit status: 1 when any finding is
    /// unexplained.
    static func run(_ scenarios: [Scenario], catalogue: Catalogue, verbose: Bool) -> Int32 {
        let audits = Parallel.map(count: scenarios.count, workers: ProcessInfo.processInfo.activeProcessorCount) { index in
            MutationAudit.run(scenarios[index], catalogue: catalogue)
        }
        var tried = 0, unexplained = 0, accepted = 0
        for audit in audits {
            tried += audit.variants.count
            unexplained += audit.unexplained.count
            accepted += audit.accepted.count
            print(lines(for: audit, verbose: verbose).joined(separator: "\n"))
            for w in audit.warnings { printError(w.description) }
        }
        print("\(audits.count) case\(audits.count == 1 ? "" : "s"), \(tried) variants, \(unexplained) unexplained, \(accepted) accepted")
        return unexplained == 0 ? 0 : 1
    }

    /// One case's report.
    static func lines(for audit: MutationAudit, verbose: Bool) -> [String] {
        let expert = JSONValue.format(audit.expertScore)
        guard let test = audit.expertTest else { return ["\(audit.scenarioID): no passing self-test, so no expert path to mutate"] }
        var out = ["\(audit.scenarioID): \(audit.variants.count) variants of '\(test)' (expert \(expert)/\(JSONValue.format(audit.maxScore))): "
            + "\(audit.unexplained.count) unexplained, \(audit.accepted.count) accepted"]
        for v in audit.unexplained {
            out.append("  \(v.survived ? "SURVIVOR" : "PASSES  ")  \(v.mutation.id)")
            out.append("            \(v.mutation.detail)")
            out.append("            \(MutationAudit.why(v, expertScore: audit.expertScore))")
        }
        for (v, a) in audit.accepted {
            out.append("  accepted  \(v.mutation.id) (scores \(JSONValue.format(v.score))): \(a.reason)")
        }
        for v in audit.variants where !v.rejected.isEmpty {
            out.append("  INVALID   \(v.mutation.id): the session rejected \(v.rejected.joined(separator: "; "))")
        }
        if verbose {
            for v in audit.variants where !v.isFinding {
                out.append("  ok        \(v.mutation.id): \(JSONValue.format(v.score))\(v.passed ? "" : ", fails")")
            }
        }
        return out
    }
}
