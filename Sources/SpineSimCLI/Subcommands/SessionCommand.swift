import ArgumentParser
import Foundation
import SpineSimCore
import SpineSimTerminal

/// `spinesim session`: the forced command of a class's service account. sshd runs it for
/// a student's key (the student comes from the key's line in authorized_keys, never from
/// the client), and the student's request arrives in `SSH_ORIGINAL_COMMAND`.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Serve one student over SSH (the forced command 'spinesim class keys' writes); the request comes from SSH_ORIGINAL_COMMAND.")

    @Option(name: .customLong("class"), help: ArgumentHelp("The class file.", valueName: "FILE")) var classFile: String
    @Option(help: "The student's id in the class roster.") var student: String
    @OptionGroup var library: LibraryOptions


    func run() throws {
        try reportingErrors { () throws(CLIError) -> Int32 in
            umask(0o077)
            // The request is checked before anything is loaded: a refusal costs nothing.
            let request = ProcessInfo.processInfo.environment["SSH_ORIGINAL_COMMAND"] ?? ""
            let words = request.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard Self.isRequest(words) else {
                let shown = request.count > 40 ? String(request.prefix(40)) + "…" : request
                throw .usage("'\(shown)' is not something this service does; you may ask for: list, play N, results, help")
            }
            let context = try ClassContext.load(classFile, extraFolders: library.folders)
            guard let person = context.file.student(student) else {
                throw .usage("'\(student)' is not on the roster of \(context.file.title); ask your instructor")
            }
            // Line-editing history is kept per student, in the spool, never shared.
            setenv("XDG_STATE_HOME", "\(context.spool)/\(person.id)/.state", 1)
            var server = ClassServer(context: context, student: person, interactive: Terminal.isInteractive(0),
                                     colour: Terminal.colorEnabled(noColorFlag: library.noColor))
            switch words.first?.lowercased() {
            case nil: return try server.menu()
            case "list" where words.count == 1: return server.list()
            case "results" where words.count == 1: return server.results()
            case "help" where words.count == 1: return server.help()
            case "play" where words.count <= 2: return try server.play(words.count == 2 ? words[1] : nil)
            default: throw .usage("unreachable request")
            }
        }
    }

    /// The requests a student may make: nothing (a menu), list, results, help, play, play N.
    static func isRequest(_ words: [String]) -> Bool {
        switch words.first?.lowercased() {
        case nil: return true
        case "list", "results", "help": return words.count == 1
        case "play": return words.count == 1 || (words.count == 2 && words[1].allSatisfy(\.isASCII) && Int(words[1]) != nil)
        default: return false
        }
    }
}

/// What one student can do in a class.
struct ClassServer {
    let context: ClassContext
    let student: ClassFile.Student
    let interactive: Bool
    let colour: Bool

    var spool: Spool { Spool(root: context.spool) }

    func help() -> Int32 {
        print("""
            \(context.file.title): SpineSim over SSH, signed in as \(student.name) (\(student.id)).
              ssh HOST            a menu: pick a case by number
              ssh -t HOST play N  play case N from the list (ssh -t gives line editing and Tab)
              ssh -t HOST play    play your assigned case, when there is exactly one
              ssh HOST list       the cases you may play now
              ssh HOST results    your finished attempts
            In a case: 'help' for commands, Tab to complete, 'end' to finish. If the connection
            drops, connect again and play the same number: the attempt carries on where it was.
            """)
        return 0
    }

    func list() -> Int32 {
        let offerings = context.offerings(at: ClockText.now)
        if offerings.isEmpty {
            print("Nothing is open for you to play just now.")
            return 0
        }
        print("Cases for \(student.name) in \(context.file.title):")
        for (i, offering) in offerings.enumerated() {
            print(offering.label(number: i + 1, spool: spool, student: student.id))
        }
        return 0
    }

    func results() -> Int32 {
        let mine = spool.allAttempts().filter { $0.meta.student == student.id && $0.meta.finished != nil }
        if mine.isEmpty {
            print("No finished attempts yet.")
            return 0
        }
        for attempt in mine {
            let title = context.scenario(id: attempt.meta.caseID)?.title ?? "a case"
            var line = "\(ClockText.format(attempt.meta.finished ?? 0))  \(attempt.meta.mode): \(title)"
            if attempt.meta.deadline != nil {
                line += " - submitted"
            } else if let report = try? TranscriptGrading.grade(file: attempt.meta.transcript, store: context.store, scenarioOverride: nil) {
                line += " - \(Gradebook.number(report.score))/\(Gradebook.number(report.maxScore)), \(report.passed ? "passed" : "not passed")"
            }
            print(line)
        }
        return 0
    }

    /// No request: list the cases and, on a terminal, ask for a number.
    mutating func menu() throws(CLIError) -> Int32 {
        _ = list()
        let offerings = context.offerings(at: ClockText.now)
        guard interactive, !offerings.isEmpty else {
            if !offerings.isEmpty { print("Play one with: ssh -t HOST play N") }
            return 0
        }
        while true {
            print("Case number (Enter to leave): ", terminator: "")
            guard let answer = Swift.readLine()?.trimmingCharacters(in: .whitespaces), !answer.isEmpty else { return 0 }
            if let n = Int(answer), (1...offerings.count).contains(n) { return try play(answer) }
            print("Type a number from 1 to \(offerings.count), or press Enter to leave.")
        }
    }

    func play(_ choice: String?) throws(CLIError) -> Int32 {
        let now = ClockText.now
        let offerings = context.offerings(at: now)
        let offering: Offering
        if let choice {
            guard let n = Int(choice), (1...max(offerings.count, 1)).contains(n), !offerings.isEmpty else {
                throw .usage("there is no case \(choice) for you; 'list' shows the numbers (1 to \(offerings.count))")
            }
            offering = offerings[n - 1]
        } else {
            let assigned = offerings.filter { !$0.isPractice }
            guard assigned.count == 1, let only = assigned.first else {
                throw .usage(assigned.isEmpty ? "no case is assigned to you now; 'list' shows what you may play, then 'play N'"
                                              : "\(assigned.count) cases are assigned; say which: 'play N' ('list' shows the numbers)")
            }
            offering = only
        }
        let slot = spool.slot(student: student.id, mode: offering.modeID, scenario: offering.scenario)
        guard let lock = try AttemptLock.acquire(slot.lockPath) else {
            printError("This case is already open in another connection of yours; close that one first (or wait a minute if it dropped), then connect again.")
            return 1
        }
        defer { withExtendedLifetime(lock) {} }

        var attempt: Attempt
        var resume = false
        if let latest = slot.latest(), latest.meta.finished == nil {
            attempt = latest
            resume = FileAccess.exists(attempt.meta.transcript)
        } else if let latest = slot.latest(), !offering.isPractice {
            _ = latest
            printError(offering.isExam ? "You have already sat this exam case; an exam allows one attempt."
                                       : "You have already handed this assignment case in; 'results' shows it.")
            return 1
        } else {
            let number = slot.attempts().count + 1
            let base = slot.attemptBase(number)
            var deadline: Int?
            if !interactive {
                printError("(No terminal: plain lines, no prompt. For line editing and Tab connect with ssh -t.)")
            }
            if case .exam(let exam) = offering.mode {
                deadline = now + exam.minutes * 60
                if let closes = exam.closes { deadline = min(deadline ?? closes, closes) }
            }
            attempt = Attempt(metaPath: base + ".json",
                              meta: AttemptMeta(student: student.id, mode: offering.modeID, caseID: offering.scenario.id,
                                                transcript: base + ".txt", started: now, deadline: deadline, finished: nil))
            try attempt.save()
        }

        var timeUp: (() -> String?)?
        var remaining: (() -> String?)?
        if let deadline = attempt.meta.deadline {
            timeUp = { ClockText.now >= deadline ? "Time is up (\(ClockText.format(deadline))): the case ends here and your transcript is submitted." : nil }
            remaining = { "\(ClockText.span(deadline - ClockText.now)) left" }
        }
        if case .assignment(let a) = offering.mode, let due = a.due {
            timeUp = { ClockText.now >= due ? "The assignment was due at \(ClockText.format(due)): the case ends here." : nil }
        }
        if let deadline = attempt.meta.deadline, now >= deadline, resume {
            // The connection dropped and the time ran out meanwhile: submit what was kept.
            let writer = try TranscriptWriter(path: attempt.meta.transcript, create: false, header: "")
            _ = try writer.append("end")
            print("Time was up at \(ClockText.format(deadline)); your attempt was submitted as it stood.")
        } else {
            if !interactive {
                printError("(No terminal: plain lines, no prompt. For line editing and Tab connect with ssh -t.)")
            }
            if case .exam(let exam) = offering.mode {
                print("Exam \(exam.id): \(exam.minutes) minutes from when you first opened this case, one attempt, no hints and no debrief.")
            }
            let status = try PlayLoop.runSession(scenarioID: offering.scenario.id, student: student.id,
                                                 transcript: attempt.meta.transcript, resume: resume, exam: offering.isExam,
                                                 store: context.store, interactive: interactive, colour: colour,
                                                 timeUp: timeUp, remaining: remaining)
            guard Self.hasEnded(attempt.meta.transcript) else { return status }
        }
        attempt.meta.finished = ClockText.now
        try attempt.save()
        if context.file.gradeAtEnd {
            let report = try TranscriptGrading.grade(file: attempt.meta.transcript, store: context.store, scenarioOverride: nil)
            try Gradebook.record(report, attempt: attempt.meta, context: context)
        }
        return 0
    }

    /// Whether the transcript's last command is `end`.
    static func hasEnded(_ path: String) -> Bool {
        guard let text = try? FileAccess.readText(path) else { return false }
        return Transcript.parse(text).lines.last?.text.lowercased() == "end"
    }
}
