import Foundation
import SpineSimCore

/// A class file loaded from disk with its paths made absolute and its cases found.
struct ClassContext {
    let file: ClassFile
    /// The class file's absolute path.
    let path: String
    /// The spool folder's absolute path.
    let spool: String
    let library: ScenarioLibrary
    /// The same cases for playing and grading, opened through the folders' index.
    let store: CaseStore

    /// Loads and checks the class file; every problem is one located line.
    static func load(_ given: String, extraFolders: [String] = []) throws(CLIError) -> ClassContext {
        let path = absolute(given, relativeTo: FileManager.default.currentDirectoryPath)
        let text = try FileAccess.readText(path)
        let loaded = ClassFileLoader.load(text: text, path: given)
        guard let file = loaded.file else {
            throw .scenarioInvalid(path: given, diagnostics: loaded.diagnostics.map(\.description))
        }
        let directory = (path as NSString).deletingLastPathComponent
        let folders = file.caseFolders.map { absolute($0, relativeTo: directory) }
        var diagnostics: [String] = []
        for folder in folders where !FileAccess.isDirectory(folder) {
            diagnostics.append("\(given):1:1: error: case folder '\(folder)' does not exist")
        }
        let allFolders = extraFolders + folders
        var library = try ScenarioLibrary.load(extraFolders: allFolders,
                                               only: caseFiles(file, folders: ScenarioLibrary.folders(extra: allFolders)), forAuthors: false)
        var ids = Set(library.scenarios.map(\.id))
        if file.namedCases.contains(where: { !ids.contains($0.name) }) {
            library = try ScenarioLibrary.load(extraFolders: allFolders, forAuthors: false)
            ids = Set(library.scenarios.map(\.id))
        }
        for named in file.namedCases where !ids.contains(named.name) {
            let hint = Suggestions.phrase(Suggestions.closest(to: named.name, among: Array(ids), limit: 2))
            diagnostics.append(Diagnostic(path: given, line: named.line, column: named.column,
                                          message: "no case with id '\(named.name)'\(hint) ('spinesim list --instructor' shows the ids)").description)
        }
        if !diagnostics.isEmpty { throw .scenarioInvalid(path: given, diagnostics: diagnostics) }
        return ClassContext(file: file, path: path, spool: absolute(file.spool, relativeTo: directory), library: library,
                            store: CaseStore(catalogue: library.catalogue, index: CaseIndex.build(folders: library.folders)))
    }

    /// When the class names every case it offers and each is in a file named after its id,
    /// just those files: a session starts once per connection, and loading only its cases
    /// makes that several times faster. Otherwise nil (load every case found).
    static func caseFiles(_ file: ClassFile, folders: [String]) -> [String]? {
        if let practice = file.practice, practice.cases == nil { return nil }
        var paths: [String] = []
        for id in Set(file.namedCases.map(\.name)).sorted() {
            let candidates = folders.flatMap { folder in ["yaml", "yml"].map { "\(folder)/\(id).\($0)" } }
            let found = candidates.filter(FileAccess.exists)
            guard found.count == 1, let only = found.first else { return nil }
            paths.append(only)
        }
        return paths.isEmpty ? nil : paths
    }

    static func absolute(_ path: String, relativeTo directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        return URL(fileURLWithPath: joined).standardized.path
    }

    func scenario(id: String) -> Scenario? { library.scenarios.first { $0.id == id } }

    /// What a student may play now: during an open exam only its cases; otherwise the
    /// assignments not yet due, then practice.
    func offerings(at now: Int) -> [Offering] {
        let openExams = file.exams.filter { $0.isOpen(at: now) }
        if !openExams.isEmpty {
            return openExams.flatMap { exam in exam.cases.compactMap { c in scenario(id: c.name).map { Offering(mode: .exam(exam), scenario: $0) } } }
        }
        var out: [Offering] = []
        for assignment in file.assignments where assignment.due.map({ now < $0 }) ?? true {
            out += assignment.cases.compactMap { c in scenario(id: c.name).map { Offering(mode: .assignment(assignment), scenario: $0) } }
        }
        if let practice = file.practice {
            let scenarios = practice.cases.map { $0.compactMap { scenario(id: $0.name) } } ?? library.scenarios
            out += scenarios.map { Offering(mode: .practice, scenario: $0) }
        }
        return out
    }
}

/// One case a student may play, and in which mode.
struct Offering {
    enum Mode {
        case practice
        case assignment(ClassFile.Assignment)
        case exam(ClassFile.Exam)
    }
    var mode: Mode
    var scenario: Scenario

    var modeID: String {
        switch mode {
        case .practice: return "practice"
        case .assignment(let a): return a.id
        case .exam(let e): return e.id
        }
    }

    var isExam: Bool { if case .exam = mode { return true } else { return false } }
    var isPractice: Bool { if case .practice = mode { return true } else { return false } }

    /// The line in a student's list (neutral title, never the case id).
    func label(number: Int, spool: Spool, student: String) -> String {
        var line = "\(String(number).leftPadded(to: 3)). \(scenario.title)  [\(scenario.setting.label), \(scenario.difficulty.rawValue)]"
        let slot = spool.slot(student: student, mode: modeID, scenario: scenario)
        let finished = slot.latest()?.meta.finished != nil
        switch mode {
        case .practice:
            line += " - practice"
        case .assignment(let a):
            line += " - assignment \(a.id)" + (a.due.map { ", due \(ClockText.format($0))" } ?? "")
            if finished { line += ", handed in" }
        case .exam(let e):
            line += " - exam \(e.id), \(e.minutes) min, one attempt"
            if finished { line += ", submitted" }
        }
        return line
    }
}

/// Wall-clock times as text, in UTC. Written out by hand from `gmtime_r`: a Foundation date
/// formatter took about a millisecond to set up, a noticeable part of `play`'s start-up.
enum ClockText {
    /// "2026-12-05 16:43 UTC".
    static func format(_ seconds: Int) -> String {
        let t = fields(seconds)
        return "\(t.year)-\(two(t.month))-\(two(t.day)) \(two(t.hour)):\(two(t.minute)) UTC"
    }

    /// "2026-12-05T16:43:07Z" (ISO 8601, internet date-time).
    static func iso(_ seconds: Int) -> String {
        let t = fields(seconds)
        return "\(t.year)-\(two(t.month))-\(two(t.day))T\(two(t.hour)):\(two(t.minute)):\(two(t.second))Z"
    }

    /// "20261205-164307", for file names.
    static func compact(_ seconds: Int) -> String {
        let t = fields(seconds)
        return "\(t.year)\(two(t.month))\(two(t.day))-\(two(t.hour))\(two(t.minute))\(two(t.second))"
    }

    private static func fields(_ seconds: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func span(_ seconds: Int) -> String {
        let m = max(seconds, 0) / 60
        return m < 60 ? "\(m) min" : "\(m / 60) h \(m % 60) min"
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }
}
