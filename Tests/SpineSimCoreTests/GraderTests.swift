import Testing
import Foundation
@testable import SpineSimCore

@Suite struct GraderTests {
    func grade(_ lines: [String]) throws -> GradeReport {
        Grader.grade(try Fixtures.session(lines), context: .init(transcriptPath: "t.txt"))
    }

    let exemplar = ["ask bladder saddle-numbness", "examine rectal", "order mri-lumbar urgent", "wait 2h",
                    "perform decompression", "diagnose cauda equina syndrome", "end"]

    /// A diagnosis counts by code, name, alias or free text that folds to an accepted one;
    /// a partly right one earns half; anything else earns nothing.
    @Test(arguments: [("ces", true, false), ("Cauda-Equina-Syndrome", true, false), ("incomplete  cauda equina syndrome", true, false),
                      ("slipped disc", false, true), ("lumbar-disc-herniation", false, true), ("mechanical low back pain", false, false),
                      ("something else entirely", false, false)])
    func diagnosisIsMatchedByAnyName(text: String, correct: Bool, partial: Bool) throws {
        let r = try grade(["diagnose \(text)", "end"])
        #expect(r.diagnosisCorrect == correct)
        let feedback = r.criteria.first { $0.criterion == .diagnosis }?.feedback ?? []
        #expect(feedback.contains { $0.hasPrefix("Partly right") } == partial)
    }

    /// A batch in a JSON format is one array of the reports' values, whether its pieces are
    /// rendered apart (as `grade` does, on every core) or not; a lone report is its value alone.
    @Test func jsonBatchesAreOneArrayAndALoneReportStandsAlone() throws {
        let reports = [try grade(exemplar), try grade(["order mri-lumbar", "end"]), try grade(["diagnose ces", "end"])]
        #expect(ReportRenderer.render(reports, format: .json) == JSONValue.array(reports.map(\.json)).rendered() + "\n")
        #expect(ReportRenderer.render([reports[1]], format: .json) == reports[1].json.rendered() + "\n")
        #expect(ReportRenderer.render([], format: .json) == "[]\n")
        for format in [ReportFormat.gradescope, .xapi] {
            let many = try JSONSerialization.jsonObject(with: Data(ReportRenderer.render(reports, format: format).utf8))
            #expect((many as? [Any])?.count == 3)
            let lone = try JSONSerialization.jsonObject(with: Data(ReportRenderer.render([reports[0]], format: format).utf8))
            // Gradescope's lone report is one object; xAPI's is its two statements.
            if format == .gradescope { #expect(lone is [String: Any]) } else { #expect((lone as? [[String: Any]])?.count == 2) }
        }
    }

    /// JUnit's header counts every suite's tests and failures; CSV has one header row.
    @Test func junitAndCSVBatchesCountEveryReport() throws {
        let reports = [try grade(exemplar), try grade(["end"])]
        let junit = ReportRenderer.render(reports, format: .junit)
        #expect(junit.hasPrefix("<?xml"))
        #expect(junit.components(separatedBy: "<testsuite ").count - 1 == 2)
        #expect(junit.contains("tests=\"\(2 * Criterion.allCases.count)\""))
        let csv = ReportRenderer.render(reports, format: .csv)
        #expect(csv.split(separator: "\n").count == 3)
        #expect(csv.hasPrefix("transcript,scenario,"))
    }

    @Test func exemplarPasses() throws {
        let r = try grade(exemplar)
        #expect(r.passed)
        #expect(r.score == 100)
        #expect(r.criticalErrors.isEmpty)
        #expect(r.diagnosisCorrect)
        #expect(r.outcome == "Decompressed in time.")
        #expect(r.criteria.map(\.criterion) == Criterion.allCases)
    }

    @Test func missingRedFlagsIsCritical() throws {
        let r = try grade(["examine rectal", "order mri-lumbar urgent", "perform decompression", "diagnose ces", "end"])
        #expect(!r.passed)
        #expect(r.criticalErrors.contains("Not done: Ask about bladder and saddle sensation."))
        #expect(r.score > 0)
    }

    @Test func partialScreenEarnsPartialCredit() throws {
        let r = try grade(["ask bladder", "examine rectal", "order mri-lumbar urgent", "perform decompression", "diagnose ces", "end"])
        let history = try #require(r.criteria.first { $0.criterion == .history })
        #expect(history.score == 7.5)
    }

    @Test func lateMRIIsCriticalAndCostsTimeliness() throws {
        let r = try grade(["ask bladder saddle-numbness", "examine rectal", "wait 3h", "order mri-lumbar urgent",
                           "perform decompression", "diagnose ces", "end"])
        #expect(!r.passed)
        #expect(r.criticalErrors.first?.hasPrefix("No urgent MRI within 2 hours") == true)
        let timeliness = try #require(r.criteria.first { $0.criterion == .timeliness })
        #expect(timeliness.score == 0)
    }

    @Test func routineMRIDoesNotMeetTheUrgentItem() throws {
        let r = try grade(["ask bladder saddle-numbness", "order mri-lumbar", "diagnose ces", "perform decompression", "end"])
        #expect(r.criticalErrors.contains("No urgent MRI within 2 hours"))
        #expect(r.items.first { $0.id == "mri" }?.met == false)
    }

    @Test func harmIsPenalisedOnceUnderSafetyAndNamedInItsCriterion() throws {
        let r = try grade(exemplar.dropLast() + ["advise bed-rest", "end"])
        let ladder = try #require(r.criteria.first { $0.criterion == .ladder })
        let safety = try #require(r.criteria.first { $0.criterion == .safety })
        #expect(ladder.score == 20)
        #expect(safety.score == 6)
        #expect(ladder.feedback.contains { $0.hasPrefix("Harmful — advise bed-rest at ") && $0.contains(": Bed rest is wrong here.") && $0.hasSuffix("(penalised once, under Safety)") })
        #expect(safety.feedback.contains { $0.hasPrefix("Harmful — advise bed-rest at ") && $0.contains(": Bed rest is wrong here.") && $0.hasSuffix("(−4)") })
        #expect(ladder.references.contains("NICE NG59"))
    }

    @Test func criticalHarmFailsWhateverThePoints() throws {
        let r = try grade(exemplar.dropLast() + ["perform fusion", "end"])
        #expect(!r.passed)
        #expect(r.criticalErrors.contains("Fusion has no place here."))
    }

    @Test func projectedDeteriorationIsCritical() throws {
        let r = try grade(["ask bladder saddle-numbness", "examine rectal", "order mri-lumbar urgent", "diagnose ces", "advise stay-active", "end"])
        #expect(r.criticalErrors.contains("Reached painless retention before decompression"))
        #expect(r.outcome == "Went into retention.")
    }

    @Test func noDiagnosisCannotPass() throws {
        let r = try grade(exemplar.filter { !$0.hasPrefix("diagnose") })
        #expect(!r.passed)
        #expect(r.failReasons.first?.contains("no working diagnosis") == true)
    }

    @Test func shotgunTestingCannotPass() throws {
        let r = try grade(exemplar.dropLast() + ["order esr xray-lumbar blood-culture", "order esr urgent", "order bladder-scan", "end"])
        // esr, esr urgent, xray-lumbar, blood-culture are unlisted (bladder-scan is neutral): 3 distinct codes.
        #expect(r.criticalErrors.isEmpty)
        let investigations = try #require(r.criteria.first { $0.criterion == .investigations })
        #expect(investigations.score < 15)
        var s = try Fixtures.session(Array(exemplar.dropLast()))
        // Each unnecessary order costs a point; past the limit the case fails.
        for code in ["esr", "xray-lumbar", "blood-culture"] { _ = s.handle("order \(code)") }
        _ = s.handle("order mri-lumbar")
        _ = s.handle("perform fusion")
        let g = Grader.grade(s, context: .init(transcriptPath: "t"))
        #expect(!g.passed)
    }

    @Test func doseErrorsCostSafety() throws {
        let r = try grade(exemplar.dropLast() + ["give paracetamol 2g qds", "end"])
        let safety = try #require(r.criteria.first { $0.criterion == .safety })
        #expect(safety.score == 7)
        #expect(safety.feedback.contains { $0.hasPrefix("Dose error") })
    }

    @Test func rejectedLinesAreListed() throws {
        let r = try grade(["ordr esr"] + exemplar)
        #expect(r.rejected.count == 1)
        #expect(r.rejected.first?.line == 1)
        #expect(r.passed)
    }

    @Test func reportJSONIsDeterministicAndOrdered() throws {
        let a = try grade(exemplar).json.rendered()
        let b = try grade(exemplar).json.rendered()
        #expect(a == b)
        let keys = ["\"scenario\"", "\"transcript\"", "\"score\"", "\"max_score\"", "\"passed\"", "\"critical_errors\"",
                    "\"diagnosis\"", "\"outcome\"", "\"criteria\"", "\"rejected\"", "\"events\""]
        let positions = keys.compactMap { Substring(a).range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }

    @Test func selfTestsOfTheFixtureHold() throws {
        let (scenario, catalogue) = try Fixtures.scenario()
        let outcomes = SelfTestRunner.run(scenario, catalogue: catalogue)
        #expect(outcomes.count == 2)
        for o in outcomes { #expect(o.holds, "\(o.test.name): \(o.problems)") }
    }

    @Test func otherFormatsCarryTheirKeys() throws {
        let r = try grade(exemplar)
        let gradescope = ReportRenderer.render([r], format: .gradescope)
        for key in ["\"score\"", "\"max_score\"", "\"tests\"", "\"name\"", "\"output\""] { #expect(gradescope.contains(key)) }
        let junit = ReportRenderer.render([r], format: .junit)
        #expect(junit.components(separatedBy: "<testcase ").count - 1 == 7)
        let xapi = ReportRenderer.render([r], format: .xapi)
        for key in ["\"actor\"", "\"verb\"", "\"object\"", "\"result\"", "\"timestamp\"", "verbs/attempted", "verbs/passed", "\"scaled\""] {
            #expect(xapi.contains(key))
        }
        #expect(ReportRenderer.isoDuration(minutes: 135) == "PT2H15M")
        let csv = ReportRenderer.render([r, r], format: .csv).split(separator: "\n")
        #expect(csv.count == 3)
        #expect(csv[0].hasPrefix("transcript,scenario,student,score,max_score,passed,critical_errors,history,examination"))
    }

    /// A CSV field is quoted only when it holds a comma, a quote or a newline; quotes double.
    @Test(arguments: [("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
                      ("café; ok", "café; ok"), ("", "")])
    func csvFieldsAreQuotedWhenNeeded(field: String, expected: String) {
        #expect(ReportRenderer.csvField(field) == expected)
    }
}

extension String {
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: separator) {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
