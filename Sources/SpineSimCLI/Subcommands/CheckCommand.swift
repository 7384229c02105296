import ArgumentParser
import SpineSimCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run each scenario's self-tests (exemplar and pitfall transcripts) and report which hold.")

    @Argument(help: "Scenario files or folders (default: every scenario found).") var paths: [String] = []
    @Flag(help: "Show each test's criteria scores.") var verbose = false
    @Flag(help: "Show each test's timeline: every command, result, course event and rubric item met, with its virtual time.")
    var trace = false
    @Flag(help: "Run the rubric mutation audit instead: grade variants of each case's expert path (acts dropped, delayed, moved before their trigger or result, doses ×10, needless ionising tests) and list every variant the rubric cannot tell from it.")
    var mutations = false
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try reportingErrors { () throws(CLIError) -> Int32 in
            let lib = try library.load(only: paths)
            for d in lib.diagnostics where d.severity == .error { printError(d.description) }
            if mutations {
                let status = CheckMutations.run(lib.scenarios, catalogue: lib.catalogue, verbose: verbose)
                return status == 0 && lib.invalidFiles.isEmpty ? 0 : 1
            }
            var held = 0, failed = 0
            for scenario in lib.scenarios {
                for outcome in SelfTestRunner.run(scenario, catalogue: lib.catalogue, trace: trace) {
                    let r = outcome.report
                    let summary = "score \(JSONValue.format(r.score))/\(JSONValue.format(r.maxScore)), \(r.passed ? "passed" : "failed")"
                    if outcome.holds {
                        held += 1
                        print("ok    \(scenario.id): \(outcome.test.name) (\(summary))")
                    } else {
                        failed += 1
                        print("FAIL  \(scenario.id): \(outcome.test.name) (\(summary))")
                        for p in outcome.problems { print("        \(scenario.sourcePath):\(outcome.test.line): \(p)") }
                    }
                    if verbose {
                        for c in r.criteria { print("        \(c.criterion.rawValue): \(JSONValue.format(c.score))/\(JSONValue.format(c.maxScore))") }
                        for e in r.criticalErrors { print("        critical: \(e)") }
                    }
                    if trace {
                        let clock = ClockFace(arrival: scenario.patient.arrival)
                        for entry in outcome.timeline {
                            print("        \(clock.label(entry.t))  +\(entry.t)m  \(entry.text)")
                        }
                    }
                }
            }
            print("\(held) passed, \(failed) failed")
            return failed == 0 && lib.invalidFiles.isEmpty ? 0 : 1
        }
    }
}
