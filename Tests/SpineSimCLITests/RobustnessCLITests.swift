import Foundation
import Testing
@testable import SpineSimCLI
import SpineSimCore

/// Issue 11's findings from outside the binary: each failed (a trap, a hang, a silent loss or
/// a zero exit status after an error) on the build before the fix.
@Suite struct RobustnessCLITests {
    static let golden = "Tests/SpineSimCLITests/Golden/mechanical-strain-competent.txt"

    /// Runs a shell command line (for redirections and `ulimit`) with the binary as $SPINESIM.
    func shell(_ script: String, directory: String? = nil) throws -> ProcessResult {
        let binary = try #require(Repo.binary, "build the binary first: swift build")
        return try runSpineSimShell(script, binary: binary, directory: directory)
    }

    /// No trap: exit status 0 or 1, and no Swift runtime message.
    func expectNoTrap(_ r: ProcessResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 0 || r.status == 1, "\(what): status \(r.status)\n\(r.stderr)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("Fatal error"), "\(what): \(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aHugeDoseNeverTraps() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let transcript = (dir as NSString).appendingPathComponent("t.txt")
        let input = "ask onset\ngive naproxen 9300000000000000000mg\nend\n"
        let play = try runSpineSim(["play", "mechanical-strain", "--transcript", transcript], input: input)
        expectNoTrap(play, "play")
        #expect(play.stdout.contains("too large"))
        // The refused line is not in the transcript; write it in, as an older build did.
        try ("# scenario: mechanical-strain\n# seed: 1\n" + input).write(toFile: transcript, atomically: true, encoding: .utf8)
        for format in ["text", "json", "junit", "gradescope", "xapi", "csv"] {
            let grade = try runSpineSim(["grade", "--format", format, transcript])
            expectNoTrap(grade, "grade \(format)")
            #expect(grade.status == 0)
        }
        expectNoTrap(try runSpineSim(["replay", transcript]), "replay")
        try ("# scenario: mechanical-strain\n# seed: 1\ngive naproxen 9300000000000000000mg\n").write(toFile: transcript, atomically: true, encoding: .utf8)
        expectNoTrap(try runSpineSim(["play", "--resume", transcript], input: "end\n"), "resume")
    }

    @Test func hugeRubricPointsAreAnErrorInEverySubcommand() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try String(contentsOfFile: Repo.path("Scenarios/mechanical-strain.yaml"), encoding: .utf8)
        let bad = original.replacingOccurrences(of: "id: mechanical-strain\n", with: "id: strain-bad\n")
        let pointsLine = try #require(bad.range(of: #"points: \d+"#, options: .regularExpression))
        try bad.replacingCharacters(in: pointsLine, with: "points: 1e18").write(toFile: dir + "/strain-bad.yaml", atomically: true, encoding: .utf8)
        for args in [["list"], ["validate", dir + "/strain-bad.yaml"], ["check"], ["grade", Repo.path(Self.golden)]] {
            let r = try runSpineSim(args + ["--scenarios", dir])
            expectNoTrap(r, args[0])
        }
        let validate = try runSpineSim(["validate", dir + "/strain-bad.yaml"])
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("strain-bad.yaml:") && validate.stderr.contains("between -1000000 and 1000000"), "\(validate.stderr)")
    }

    @Test func aHugeBaselineScoreIsAnErrorNotATrap() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let transcript = Repo.path(Self.golden)
        let baseline = dir + "/old.json"
        try "[{\"transcript\": \"\(transcript)\", \"score\": 1e18, \"passed\": true}]".write(toFile: baseline, atomically: true, encoding: .utf8)
        let r = try runSpineSim(["grade", "--baseline", baseline, transcript])
        expectNoTrap(r, "grade --baseline")
        #expect(r.stdout.contains("out of range"), "\(r.stdout)")
    }

    @Test func endlessAndHugeFilesAreRefusedQuickly() throws {
        let r = try runSpineSim(["grade", "--scenario", "mechanical-strain", "/dev/zero"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/dev/zero: error: the file is larger than 20 MB"), "\(r.stderr)")
        #expect(r.seconds < 10)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let long = dir + "/long.txt"
        try ("# scenario: mechanical-strain\nask " + String(repeating: "x", count: 20_000) + "\nend\n").write(toFile: long, atomically: true, encoding: .utf8)
        let l = try runSpineSim(["grade", long])
        #expect(l.status == 1)
        #expect(l.stderr.contains("long.txt:2:1: error: the line is longer than 10000 bytes"), "\(l.stderr)")
        let many = dir + "/many.txt"
        try ("# scenario: mechanical-strain\n" + String(repeating: "ask onset\n", count: Limits.transcriptLines + 1)).write(toFile: many, atomically: true, encoding: .utf8)
        let m = try runSpineSim(["grade", many])
        #expect(m.status == 1)
        #expect(m.stderr.contains("many.txt:\(Limits.transcriptLines + 2):1: error: the transcript has more than 200000 command lines"), "\(m.stderr)")
    }

    @Test func crlfTranscriptsGradeAsLF() throws {
        // Read as one line before: a 100/100 transcript graded 30 and exited 0.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lf = try String(contentsOfFile: Repo.path(Self.golden), encoding: .utf8)
        try lf.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: dir + "/crlf.txt", atomically: true, encoding: .utf8)
        try lf.replacingOccurrences(of: "\n", with: " \t\n").write(toFile: dir + "/spaces.txt", atomically: true, encoding: .utf8)
        try lf.write(toFile: dir + "/lf.txt", atomically: true, encoding: .utf8)
        let scores = try ["lf", "crlf", "spaces"].map { name -> String in
            let r = try runSpineSim(["grade", "--format", "csv", dir + "/\(name).txt"])
            #expect(r.status == 0)
            return r.stdout.replacingOccurrences(of: "\(name).txt", with: "X.txt")
        }
        #expect(Set(scores).count == 1, "\(scores)")
    }

    @Test func aSecondWriterIsRefusedNamingTheHolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let transcript = dir + "/t.txt"
        let binary = try #require(Repo.binary)
        // The first session waits on its input, holding the transcript.
        let first = Process()
        first.executableURL = URL(fileURLWithPath: binary)
        first.arguments = ["play", "mechanical-strain", "--student", "alice", "--transcript", transcript]
        let input = Pipe()
        first.standardInput = input
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { first.terminate(); first.waitUntilExit() }
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: dir + "/.t.txt.lock"), Date() < deadline { usleep(50_000) }
        let second = try runSpineSim(["play", "mechanical-strain", "--transcript", transcript], input: "ask onset\nend\n")
        #expect(second.status == 1)
        #expect(second.stderr.contains("another session is writing this transcript") && second.stderr.contains("pid \(first.processIdentifier)")
                && second.stderr.contains("student alice"), "\(second.stderr)")
        let resume = try runSpineSim(["play", "--resume", transcript], input: "ask onset\nend\n")
        #expect(resume.status == 1)
        #expect(resume.stderr.contains("another session is writing this transcript"), "\(resume.stderr)")
        // The first session's lines are all that is written.
        try input.fileHandleForWriting.write(contentsOf: Data("ask onset\nend\n".utf8))
        try input.fileHandleForWriting.close()
        first.waitUntilExit()
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(text.hasSuffix("ask onset\nend\n"))
        #expect(text.components(separatedBy: "ask onset").count == 2)
        #expect(!FileManager.default.fileExists(atPath: dir + "/.t.txt.lock"))
    }

    @Test func aFailedTranscriptWriteEndsTheSessionWithWholeLines() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A file-size limit of 1 kB (ulimit counts 1024-byte blocks in bash, 512 in dash: either way small).
        let lines = (1...200).map { _ in "ask onset" }.joined(separator: "\n")
        let r = try shell("printf '%s\\nend\\n' \"\(lines)\" | (ulimit -f 1; exec \"$SPINESIM\" play mechanical-strain --transcript t.txt)", directory: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("t.txt: error: cannot write"), "\(r.stderr)")
        let text = try String(contentsOfFile: dir + "/t.txt", encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("#") || $0 == "ask onset" })
    }

    @Test func outputErrorsExitNonZero() throws {
        let transcript = Repo.path(Self.golden)
        for command in ["\"$SPINESIM\" grade \"\(transcript)\" > /dev/full", "\"$SPINESIM\" list > /dev/full",
                        "\"$SPINESIM\" grade --format json \"\(transcript)\" > /dev/full"] {
            let r = try shell(command)
            #expect(r.status == 1, "\(command): \(r.status)")
            #expect(r.stderr.contains("error: could not write"), "\(command): \(r.stderr)")
        }
    }

    @Test func outputGoesThroughATemporaryFileAndOnlyOverRegularFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let transcript = Repo.path(Self.golden)
        // A folder, a link and a device are refused, and left as they were.
        try FileManager.default.createDirectory(atPath: dir + "/folder", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/elsewhere")
        for target in [dir + "/folder", dir + "/link", "/dev/full"] {
            let r = try runSpineSim(["grade", "--output", target, transcript])
            #expect(r.status == 1)
            #expect(r.stderr.contains("not a regular file"), "\(target): \(r.stderr)")
        }
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
        #expect(!FileManager.default.fileExists(atPath: dir + "/elsewhere"))
        // A regular file is replaced whole; a failed write leaves neither it nor a temporary file.
        try "old".write(toFile: dir + "/out.json", atomically: true, encoding: .utf8)
        let ok = try runSpineSim(["grade", "--format", "json", "--output", dir + "/out.json", transcript])
        #expect(ok.status == 0)
        #expect(try String(contentsOfFile: dir + "/out.json", encoding: .utf8).contains("\"score\""))
        let big = (0..<80).map { _ in "\"\(transcript)\"" }.joined(separator: " ")
        let failed = try shell("ulimit -f 1; exec \"$SPINESIM\" grade --format json --output new.json \(big)", directory: dir)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("new.json: error: cannot write"), "\(failed.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(!left.contains("new.json") && !left.contains { $0.contains(".spinesim-") }, "\(left)")
    }

    @Test func badTranscriptPathsHaveTheirOwnMessages() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling", withDestinationPath: dir + "/nowhere")
        let link = try runSpineSim(["play", "mechanical-strain", "--transcript", dir + "/dangling"], input: "end\n")
        #expect(link.status == 1)
        #expect(link.stderr.contains("--transcript is a symbolic link"), "\(link.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/nowhere"))
        let folder = try runSpineSim(["play", "mechanical-strain", "--transcript", dir], input: "end\n")
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("--transcript is a folder"), "\(folder.stderr)")
    }

    @Test func aSymlinkLoopInScenariosIsReported() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/loop", withDestinationPath: dir + "/loop")
        let r = try runSpineSim(["list", "--scenarios", dir + "/loop"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("loop:1:1: error: cannot list this case folder (it is a symbolic link loop)"), "\(r.stderr)")
    }

    @Test func tooManyCasesInAFolderIsAnError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for i in 0...Limits.casesPerFolder { _ = FileManager.default.createFile(atPath: dir + "/c\(i).yaml", contents: nil) }
        let r = try runSpineSim(["list", "--scenarios", dir])
        #expect(r.status == 1)
        #expect(r.stderr.contains("at most \(Limits.casesPerFolder)"), "\(r.stderr)")
        #expect(r.seconds < 10)
    }
}

/// Any file given as a transcript either grades or fails with one clear line: never a trap.
@Suite struct AnyTranscriptPropertyTests {
    @Test(arguments: [UInt64(1), 2, 3, 4]) func randomFilesGradeOrFailInOneLine(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let library = try Repo.lib()
        let store = CaseStore(catalogue: library.catalogue, index: CaseIndex.build(folders: library.folders))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pieces = ["# scenario: mechanical-strain\n", "# case: c123\n", "# seed: 99999999999999999999\n", "ask onset\n", "give naproxen 1e400mg\n",
                      "wait 999999w\n", "\r\n", "end\n", "order mri-lumbar urgent\r\n", "give naproxen 9300000000000000000mg\n", "\u{0}", "é\u{301}", " \t",
                      String(repeating: "x", count: 11_000)]
        for i in 0..<25 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                if Int.random(in: 0..<5, using: &rng) == 0 {
                    bytes += (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                } else {
                    bytes += Array((pieces.randomElement(using: &rng) ?? "").utf8)
                }
            }
            let path = dir + "/t\(i).txt"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let override = Bool.random(using: &rng) ? "mechanical-strain" : nil
            do throws(CLIError) {
                let report = try TranscriptGrading.grade(file: path, store: store, scenarioOverride: override)
                #expect(report.score.isFinite && report.score >= 0, "seed \(seed) file \(i)")
            } catch {
                #expect(!error.description.contains("\n") && error.description.contains("error:"), "seed \(seed) file \(i): \(error.description)")
            }
        }
    }
}

/// Every input a fuzz target ever crashed on, kept in Fuzz/Regressions/<Target>/, goes through
/// the target's own code (`FuzzHarness`) on every test run.
@Suite struct FuzzRegressionTests {
    @Test func everyKeptCrashInputRunsClean() throws {
        let root = Repo.path("Fuzz/Regressions")
        let targets = try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.hasPrefix(".") }
        #expect(!targets.isEmpty)
        var count = 0
        for target in targets.sorted() {
            let run = try #require(FuzzHarness.targets[target], "Fuzz/Regressions/\(target) names no fuzz target")
            for name in try FileManager.default.contentsOfDirectory(atPath: root + "/" + target).sorted() where !name.hasPrefix(".") {
                let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + target + "/" + name))
                run(Array(data))
                count += 1
            }
        }
        #expect(count > 0)
    }
}

/// Runs `script` with `sh`, the binary's path in $SPINESIM.
func runSpineSimShell(_ script: String, binary: String, directory: String?) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["SPINESIM"] = binary
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
}

/// SplitMix64, seeded, so a failing property names its seed (as in the core tests).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
