import SpineSimCore
import Foundation
import Testing
@testable import SpineSimCLI

/// `spinesim session` run as sshd would run it (SSH_ORIGINAL_COMMAND set, no terminal), and
/// the instructor's `class` subcommands, on a class in a temporary folder.
@Suite
struct ClassSessionTests {
    static let keyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPCGt3cdXYDs0FIFonjxfi3tHczd2kTZk03ROmgEUYXs ana@laptop"
    static let keyB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMsQBaf8xai/9fSZ505pfKtATRv95PxJ1GNjGvTmoPIG"

    struct ClassDir {
        let root: String
        var classFile: String { root + "/class.yaml" }

        init(exam: Bool = false) throws {
            root = try temporaryDirectory()
            let modes = exam
                ? "exams:\n  - id: final\n    cases: [cauda-equina]\n    minutes: 30\n"
                : "assignments:\n  - id: week1\n    cases: [mechanical-strain]\n"
            try """
                class: c1
                spool: spool
                grade_at_end: true
                roster:
                  - id: ana
                    name: Ana Silva
                    keys: ["\(ClassSessionTests.keyA)"]
                  - id: ben
                    keys: ["\(ClassSessionTests.keyB)"]
                \(modes)
                """.write(toFile: classFile, atomically: true, encoding: .utf8)
        }

        func session(_ student: String, _ request: String, input: String = "") throws -> ProcessResult {
            try runSpineSim(["session", "--class", classFile, "--student", student], input: input,
                            environment: ["SSH_ORIGINAL_COMMAND": request])
        }

        func file(_ relative: String) -> String { root + "/" + relative }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func anythingButTheFiveRequestsIsRefusedWithOneLine() throws {
        let dir = try ClassDir()
        defer { dir.remove() }
        for request in ["sh", "play 1 && id", "play ../../etc", "list -a", "internal-sftp", "git-upload-pack x"] {
            let result = try dir.session("ana", request)
            #expect(result.status == 2, "\(request)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stderr.contains("is not something this service does"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("spool")))
        let stranger = try dir.session("mallory", "list")
        #expect(stranger.status == 2)
        #expect(stranger.stderr.contains("not on the roster"))
    }

    @Test func anAssignmentIsPlayedGradedIntoTheGradebookAndHandedInOnce() throws {
        let dir = try ClassDir()
        defer { dir.remove() }
        let list = try dir.session("ana", "list")
        #expect(list.stdout.contains("1. Low back pain after lifting"))
        #expect(!list.stdout.contains("mechanical-strain"), "a student's list never shows case ids")

        let played = try dir.session("ana", "play", input: "ask onset\nexamine palpation\nend\n")
        #expect(played.status == 0, "\(played.stderr)")
        #expect(played.stdout.contains("What an expert would have done"))
        let csv = try String(contentsOfFile: dir.file("spool/gradebook.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "finished,class,student,name,mode,case,score,max_score,passed,critical_errors,transcript")
        #expect(csv.count == 2)
        #expect(csv.last?.contains(",c1,ana,Ana Silva,week1,mechanical-strain,") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.file("spool/gradebook.json")))) as? [[String: Any]])
        #expect(json.count == 1 && json.first?["student"] as? String == "ana")

        // The gradebook's score is what `spinesim grade` says of the stored transcript.
        let transcript = try #require(json.first?["transcript"] as? String)
        let graded = try runSpineSim(["grade", transcript, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(graded.stdout.utf8)) as? [String: Any])
        #expect(report["score"] as? Double == json.first?["score"] as? Double)

        let again = try dir.session("ana", "play 1")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already handed this assignment case in"))
        let results = try dir.session("ana", "results")
        #expect(results.stdout.contains("week1: Low back pain after lifting"))
        let status = try runSpineSim(["class", "status", dir.classFile])
        #expect(status.stdout.contains("ana      Ana Silva  week1  mechanical-strain  finished"))
        #expect(status.stdout.contains("ben      ben        -      -                  no attempt"))
    }

    /// The exam clock is wall-clock time kept in the attempt's record: an attempt left open
    /// past its deadline is submitted as it stood when the student comes back.
    @Test func anExamPastItsDeadlineIsSubmittedAsItStood() throws {
        let dir = try ClassDir(exam: true)
        defer { dir.remove() }
        let first = try dir.session("ana", "play", input: "ask bladder\n")
        #expect(first.status == 0)
        #expect(first.stdout.contains("Exam final: 30 minutes"))
        let folder = dir.file("spool/ana/final")
        let record = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".json") })
        var meta = try JSONDecoder().decode(AttemptMeta.self, from: Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(record)")))
        #expect(meta.deadline == meta.started + 30 * 60)
        #expect(meta.finished == nil)
        let status = try runSpineSim(["class", "status", dir.classFile])
        #expect(status.stdout.contains("open, not connected, 29 min left") || status.stdout.contains("open, not connected, 30 min left"))

        meta.started -= 3600
        meta.deadline = meta.started + 30 * 60
        try JSONEncoder().encode(meta).write(to: URL(fileURLWithPath: "\(folder)/\(record)"))
        let back = try dir.session("ana", "play", input: "examine saddle-sensation\n")
        #expect(back.status == 0)
        #expect(back.stdout.contains("Time was up"))
        let transcript = try String(contentsOfFile: meta.transcript, encoding: .utf8)
        #expect(transcript.hasSuffix("ask bladder\nend\n"))
        #expect(!(try String(contentsOfFile: dir.file("spool/gradebook.csv"), encoding: .utf8)).isEmpty)
        let third = try dir.session("ana", "play")
        #expect(third.status == 1)
        #expect(third.stderr.contains("one attempt"))
    }

    @Test func aSecondConnectionToAnOpenAttemptIsRefused() throws {
        let dir = try ClassDir()
        defer { dir.remove() }
        let library = try Repo.lib()
        let scenario = try #require(library.scenarios.first { $0.id == "mechanical-strain" })
        let slot = Spool(root: dir.file("spool")).slot(student: "ana", mode: "week1", scenario: scenario)
        let held = try #require(try AttemptLock.acquire(slot.lockPath))
        let refused = try dir.session("ana", "play 1", input: "ask onset\nend\n")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already open in another connection"))
        #expect(!FileManager.default.fileExists(atPath: slot.attemptBase(1) + ".txt"))
        withExtendedLifetime(held) {}
    }

    @Test func keysLinesForceTheCommandAndRefuseUnquotablePaths() throws {
        let dir = try ClassDir()
        defer { dir.remove() }
        let keys = try runSpineSim(["class", "keys", dir.classFile, "--binary", "/usr/local/bin/spinesim"])
        #expect(keys.status == 0, "\(keys.stderr)")
        let lines = keys.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines == [
            "restrict,pty,command=\"/usr/local/bin/spinesim session --class \(dir.classFile) --student ana\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPCGt3cdXYDs0FIFonjxfi3tHczd2kTZk03ROmgEUYXs spinesim:c1:ana",
            "restrict,pty,command=\"/usr/local/bin/spinesim session --class \(dir.classFile) --student ben\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMsQBaf8xai/9fSZ505pfKtATRv95PxJ1GNjGvTmoPIG spinesim:c1:ben",
        ].map { Substring($0) })
        let quoted = try runSpineSim(["class", "keys", dir.classFile, "--binary", "/opt/my spinesim/spinesim"])
        #expect(quoted.status == 2)
        #expect(quoted.stderr.contains("would need quoting"))
        let check = try runSpineSim(["class", "check", dir.classFile])
        #expect(check.status == 0)
        #expect(check.stdout.contains("ok: 2 students, 2 keys"))
    }

    @Test func aClassNamingAnUnknownCaseFailsCheckAtItsLine() throws {
        let dir = try ClassDir()
        defer { dir.remove() }
        let text = try String(contentsOfFile: dir.classFile, encoding: .utf8).replacingOccurrences(of: "[mechanical-strain]", with: "[mechanical-strian]")
        try text.write(toFile: dir.classFile, atomically: true, encoding: .utf8)
        let check = try runSpineSim(["class", "check", dir.classFile])
        #expect(check.status == 1)
        #expect(check.stderr.contains("class.yaml:12:13: error: no case with id 'mechanical-strian'; did you mean 'mechanical-strain'? ('spinesim list --instructor'"))
    }
}
