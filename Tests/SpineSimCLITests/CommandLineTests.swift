import Foundation
import Testing
@testable import SpineSimCLI

/// The real binary, as scripts and instructors use it.
@Suite(.serialized) struct CommandLineTests {
    let competentStrain = """
    # scenario: mechanical-strain
    ask onset severity radiation bladder bowel saddle-numbness leg-weakness fever weight-loss cancer-history
    ask beliefs mood occupation medications allergies
    examine vitals inspection palpation range-of-motion straight-leg-raise lower-limb-power lower-limb-reflexes lower-limb-sensation
    diagnose mechanical-low-back-pain
    advise reassurance stay-active heat
    give naproxen 250mg q8h oral
    advise safety-netting
    end
    """

    func write(_ text: String, name: String, in dir: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func validateBrokenFilesFailWithALocatedLineQuickly() throws {
        let dir = try temporaryDirectory()
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for n in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            bomb += "\(n): &\(n) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = n
        }
        let cases: [(String, String, String)] = [
            ("broken.yaml", "id: broken\ntitle: [unclosed\n", "broken.yaml:"),
            ("unknown-key.yaml", "id: unknown-key\ntitel: Back pain\n", "unknown-key.yaml:2:1: error: scenario: unknown key 'titel'"),
            ("bomb.yaml", bomb, "bomb.yaml:1:4: error: YAML anchors and aliases"),
        ]
        for (name, text, expected) in cases {
            let path = try write(text, name: name, in: dir)
            let r = try runSpineSim(["validate", path])
            #expect(r.status == 1, "\(name): exit \(r.status)")
            #expect(r.stderr.contains(expected), "\(name): \(r.stderr)")
            #expect(r.seconds < 5, "\(name) took \(r.seconds) s")
            #expect(!r.stderr.contains("Fatal error"))
        }
    }

    @Test func validatePassesOnTheBundledCases() throws {
        let r = try runSpineSim(["validate"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("0 with errors"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try runSpineSim(["grade"]).status == 2)
        #expect(try runSpineSim(["frobnicate"]).status == 2)
        #expect(try runSpineSim(["grade", "--format", "pdf", "x.txt"]).status == 2)
    }

    @Test func gradeJSONIsDeterministicAndShaped() throws {
        let dir = try temporaryDirectory()
        let path = try write(competentStrain, name: "strain.txt", in: dir)
        let a = try runSpineSim(["grade", "--format", "json", path])
        let b = try runSpineSim(["grade", "--format", "json", path])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        for key in ["scenario", "transcript", "score", "max_score", "passed", "critical_errors", "diagnosis", "outcome",
                    "criteria", "rejected", "events", "provenance", "items"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let criteria = try #require(object["criteria"] as? [[String: Any]])
        #expect(criteria.compactMap { $0["id"] as? String } == ["history", "examination", "investigations", "ladder", "timeliness", "safety", "diagnosis"])
        #expect(object["passed"] as? Bool == true, "\(a.stdout)")
    }

    @Test func gradeGoesOnPastBadFilesAndExitsOne() throws {
        let dir = try temporaryDirectory()
        let good = try write(competentStrain, name: "a-good.txt", in: dir)
        let noCase = try write("ask onset\n", name: "b-nocase.txt", in: dir)
        let r = try runSpineSim(["grade", "--format", "csv", good, noCase, (dir as NSString).appendingPathComponent("missing.txt")])
        #expect(r.status == 1)
        #expect(r.stdout.split(separator: "\n").count == 2)
        #expect(r.stderr.contains("b-nocase.txt:1:1: error: the transcript names no case"))
        #expect(r.stderr.contains("missing.txt: error: cannot read the file"))
    }

    @Test func pipedPlayWritesATranscriptWithoutEscapes() throws {
        let dir = try temporaryDirectory()
        let transcript = (dir as NSString).appendingPathComponent("t.txt")
        let r = try runSpineSim(["play", "mechanical-strain", "--transcript", transcript], input: "ask onset\nordr esr\n",
                                environment: ["NO_COLOR": ""])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(r.stdout.contains("did you mean 'order'"))
        let written = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(written.contains("\nask onset\n"))
        // The rejected line is kept as a comment, never carried out.
        #expect(written.hasSuffix("\nask onset\n#! rejected: ordr esr\n"))
        #expect(written.contains("# case: c"))
        #expect(!written.contains("mechanical-strain"))
        // --transcript never overwrites.
        let again = try runSpineSim(["play", "mechanical-strain", "--transcript", transcript], input: "")
        #expect(again.status == 1)
        #expect(again.stderr.contains("use --resume"))
        // --resume continues the same file from its header.
        let resumed = try runSpineSim(["play", "--resume", transcript], input: "examine palpation\nend\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("DEBRIEF"))
        let after = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(after.hasSuffix("ask onset\n#! rejected: ordr esr\nexamine palpation\nend\n"))
        #expect(resumed.stdout.contains(": ordr esr — unknown verb"))
        #expect(resumed.stdout.contains("Resumed: 1 earlier command replayed"))
        // The student transcript grades through its opaque reference.
        let graded = try runSpineSim(["grade", "--format", "json", transcript])
        #expect(graded.status == 0, "\(graded.stderr)")
        #expect(graded.stdout.contains("\"scenario\": \"mechanical-strain\""))
    }

    @Test func listHidesIdsFromStudents() throws {
        let student = try runSpineSim(["list"])
        #expect(student.status == 0)
        #expect(!student.stdout.contains("cauda-equina"))
        #expect(student.stdout.contains("  1. "))
        let instructor = try runSpineSim(["list", "--instructor"])
        #expect(instructor.stdout.contains("id: cauda-equina"))
        let json = try runSpineSim(["list", "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.count >= 4)
        for key in ["id", "title", "setting", "difficulty", "tags"] { #expect(array[0][key] != nil) }
    }

    @Test func bundledCasesAreFoundFromAnyDirectory() throws {
        let r = try runSpineSim(["check"], directory: "/")
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains(" 0 failed") || r.stdout.hasSuffix("0 failed\n"))
    }

    @Test func replayShowsTheSessionAndDebrief() throws {
        let dir = try temporaryDirectory()
        let path = try write(competentStrain, name: "s.txt", in: dir)
        let r = try runSpineSim(["replay", path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("> ask onset"))
        #expect(r.stdout.contains("What an expert would have done:"))
    }
}

/// A large batch is graded on every core; the output must be what one core gives, in order.
@Suite struct ParallelGradingTests {
    @Test func aLargeBatchGradesInOrderAndMatchesSmallBatches() throws {
        let golden = Repo.path("Tests/SpineSimCLITests/Golden")
        let sources = try FileManager.default.contentsOfDirectory(atPath: golden).filter { $0.hasSuffix(".txt") }.sorted()
        try #require(!sources.isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var paths: [String] = []
        for i in 0..<(TranscriptGrading.parallelThreshold + 6) {
            let text = try String(contentsOfFile: (golden as NSString).appendingPathComponent(sources[i % sources.count]), encoding: .utf8)
            let path = (dir as NSString).appendingPathComponent(String(format: "t%03d.txt", i))
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let batch = try runSpineSim(["grade", "--format", "csv"] + paths)
        #expect(batch.status == 0, "\(batch.stderr)")
        let rows = batch.stdout.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows.count == paths.count)
        #expect(rows.map { String($0.prefix { $0 != "," }) } == paths)
        // Below the threshold one core grades; those rows must be the same bytes.
        let small = try runSpineSim(["grade", "--format", "csv"] + Array(paths.prefix(sources.count * 2)))
        #expect(Array(rows.prefix(sources.count * 2)) == small.stdout.split(separator: "\n").dropFirst().map(String.init))
    }
}

/// A large batch with only one gradable transcript prints that report as one file's report
/// would be printed (a JSON object, not an array), and still says which files failed.
@Suite struct LargeBatchEdgeTests {
    @Test func oneGoodTranscriptAmongManyBadOnesPrintsLikeOne() throws {
        let golden = Repo.path("Tests/SpineSimCLITests/Golden/mechanical-strain-competent.txt")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-edge-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var paths: [String] = []
        for i in 0..<(TranscriptGrading.parallelThreshold + 1) {
            let path = (dir as NSString).appendingPathComponent(String(format: "t%03d.txt", i))
            try "# scenario: no-such-case\nask onset\n".write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let good = (dir as NSString).appendingPathComponent("t999.txt")
        try String(contentsOfFile: golden, encoding: .utf8).write(toFile: good, atomically: true, encoding: .utf8)
        let alone = try runSpineSim(["grade", "--format", "json", good])
        let batch = try runSpineSim(["grade", "--format", "json"] + paths + [good])
        #expect(alone.status == 0)
        #expect(batch.status == 1)
        #expect(batch.stdout == alone.stdout)
        #expect(batch.stderr.split(separator: "\n").count == paths.count)
    }
}

/// `grade --baseline`: after a case is edited, each transcript's change is shown.
@Suite struct RegradeTests {
    @Test func editingACaseShowsWhatChanged() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-regrade-\(UUID().uuidString)").path
        let cases = (dir as NSString).appendingPathComponent("cases")
        try FileManager.default.createDirectory(atPath: cases, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try String(contentsOfFile: Repo.path("Scenarios/mechanical-strain.yaml"), encoding: .utf8)
        let copy = original.replacingOccurrences(of: "id: mechanical-strain\n", with: "id: strain-copy\n")
        try #require(copy != original)
        let casePath = (cases as NSString).appendingPathComponent("strain-copy.yaml")
        try copy.write(toFile: casePath, atomically: true, encoding: .utf8)
        let golden = try String(contentsOfFile: Repo.path("Tests/SpineSimCLITests/Golden/mechanical-strain-competent.txt"), encoding: .utf8)
        let transcript = (dir as NSString).appendingPathComponent("attempt.txt")
        try golden.replacingOccurrences(of: "# scenario: mechanical-strain", with: "# scenario: strain-copy")
            .write(toFile: transcript, atomically: true, encoding: .utf8)
        let baseline = (dir as NSString).appendingPathComponent("before.json")

        let before = try runSpineSim(["grade", "--format", "json", "--scenarios", cases, "--output", baseline, transcript])
        #expect(before.status == 0, "\(before.stderr)")
        let unchanged = try runSpineSim(["grade", "--scenarios", cases, "--baseline", baseline, transcript])
        #expect(unchanged.stdout.contains("0 of 1 transcript changed."), "\(unchanged.stdout)")

        // The instructor raises the pass mark: the same consultation now fails.
        let raised = copy.replacingOccurrences(of: "pass_mark: 70", with: "pass_mark: 90")
        try #require(raised != copy)
        try raised.write(toFile: casePath, atomically: true, encoding: .utf8)
        let after = try runSpineSim(["grade", "--scenarios", cases, "--baseline", baseline, transcript])
        #expect(after.stdout.contains("changed    \(transcript)"), "\(after.stdout)")
        #expect(after.stdout.contains("pass -> fail"), "\(after.stdout)")
        #expect(after.stdout.contains("1 of 1 transcript changed."))
    }
}
