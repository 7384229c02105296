import Foundation
import SpineSimCore

/// Where a class keeps its attempts: `SPOOL/STUDENT/MODE/REF.txt` (the transcript, named by
/// the case's opaque reference), `REF.json` (the attempt's record: when it started, its exam
/// deadline, when it finished) and `REF.lock` (held while a connection plays it). Practice
/// attempts after the first are `REF-2.txt`, `REF-3.txt`, … The gradebook is
/// `SPOOL/gradebook.csv` and `SPOOL/gradebook.json`. Only the service account can read it.
struct Spool {
    let root: String

    func slot(student: String, mode: String, scenario: Scenario) -> Slot {
        Slot(directory: "\(root)/\(student)/\(mode)", reference: scenario.opaqueReference)
    }

    /// Every attempt record under the spool, for `class status`.
    func allAttempts() -> [Attempt] {
        var out: [Attempt] = []
        let fm = FileManager.default
        for student in ((try? fm.contentsOfDirectory(atPath: root)) ?? []).sorted() where !student.hasPrefix(".") {
            let studentDir = "\(root)/\(student)"
            guard FileAccess.isDirectory(studentDir) else { continue }
            for mode in ((try? fm.contentsOfDirectory(atPath: studentDir)) ?? []).sorted() where !mode.hasPrefix(".") && FileAccess.isDirectory("\(studentDir)/\(mode)") {
                for json in FileAccess.files(in: "\(studentDir)/\(mode)", extensions: ["json"]) {
                    if let attempt = Attempt.read(metaPath: json) { out.append(attempt) }
                }
            }
        }
        return out
    }
}

/// One student's place for one case in one mode: its lock and its attempts.
struct Slot {
    let directory: String
    let reference: String

    var lockPath: String { "\(directory)/\(reference).lock" }

    func attemptBase(_ number: Int) -> String {
        number == 1 ? "\(directory)/\(reference)" : "\(directory)/\(reference)-\(number)"
    }

    /// The attempts so far, in order.
    func attempts() -> [Attempt] {
        var out: [Attempt] = []
        var n = 1
        while let attempt = Attempt.read(metaPath: attemptBase(n) + ".json") {
            out.append(attempt)
            n += 1
        }
        return out
    }

    func latest() -> Attempt? { attempts().last }
}

/// An attempt's record, kept beside its transcript.
struct AttemptMeta: Codable, Equatable {
    var student: String
    var mode: String
    var caseID: String
    var transcript: String
    /// Wall-clock seconds since 1970 when the attempt began.
    var started: Int
    /// For an exam: when its time is up (seconds since 1970).
    var deadline: Int?
    var finished: Int?

    enum CodingKeys: String, CodingKey {
        case student, mode, transcript, started, deadline, finished
        case caseID = "case"
    }
}

struct Attempt {
    var metaPath: String
    var meta: AttemptMeta

    var lockPath: String {
        // REF-2.json and REF.json share REF.lock.
        let base = (metaPath as NSString).deletingPathExtension
        let name = (base as NSString).lastPathComponent
        let ref = name.range(of: #"-\d+$"#, options: .regularExpression).map { String(name[..<$0.lowerBound]) } ?? name
        return ((base as NSString).deletingLastPathComponent as NSString).appendingPathComponent(ref + ".lock")
    }

    static func read(metaPath: String) -> Attempt? {
        guard let data = FileManager.default.contents(atPath: metaPath),
              let meta = try? JSONDecoder().decode(AttemptMeta.self, from: data) else { return nil }
        return Attempt(metaPath: metaPath, meta: meta)
    }

    func save() throws(CLIError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(meta) else { throw .cannotWrite(path: metaPath, reason: "the record could not be encoded") }
        try FileAccess.write(String(decoding: data, as: UTF8.self) + "\n", to: metaPath)
    }
}

/// An exclusive `flock` on a slot's lock file, held while one connection plays the attempt.
/// The kernel drops it when the process ends however it ends, so a dropped connection
/// never leaves a stale lock.
final class AttemptLock {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// The lock, or nil when another process holds it.
    static func acquire(_ path: String) throws(CLIError) -> AttemptLock? {
        do { try FileAccess.createParent(of: path) } catch { throw .cannotWrite(path: path, reason: error.localizedDescription) }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            return nil
        }
        let holder = "\(getpid()) \(ClockText.now)\n"
        _ = ftruncate(fd, 0)
        _ = holder.withCString { pwrite(fd, $0, strlen($0), 0) }
        return AttemptLock(descriptor: fd)
    }

    /// Whether some process holds the lock now, and since when (seconds since 1970).
    static func holder(_ path: String) -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        let text = (try? FileAccess.readText(path)) ?? ""
        return text.split(separator: " ").dropFirst().first.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    }

    deinit { close(descriptor) }
}

/// The instructor's record of graded attempts: a CSV row and a JSON object per attempt.
enum Gradebook {
    static let columns = ["finished", "class", "student", "name", "mode", "case", "score", "max_score", "passed",
                          "critical_errors", "transcript"]

    static func record(_ report: GradeReport, attempt: AttemptMeta, context: ClassContext) throws(CLIError) {
        let name = context.file.student(attempt.student)?.name ?? attempt.student
        let values: [String] = [ClockText.iso(attempt.finished ?? ClockText.now), context.file.id, attempt.student, name,
                                attempt.mode, report.scenarioID, number(report.score), number(report.maxScore),
                                report.passed ? "true" : "false", String(report.criticalErrors.count), attempt.transcript]
        let lockPath = "\(context.spool)/gradebook.lock"
        do { try FileAccess.createParent(of: lockPath) } catch { throw .cannotWrite(path: lockPath, reason: error.localizedDescription) }
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(path: lockPath, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        flock(fd, LOCK_EX)

        let csvPath = "\(context.spool)/gradebook.csv"
        var csv = (try? FileAccess.readText(csvPath)) ?? columns.joined(separator: ",") + "\n"
        csv += values.map(csvField).joined(separator: ",") + "\n"
        try FileAccess.write(csv, to: csvPath)

        let jsonPath = "\(context.spool)/gradebook.json"
        var rows: [[String: Any]] = []
        if let data = FileManager.default.contents(atPath: jsonPath),
           let existing = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] { rows = existing }
        var row: [String: Any] = [:]
        for (key, value) in zip(columns, values) { row[key] = value }
        row["score"] = report.score
        row["max_score"] = report.maxScore
        row["passed"] = report.passed
        row["critical_errors"] = report.criticalErrors
        rows.append(row)
        guard let data = try? JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys]) else {
            throw .cannotWrite(path: jsonPath, reason: "the gradebook could not be encoded")
        }
        try FileAccess.write(String(decoding: data, as: UTF8.self) + "\n", to: jsonPath)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
